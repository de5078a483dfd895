/**
 * One pass over the review log for the selected cards, feeding every log-based figure. Undo
 * entries are read first, so a review they cancel is skipped wherever it appears; everything
 * else streams, keeping memory to a few numbers per card and per day.
 */
import type { HistoryEntry } from '../store/history.js';
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
  entries: Iterable<HistoryEntry>,
  index: ReadonlyMap<string, number>,
  days: StudyDays,
): LogFigures {
  const log = Array.isArray(entries) ? (entries as readonly HistoryEntry[]) : [...entries];
  const undone = new Set<string>();
  for (const e of log) if (e.kind === 'undo' && index.has(e.card)) undone.add(e.undoes);

  const today = todayCounter();
  const perDay = dayCounter();
  const retention = retentionCounter(index.size);
  const lapses = new Int32Array(index.size);
  let totalReviews = 0;
  for (const e of log) {
    if (e.kind === 'review') {
      const card = index.get(e.card);
      if (card === undefined || (undone.size > 0 && undone.has(e.id))) continue;
      const day = days.offsetOf(e.reviewedAt);
      const prev = e.prev;
      const inReview = prev !== null && prev.state === 'Review';
      const duration = safeMs(e.durationMs);
      totalReviews++;
      perDay.add(day);
      today.review(day, e.rating, prev === null, duration);
      retention.add(card, day, e.rating, inReview, prev?.scheduledDays ?? 0, e.via === 'cram');
      if (inReview && e.rating === 1) lapses[card]!++;
    } else if (e.kind === 'cram' && index.has(e.card)) {
      today.cram(days.offsetOf(e.at), safeMs(e.durationMs));
    }
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
