/**
 * Study days. A study day runs from `startHour` local time to the same hour the next day, so a
 * late-night session still counts as "today" (Anki's rollover). ts-fsrs counts days by UTC date
 * and knows nothing of this, so "due today" is decided here.
 */

const HOUR = 3_600_000;

/**
 * Start (epoch ms) of the study day `offset` days after the one that contains `at`: the one
 * implementation of study-day arithmetic (today, tomorrow, the day before an exam, day k).
 */
export function dayStart(at: number, startHour: number, offset = 0): number {
  const d = new Date(at);
  // By local clock hours, not elapsed hours: on a DST switch day the two differ by one.
  const before = d.getHours() < startHour ? 1 : 0;
  return new Date(
    d.getFullYear(),
    d.getMonth(),
    d.getDate() - before + offset,
    startHour,
  ).getTime();
}

/** The starts of `count` study days from the one containing `at`, and of the day after them. */
export function dayStarts(at: number, startHour: number, count: number): number[] {
  return Array.from({ length: count + 1 }, (_, d) => dayStart(at, startHour, d));
}

/**
 * Which of the days `starts` (as `dayStarts` gives them) holds `at`: 0 for the first; undefined
 * before the first or from the end of the last. For counting many instants by day, where a
 * `dayStart` per instant (a `Date` each) would be the cost.
 */
export function dayIndexIn(starts: readonly number[], at: number): number | undefined {
  if (at < starts[0]! || at >= starts[starts.length - 1]!) return undefined;
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The local weekday, 0 Sunday … 6 Saturday, of the study day containing `at`. */
export function weekdayOf(at: number, startHour: number): number {
  return new Date(dayStart(at, startHour)).getDay();
}

/** `YYYY-MM-DD` of the local calendar date at `at`. */
export function localDate(at: number): string {
  const d = new Date(at);
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

/** `YYYY-MM-DD` of the study day containing `at` (local calendar). */
export function dayKey(at: number, startHour: number): string {
  return localDate(dayStart(at, startHour));
}

/** Whole study days from the day of `from` to the day of `to` (negative when `to` is earlier). */
export function daysBetween(from: number, to: number, startHour: number): number {
  // Local midnights can be 23 or 25 hours apart across DST; rounding absorbs it.
  return Math.round((dayStart(to, startHour) - dayStart(from, startHour)) / (24 * HOUR));
}

/** The one wording of a bad date, wherever one is read (config, deck file, `--exam`). */
export const DAY_KEY_PROBLEM = 'must be a calendar day written YYYY-MM-DD';

export type CalendarDay = { readonly year: number; readonly month: number; readonly day: number };

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `YYYY-MM-DD` → the calendar day it names (month 1–12), or undefined when it names none:
 * 2026-02-31, 2026-13-01 and 2026-2-3 are all undefined.
 */
export function parseDayKey(text: string): CalendarDay | undefined {
  const m = DAY_KEY.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC rolls a day past the month's end into the next month: that is how it is caught.
  const probe = new Date(Date.UTC(year, month - 1, day));
  const real = probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  return real ? { year, month, day } : undefined;
}

/** The start (epoch ms) of the study day named by `YYYY-MM-DD` (validated where it was read). */
export function dayFromKey(key: string, startHour: number): number {
  const d = parseDayKey(key);
  if (!d) throw new RangeError(`${JSON.stringify(key)} ${DAY_KEY_PROBLEM}`);
  return new Date(d.year, d.month - 1, d.day, startHour).getTime();
}
