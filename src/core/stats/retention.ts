/**
 * True retention as Anki defines it: of the cards that were in review, the share recalled at
 * their first review of the study day (Again fails; Hard, Good and Easy pass). Young and mature
 * split at a previous interval of 21 days. Cram reviews are early reviews and left out, as
 * Anki leaves out filtered-deck reviews.
 */
import type { Ratio, RetentionPeriod, RetentionRow } from './types.js';

export const MATURE_DAYS = 21;

export const retentionPeriods: readonly { period: RetentionPeriod; days: number }[] = [
  { period: 'day', days: 1 },
  { period: 'week', days: 7 },
  { period: 'month', days: 30 },
  { period: 'year', days: 365 },
];

const LONGEST = 365;

export type RetentionCounter = {
  /**
   * Feed (not undone) reviews in log order: the card's number in the selection, the review's
   * study-day offset from today (0 today, -1 yesterday), its rating, whether the card was in
   * review before and with what interval, and whether a cram rated it.
   */
  add(
    card: number,
    day: number,
    rating: number,
    prevInReview: boolean,
    prevScheduledDays: number,
    cram: boolean,
  ): void;
  rows(): RetentionRow[];
};

export function retentionCounter(cardCount: number): RetentionCounter {
  // Per card, the study day of its last counted review: the log is in order, so a review on
  // the same day as the last one is not the first of its day.
  const lastDay = new Float64Array(cardCount).fill(Number.NaN);
  // [period][young = 0 | mature = 1] → passed, total
  const passed = retentionPeriods.map(() => [0, 0]);
  const total = retentionPeriods.map(() => [0, 0]);
  return {
    add(card, day, rating, prevInReview, prevScheduledDays, cram) {
      if (cram || lastDay[card] === day) return;
      lastDay[card] = day;
      const age = 0 - day; // not -day: -0 for today would deoptimise the hot path
      if (!prevInReview || !(age >= 0 && age < LONGEST)) return;
      const m = prevScheduledDays >= MATURE_DAYS ? 1 : 0;
      const pass = rating > 1 ? 1 : 0;
      for (let k = 0; k < retentionPeriods.length; k++) {
        if (age >= retentionPeriods[k]!.days) continue;
        total[k]![m]!++;
        passed[k]![m]! += pass;
      }
    },
    rows() {
      return retentionPeriods.map((p, k) => {
        const young = { passed: passed[k]![0]!, total: total[k]![0]! };
        const mature = { passed: passed[k]![1]!, total: total[k]![1]! };
        return {
          period: p.period,
          days: p.days,
          young: ratio(young),
          mature: ratio(mature),
          all: ratio({ passed: young.passed + mature.passed, total: young.total + mature.total }),
        };
      });
    },
  };
}

export function ratio(t: { passed: number; total: number }): Ratio {
  return { passed: t.passed, total: t.total, rate: t.total > 0 ? t.passed / t.total : null };
}
