/**
 * The one clock. Everything that needs the time takes a `now`; only entry points call this.
 * `RECALL_NOW` (ISO-8601) freezes the clock for the whole process — for tests and demos.
 */
export type Clock = () => Date;

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const fixed = env.RECALL_NOW;
  if (fixed === undefined || fixed === '') return () => new Date();
  const ms = Date.parse(fixed);
  if (Number.isNaN(ms)) {
    throw new Error(`RECALL_NOW is not an ISO-8601 date: ${JSON.stringify(fixed)}`);
  }
  return () => new Date(ms);
}
