import type { Command } from '../keys.js';
import { type ListWindow, moveOf, scrollWindow } from '../list-window.js';
import { useLatestState } from './use-latest-state.js';

/**
 * A view of `total` lines in `rows` rows that the scrolling keys move (↑↓, PgUp/PgDn,
 * Home/End): what to draw, and the key handler's part, true when the command was a scroll.
 */
export function useScroll(
  total: number,
  rows: number,
): { readonly shown: ListWindow; readonly scroll: (command: Command | undefined) => boolean } {
  const [top, getTop, setTop] = useLatestState(0);
  const windowAt = (start: number) => scrollWindow(total, rows, start);
  const scroll = (command: Command | undefined) => {
    const by = moveOf(command, windowAt(getTop()));
    if (by === undefined) return false;
    setTop(windowAt(getTop() + by).start);
    return true;
  };
  return { shown: windowAt(top), scroll };
}
