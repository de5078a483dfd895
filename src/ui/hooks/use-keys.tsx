import { type Key, useApp, useInput, useStdin } from 'ink';
import { createContext, type ReactNode, useContext, useRef } from 'react';
import { keystrokes } from '../keys.js';

type Handler = (input: string, key: Key) => void;

const Router = createContext<{ current: Handler | null } | null>(null);

/**
 * One input subscription for the whole app, routed to the screen on show. Ink subscribes a
 * component's `useInput` in an effect, after its first frame is drawn: a key pressed in that gap
 * (the `q` right after a summary appears) reached nobody. The router is subscribed once, and a
 * screen takes over the keys while it renders, before its frame is on screen.
 */
export function KeyRouter({ children }: { readonly children: ReactNode }) {
  const { isRawModeSupported } = useStdin();
  const { exit } = useApp();
  const current = useRef<Handler | null>(null);
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') {
        // Every rating is already on disk; leave as an interrupted program does (128 + SIGINT).
        process.exitCode = 130;
        exit();
        return;
      }
      // Looked up per key: each reads the screen's latest state through its handler.
      for (const k of keystrokes(input, key)) current.current?.(k, key);
    },
    {
      // A pipe is not a keyboard: Ink cannot read keys from it (and would throw).
      isActive: Boolean(isRawModeSupported),
    },
  );
  return <Router.Provider value={current}>{children}</Router.Provider>;
}

/** This screen's keys: through the app's router, or on its own when rendered alone (tests). */
export function useKeys(handler: Handler): void {
  const router = useContext(Router);
  const { isRawModeSupported } = useStdin();
  if (router) router.current = handler;
  useInput(
    (input, key) => {
      for (const k of keystrokes(input, key)) handler(k, key);
    },
    { isActive: router === null && Boolean(isRawModeSupported) },
  );
}
