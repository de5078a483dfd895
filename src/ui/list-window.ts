/**
 * The slice of a long list a screen draws: never more rows than the terminal has, whatever the
 * list's length. Ink redraws every line it is given on every frame, and a frame taller than the
 * terminal is redrawn whole (the screen cleared first): home over 5,000 decks took 2–2.5 s per
 * ↓. Hidden rows are counted on a line of their own, above (`↑ 12 more`) and below
 * (`↓ 4,980 more`). Pure: the screens keep where the window stands and pass it back.
 */
import type { Command } from './keys.js';

export type ListWindow = {
  /** The first item drawn. */
  readonly start: number;
  /** One past the last item drawn. */
  readonly end: number;
  /** Items hidden above (drawn as one `↑ N more` line). */
  readonly above: number;
  /** Items hidden below (drawn as one `↓ N more` line). */
  readonly below: number;
};

/** Fewest rows a window takes when the list does not fit: a line of items between two counts. */
export const MIN_WINDOW_ROWS = 3;

/**
 * `total` items shown from `start` (moved back into range) in `height` rows, the `↑`/`↓` lines
 * included: all of them when they fit.
 */
export function scrollWindow(total: number, height: number, start: number): ListWindow {
  const n = Math.max(0, Math.floor(total));
  const h = Math.floor(height);
  if (n <= h) return { start: 0, end: n, above: 0, below: 0 };
  const rows = Math.max(MIN_WINDOW_ROWS, h);
  // The last window has a `↑` line and none below.
  const first = clamp(Math.floor(start), 0, n - (rows - 1));
  let shown = rows - (first > 0 ? 1 : 0);
  if (first + shown < n) shown -= 1;
  const end = first + shown;
  return { start: first, end, above: first, below: n - end };
}

/**
 * The window that keeps `selected` in view, moved from the one at `start` as little as may be:
 * it stays put while the selection moves inside it, and scrolls one row at a time at its edges.
 */
export function listWindow(total: number, height: number, selected: number, start = 0): ListWindow {
  const n = Math.max(0, Math.floor(total));
  if (n === 0) return { start: 0, end: 0, above: 0, below: 0 };
  const sel = clamp(Math.floor(selected), 0, n - 1);
  const at = scrollWindow(n, height, start);
  if (sel < at.start) return scrollWindow(n, height, sel);
  if (sel < at.end) return at;
  // Scrolled down: the selection is the last item, with a `↑` line and, unless it is the last
  // item of the list, a `↓` line.
  const rows = Math.max(MIN_WINDOW_ROWS, Math.floor(height));
  const items = rows - 1 - (sel + 1 < n ? 1 : 0);
  return scrollWindow(n, height, Math.max(0, sel + 1 - items));
}

/** How far PgUp / PgDn move: the items one window shows. */
export function pageOf(w: ListWindow): number {
  return Math.max(1, w.end - w.start);
}

/**
 * How far a command moves the selection or the view, in items, when `w` is on screen: ↑↓ one,
 * PgUp / PgDn a window, Home / End all the way; undefined for a command that does not move.
 */
export function moveOf(command: Command | undefined, w: ListWindow): number | undefined {
  switch (command) {
    case 'up':
      return -1;
    case 'down':
      return 1;
    case 'pageUp':
      return -pageOf(w);
    case 'pageDown':
      return pageOf(w);
    case 'first':
      return Number.NEGATIVE_INFINITY;
    case 'last':
      return Number.POSITIVE_INFINITY;
    default:
      return undefined;
  }
}

/** The selection after a move by `by` items (Home / End are ±Infinity), kept inside the list. */
export function moved(selected: number, by: number, total: number): number {
  return clamp(selected + by, 0, Math.max(0, total - 1));
}

/** `↑ 12 more` / `↓ 4,980 more`: the line standing for the hidden items. */
export function moreLine(direction: 'above' | 'below', count: number): string {
  return `${direction === 'above' ? '↑' : '↓'} ${count.toLocaleString('en-US')} more`;
}

/** The rows a window takes on screen, its `↑`/`↓` lines included. */
export function windowRows(w: ListWindow): number {
  return w.end - w.start + (w.above > 0 ? 1 : 0) + (w.below > 0 ? 1 : 0);
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
