/**
 * One pass over the review history for the selected cards, feeding every log-based figure:
 * memory stays at a few numbers per card and per day.
 */

import type { KeptReviews } from '../fsrs-items.js';
import {
  type History,
  ROW_CRAM,
  ROW_FIRST,
  ROW_PREV_REVIEW,
  ROW_UNDONE,
  ROW_VIA_CRAM,
} from '../history.js';
import { dayCounter, todayCounter } from './activity.js';
import type { StudyDays } from './days.js';
import { retentionCounter } from './retention.js';
import type { RetentionRow, TodayStats } from './types.js';

export type LogFigures = {
  readonly today: TodayStats;
  /** Study-day offset → reviews that day. */
  readonly perDay: ReadonlyMap<number, number>;
  readonly retention: RetentionRow[];
  /** Per card number: Again answers given while in review, what FSRS calls lapses. */
  readonly lapses: Int32Array;
  readonly totalReviews: number;
};

/**
 * `cardOf`: per history slot, its card's number (0 … `cardCount` - 1; -1 for a card not
 * selected). `kept`: the kept reviews to follow in the same pass (the calibration's), with
 * their own numbering per slot (-1: not followed).
 */
export function scanLog(
  history: History,
  cardOf: Int32Array,
  cardCount: number,
  days: StudyDays,
  kept?: { readonly cardOfSlot: Int32Array; readonly follow: KeptReviews },
): LogFigures {
  const { slot, at, durationMs, prevScheduledDays, rating, flags } = history;
  const today = todayCounter();
  const perDay = dayCounter();
  const retention = retentionCounter(cardCount);
  const lapses = new Int32Array(cardCount);
  let totalReviews = 0;
  for (let i = 0; i < history.rows; i++) {
    const card = cardOf[slot[i]!]!;
    const f = flags[i]!;
    if (card < 0 || f & ROW_UNDONE) continue;
    const day = days.offset(at[i]!);
    const duration = safeMs(durationMs[i]!);
    if (f & ROW_CRAM) {
      today.cram(day, duration);
      continue;
    }
    if (kept) {
      const k = kept.cardOfSlot[slot[i]!]!;
      if (k >= 0) kept.follow.row(i, k, days.start(day));
    }
    const r = rating[i]!;
    const inReview = (f & ROW_PREV_REVIEW) !== 0;
    totalReviews++;
    perDay.add(day);
    today.review(day, r, (f & ROW_FIRST) !== 0, duration);
    retention.add(card, day, r, inReview, prevScheduledDays[i]!, (f & ROW_VIA_CRAM) !== 0);
    if (inReview && r === 1) lapses[card]!++;
  }
  return {
    today: today.stats(days.key(0)),
    perDay: perDay.result(),
    retention: retention.rows(),
    lapses,
    totalReviews,
  };
}

const safeMs = (ms: number): number => (Number.isFinite(ms) && ms > 0 ? ms : 0);
