/**
 * Study days. A study day runs from `startHour` local time to the same hour the next day, so a
 * late-night session still counts as "today" (Anki's rollover). ts-fsrs counts days by UTC date
 * and knows nothing of this, so "due today" is decided here.
 */

const HOUR = 3_600_000;

/** Start of the study day that contains `now`. */
export function dayStart(now: Date, startHour: number): Date {
  // By local clock hours, not elapsed hours: on a DST switch day the two differ by one.
  const before = now.getHours() < startHour ? 1 : 0;
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - before, startHour);
}

/** Start of the next study day after the one containing `now`. */
export function nextDayStart(now: Date, startHour: number): Date {
  const start = dayStart(now, startHour);
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1, startHour);
}

/** `YYYY-MM-DD` of the study day containing `at` (local calendar). */
export function dayKey(at: Date, startHour: number): string {
  const d = dayStart(at, startHour);
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

/** Whole study days from the day of `from` to the day of `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date, startHour: number): number {
  const a = dayStart(from, startHour);
  const b = dayStart(to, startHour);
  // Local midnights can be 23 or 25 hours apart across DST; rounding absorbs it.
  return Math.round((b.getTime() - a.getTime()) / (24 * HOUR));
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

/** The start of the study day named by `YYYY-MM-DD` (an exam date, validated where read). */
export function dayFromKey(key: string, startHour: number): Date {
  const d = parseDayKey(key);
  if (!d) throw new RangeError(`${JSON.stringify(key)} ${DAY_KEY_PROBLEM}`);
  return new Date(d.year, d.month - 1, d.day, startHour);
}
