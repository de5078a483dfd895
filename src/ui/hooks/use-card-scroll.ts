import type { Command } from '../keys.js';
import { type ListWindow, moveOf, scrollWindow } from '../list-window.js';
import { useLatestState } from './use-latest-state.js';

/**
 * The rows of a card cut to fit the screen, moved by the card-scrolling keys. The card draws
 * itself and measures how tall it is and how many rows it got (`measure`); a new card, or its
 * other side (`showing`), starts at its top again.
 */
export type CardScroll = {
  readonly window: ListWindow;
  readonly measure: (total: number, rows: number) => void;
};

export function useCardScroll(showing: string): {
  readonly scroll: CardScroll;
  /** The key handler's part: true when the command scrolled the card. */
  readonly handle: (command: Command | undefined) => boolean;
} {
  // Both read through `get` in the key handler: a key may come before the handler of the
  // latest frame is subscribed. A measurement is of one face: until the face now shown is
  // measured, nothing counts as cut (a key then would scroll by the last card's rows).
  const [size, getSize, setSize] = useLatestState({ showing, total: 0, rows: 0 });
  const [top, getTop, setTop] = useLatestState({ showing, start: 0 });
  const startOf = (t: typeof top) => (t.showing === showing ? t.start : 0);
  const windowOf = (sz: typeof size, start: number) =>
    sz.showing === showing ? scrollWindow(sz.total, sz.rows, start) : scrollWindow(0, 0, 0);
  const window = windowOf(size, startOf(top));
  const handle = (command: Command | undefined) => {
    const at = windowOf(getSize(), startOf(getTop()));
    // Nothing cut: the keys are not this card's (the list's, the help's, no one's).
    if (at.above + at.below === 0) return false;
    const by = moveOf(command, at);
    if (by === undefined) return false;
    setTop({ showing, start: windowOf(getSize(), at.start + by).start });
    return true;
  };
  const measure = (total: number, rows: number) => {
    const was = getSize();
    if (was.showing !== showing || total !== was.total || rows !== was.rows) {
      setSize({ showing, total, rows });
    }
  };
  return { scroll: { window, measure }, handle };
}
