/**
 * Study-day arithmetic relative to today, fast enough for a million log lines. Every answer
 * comes from core/day.ts; this only remembers them: the bounds of the last day asked about, and
 * the answer per quarter hour (every UTC offset and DST switch falls on a quarter hour, so all
 * instants in one share a study day).
 */
import { dayStart, daysBetween, localDate } from '../day.js';

const QUARTER = 15 * 60_000;

export type StudyDays = {
  /** Study days from today to the day holding `ms` (0 today, -1 yesterday, 1 tomorrow). */
  readonly offset: (ms: number) => number;
  /** `YYYY-MM-DD` of the study day `offset` days from today. */
  readonly key: (offset: number) => string;
};

/** `now` in epoch ms. */
export function studyDays(now: number, dayStartsAt: number): StudyDays {
  const today = dayStart(now, dayStartsAt);
  const cache = new Map<number, number>();
  const start = (offset: number) => dayStart(today, dayStartsAt, offset);
  const byQuarter = (q: number): number => {
    let off = cache.get(q);
    if (off === undefined) {
      off = daysBetween(today, q * QUARTER, dayStartsAt);
      cache.set(q, off);
    }
    return off;
  };
  const bounds = new Map<number, readonly [number, number]>();
  // Log rows come in time order, so most look-ups fall in the same study day as the last one.
  let lo = Number.NaN;
  let hi = Number.NaN;
  let last = Number.NaN;
  const offset = (ms: number): number => {
    if (ms >= lo && ms < hi) return last;
    last = byQuarter(Math.floor(ms / QUARTER));
    let b = bounds.get(last);
    if (b === undefined && Number.isFinite(last)) {
      b = [start(last), start(last + 1)];
      bounds.set(last, b);
    }
    [lo, hi] = b ?? [Number.NaN, Number.NaN];
    return last;
  };
  return { offset, key: (offset) => localDate(start(offset)) };
}
