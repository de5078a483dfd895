/** Today's figures and reviews per study day (from which the heatmap and streak are drawn). */
import type { TodayStats } from './types.js';

export type TodayCounter = {
  review(day: number, rating: number, firstRating: boolean, durationMs: number): void;
  cram(day: number, durationMs: number): void;
  stats(date: string): TodayStats;
};

export function todayCounter(): TodayCounter {
  let reviews = 0;
  let again = 0;
  let learned = 0;
  let crammed = 0;
  let timeMs = 0;
  return {
    review(day, rating, firstRating, durationMs) {
      if (day !== 0) return;
      reviews++;
      if (rating === 1) again++;
      if (firstRating) learned++;
      timeMs += durationMs;
    },
    cram(day, durationMs) {
      if (day !== 0) return;
      crammed++;
      timeMs += durationMs;
    },
    stats: (date) => ({
      date,
      reviews,
      again,
      againRate: reviews > 0 ? again / reviews : null,
      learned,
      crammed,
      timeMs,
    }),
  };
}

/** Reviews per study-day offset. Log entries come in order, so runs of one day are summed first. */
export function dayCounter() {
  const perDay = new Map<number, number>();
  let day = Number.NaN;
  let run = 0;
  const flush = () => {
    if (run > 0) perDay.set(day, (perDay.get(day) ?? 0) + run);
    run = 0;
  };
  return {
    add(d: number) {
      if (d !== day) {
        flush();
        day = d;
      }
      run++;
    },
    /** Study-day offset (0 today, -1 yesterday) → reviews that day. */
    result(): Map<number, number> {
      flush();
      return perDay;
    },
  };
}
