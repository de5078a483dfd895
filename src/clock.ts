/**
 * The one clock. Everything that needs the time takes a `now` (epoch ms); only entry points
 * call this.
 * `RECALL_NOW` (ISO-8601) freezes the clock for the whole process — for tests and demos.
 */
import { UserError } from './errors.js';

export type Clock = () => number;

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const fixed = env.RECALL_NOW;
  if (fixed === undefined || fixed === '') return Date.now;
  const ms = Date.parse(fixed);
  if (Number.isNaN(ms)) {
    throw new UserError(`RECALL_NOW is not an ISO-8601 date: ${JSON.stringify(fixed)}`, 2);
  }
  return () => ms;
}
