import { useCallback, useRef, useState } from 'react';

/**
 * State whose latest value is readable at once. Ink re-subscribes input handlers after each
 * render, so keys that arrive faster than that (a fast typist, a paste, key repeat) would reach a
 * handler holding the previous state; reading through `get` makes every key see its
 * predecessor's effect.
 */
export function useLatestState<T>(initial: T | (() => T)): [T, () => T, (next: T) => void] {
  const [value, setValue] = useState(initial);
  const ref = useRef(value);
  const set = useCallback((next: T) => {
    ref.current = next;
    setValue(next);
  }, []);
  const get = useCallback(() => ref.current, []);
  return [value, get, set];
}
