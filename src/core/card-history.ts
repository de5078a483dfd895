/** One card's ratings, read out of the review history's columns: what card info lists. */
import { type History, ROW_CRAM, ROW_UNDONE } from './history.js';
import type { Rating, SrsState } from './model.js';

const DAY_MS = 86_400_000;

export type CardRating = {
  /** Epoch ms. */
  readonly at: number;
  /** Null for a cram answer: the history keeps only that there was one. */
  readonly rating: Rating | null;
  /** A cram answer: kept for stats, never read by the scheduler. */
  readonly cram: boolean;
  /**
   * How long the rating put the card away, in ms: the interval the card's next review started
   * from (whole days, as the log keeps it; 0 for a step within a day), or for its latest
   * rating the time to its due date. Null for a cram answer.
   */
  readonly intervalMs: number | null;
  readonly durationMs: number;
};

/** Every rating `key` got that no undo cancelled, oldest first. */
export function cardRatings(h: History, key: string, srs: SrsState | null): CardRating[] {
  const out: {
    at: number;
    rating: Rating | null;
    cram: boolean;
    durationMs: number;
    row: number;
  }[] = [];
  for (let row = 0; row < h.rows; row++) {
    if (h.keys[h.slot[row]!] !== key || (h.flags[row]! & ROW_UNDONE) !== 0) continue;
    const cram = (h.flags[row]! & ROW_CRAM) !== 0;
    out.push({
      at: h.at[row]!,
      rating: cram ? null : (h.rating[row]! as Rating),
      cram,
      durationMs: h.durationMs[row]!,
      row,
    });
  }
  const reviews = out.filter((r) => !r.cram);
  return out.map(({ row, ...r }) => {
    if (r.cram) return { ...r, intervalMs: null };
    const i = reviews.findIndex((x) => x.row === row);
    const next = reviews[i + 1];
    const intervalMs = next
      ? h.prevScheduledDays[next.row]! * DAY_MS
      : srs
        ? Math.max(0, srs.due - r.at)
        : null;
    return { ...r, intervalMs };
  });
}
