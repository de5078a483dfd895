/**
 * One pass over the review history for the selected cards, feeding every log-based figure:
 * memory stays at a few numbers per card and per day.
 */
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

/** `index`: progress key → a dense card number (0, 1, 2, …). */
export function scanLog(
  history: History,
  index: ReadonlyMap<string, number>,
  days: StudyDays,
): LogFigures {
  const cardOf = new Int32Array(history.keys.length);
  for (let s = 0; s < cardOf.length; s++) cardOf[s] = index.get(history.keys[s]!) ?? -1;
  const { slot, at, durationMs, prevScheduledDays, rating, flags } = history;
  const today = todayCounter();
  const perDay = dayCounter();
  const retention = retentionCounter(index.size);
  const lapses = new Int32Array(index.size);
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
