import { useRef } from 'react';
import type { CardInfo } from '../../app/card-info.js';
import type { Card } from '../../core/card.js';
import { useLatestState } from './use-latest-state.js';

/**
 * The card info a study screen or the browser opens over itself. Reading it (the card's ratings
 * from the log) takes a moment, so it opens at once, empty, and fills in when the read ends;
 * a read that ends after the info was closed, or another was asked for, is dropped.
 */
export function useCardInfo(
  read: (card: Card, now: number) => Promise<CardInfo>,
  /** Told why a read failed; the info is closed. */
  failed: (notice: string) => void,
): {
  /** Undefined: closed; null: open, still being read. */
  readonly info: CardInfo | null | undefined;
  readonly isOpen: () => boolean;
  readonly open: (card: Card, now: number) => void;
  readonly close: () => void;
} {
  const [info, getInfo, setInfo] = useLatestState<CardInfo | null | undefined>(undefined);
  const asked = useRef(0);
  const open = (card: Card, now: number) => {
    const ask = ++asked.current;
    setInfo(null);
    read(card, now).then(
      (got) => {
        if (asked.current === ask) setInfo(got);
      },
      (e: unknown) => {
        if (asked.current !== ask) return;
        setInfo(undefined);
        failed(`Card info failed: ${(e as Error).message}`);
      },
    );
  };
  const close = () => {
    asked.current++;
    setInfo(undefined);
  };
  return { info, isOpen: () => getInfo() !== undefined, open, close };
}
