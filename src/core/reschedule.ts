/**
 * Rescheduling on new parameters, as ts-fsrs's `reschedule` does it: each card's memory state
 * replayed from an empty card through every rating of its history that counts, with the
 * scheduler the card's deck uses now; its due date is the one that replay's last rating gives.
 * Only real ratings count (not cram answers, not undone ones), from the card's last first rating
 * (a card made new again starts over). A due date set by hand is not a rating: replay drops it,
 * as ts-fsrs skips manual entries.
 */
import { type History, ROW_CRAM, ROW_FIRST, ROW_UNDONE } from './history.js';
import type { Rating, SrsState } from './model.js';

/** A rating through the card's scheduler (`prev` null: a new card). */
export type Rate = (key: string, prev: SrsState | null, rating: Rating, at: number) => SrsState;

/**
 * Each card `include` accepts, by its key now, with the state its replayed history gives. A card
 * with no rating that counts is not in the map. One pass over the rows, in log (time) order.
 */
export function replayedStates(
  history: History,
  include: (key: string) => boolean,
  rate: Rate,
): Map<string, SrsState> {
  const out = new Map<string, SrsState>();
  const included = history.keys.map((k) => include(k));
  for (let r = 0; r < history.rows; r++) {
    const slot = history.slot[r]!;
    const flags = history.flags[r]!;
    if (!included[slot] || (flags & (ROW_CRAM | ROW_UNDONE)) !== 0) continue;
    const key = history.keys[slot]!;
    const prev = (flags & ROW_FIRST) !== 0 ? null : (out.get(key) ?? null);
    out.set(key, rate(key, prev, history.rating[r]! as Rating, history.at[r]!));
  }
  return out;
}

/** How far rescheduling moved the due dates: counts, medians and a histogram, in whole days. */
export type Shift = {
  readonly earlier: number;
  readonly later: number;
  readonly same: number;
  /** Median days earlier / later among the cards moved that way (0 when none). */
  readonly medianEarlier: number;
  readonly medianLater: number;
  readonly buckets: readonly { readonly label: string; readonly count: number }[];
};

/** Days moved, per bucket (at most 12 columns: the histogram's label width). */
const LABELS = [
  'earlier 30+',
  'earlier 7–30',
  'earlier 1–7',
  'within a day',
  'later 1–7',
  'later 7–30',
  'later 30+',
] as const;

/** A move of `d` days: earlier by a day or more, within a day, later by a day or more. */
function bucketOf(d: number): number {
  if (d <= -30) return 0;
  if (d <= -7) return 1;
  if (d <= -1) return 2;
  if (d < 1) return 3;
  if (d < 7) return 4;
  return d < 30 ? 5 : 6;
}

/** `deltas`: per card, new due minus old due, in days (fractions kept). */
export function shiftOf(deltas: readonly number[]): Shift {
  const counts = LABELS.map(() => 0);
  for (const d of deltas) counts[bucketOf(d)]!++;
  const earlier = deltas.filter((d) => d <= -1).map((d) => -d);
  const later = deltas.filter((d) => d >= 1);
  return {
    earlier: earlier.length,
    later: later.length,
    same: deltas.length - earlier.length - later.length,
    medianEarlier: median(earlier),
    medianLater: median(later),
    buckets: LABELS.map((label, i) => ({ label, count: counts[i]! })),
  };
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
