/**
 * The one clock. Everything that needs the time takes a `now` (epoch ms); only entry points
 * call this.
 * `RECALL_NOW` (ISO-8601) freezes the clock for the whole process — for tests and demos.
 */
import { UserError } from './errors.js';

export type Clock = () => number;

/** `2026-03-10`, `2026-03-10T12:00`, with seconds, fraction and `Z` or an offset optional. */
const ISO_8601 =
  /^[+-]?\d{4,6}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;
/** The last millisecond of the year 9999, UTC. */
const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const fixed = env.RECALL_NOW;
  if (fixed === undefined || fixed === '') return Date.now;
  // Date.parse also takes `0`, `12/31/2026` and years ±275760, which schedules cannot use.
  const ms = ISO_8601.test(fixed) ? Date.parse(fixed) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new UserError(`RECALL_NOW is not an ISO-8601 date: ${JSON.stringify(fixed)}`, 2);
  }
  if (ms < 0 || ms > LAST_MS) {
    throw new UserError(`RECALL_NOW is not between 1970 and 9999: ${JSON.stringify(fixed)}`, 2);
  }
  return () => ms;
}
