/** Runs of consecutive study days with at least one review. */
import type { Streak } from './types.js';

/** `perDay`: study-day offset (0 today, -1 yesterday) → reviews that day. */
export function streak(perDay: ReadonlyMap<number, number>): Streak {
  const active = (d: number) => (perDay.get(d) ?? 0) > 0;
  const studiedToday = active(0);
  // Not having studied yet today does not break the streak: it ends yesterday until tomorrow.
  let current = 0;
  for (let d = studiedToday ? 0 : -1; active(d); d--) current++;

  const days = [...perDay.keys()].filter((d) => active(d) && d <= 0).sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && days[i]! === days[i - 1]! + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return { current, longest, studiedToday };
}
