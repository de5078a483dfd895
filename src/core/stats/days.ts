/**
 * Study-day arithmetic relative to today, fast enough for a million log lines and every card's
 * due date. Every answer comes from core/day.ts; this only remembers the starts of the days
 * asked about: an instant's day is the one whose start is at or before it and whose next day's
 * start is after it, found from a guess of whole days and a step or two (a study day is 23 to
 * 25 hours long), and runs of instants in one day (the log is in time order) ask nothing at all.
 */
import { dayStart, daysBetween, localDate } from '../day.js';

const DAY = 86_400_000;

export type StudyDays = {
  /** Study days from today to the day holding `ms` (0 today, -1 yesterday, 1 tomorrow). */
  readonly offset: (ms: number) => number;
  /** `YYYY-MM-DD` of the study day `offset` days from today. */
  readonly key: (offset: number) => string;
  /** Where the study day `offset` days from today starts (epoch ms): `dayStart`'s answer. */
  readonly start: (offset: number) => number;
};

/** `now` in epoch ms. */
export function studyDays(now: number, dayStartsAt: number): StudyDays {
  const today = dayStart(now, dayStartsAt);
  const starts = new Map<number, number>();
  const start = (offset: number): number => {
    let s = starts.get(offset);
    if (s === undefined) {
      s = dayStart(today, dayStartsAt, offset);
      starts.set(offset, s);
    }
    return s;
  };
  // The day of the last answer, and its bounds: most look-ups fall in it.
  let lo = Number.NaN;
  let hi = Number.NaN;
  let last = Number.NaN;
  const offset = (ms: number): number => {
    if (ms >= lo && ms < hi) return last;
    let k = Math.floor((ms - today) / DAY);
    let from = Number.isSafeInteger(k) ? start(k) : Number.NaN;
    while (from > ms) from = start(--k);
    let to = start(k + 1);
    while (to <= ms) {
      from = to;
      to = start(++k + 1);
    }
    if (!(Number.isFinite(from) && Number.isFinite(to))) {
      // Out of Date's range, or not an instant: what core/day.ts says (NaN).
      lo = hi = Number.NaN;
      return daysBetween(today, ms, dayStartsAt);
    }
    lo = from;
    hi = to;
    last = k;
    return k;
  };
  return { offset, key: (offset) => localDate(start(offset)), start };
}
