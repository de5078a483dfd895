/**
 * "Set due date", as Anki's browser has it: `0` today, `3` in three days, `1-7` a day picked at
 * random in that range (per card), a trailing `!` to set the card's interval to the new one too.
 * The card's memory (stability, difficulty) is left alone: only when it comes up changes.
 */
import { dayStart } from './day.js';
import type { SrsState } from './model.js';

export type DueSpec = { readonly min: number; readonly max: number; readonly setInterval: boolean };

/** Anki's own upper bound for a typed number of days is u32; a century is plenty here. */
export const MAX_DUE_DAYS = 36_500;

const SPEC = /^(\d+)(?:-(\d+))?(!)?$/;

/** The spec typed (spaces around it ignored), or why it is not one. */
export function parseDueSpec(text: string): DueSpec | { readonly problem: string } {
  const m = SPEC.exec(text.trim());
  if (!m) {
    return { problem: 'type 0 (today), 3, 1-7 (at random), 3! (interval too)' };
  }
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (Math.max(a, b) > MAX_DUE_DAYS) return { problem: `at most ${MAX_DUE_DAYS} days` };
  // As Anki does, a range typed backwards is the same range.
  return { min: Math.min(a, b), max: Math.max(a, b), setInterval: m[3] !== undefined };
}

/**
 * The state `srs` gets when set due `days` study days from `now`: a review card due at the start
 * of that day. Its interval stays unless `setInterval` (or it was still in learning steps, which
 * have no interval in days): then it is the new one, at least a day, as Anki sets it.
 */
export function setDue(
  srs: SrsState,
  days: number,
  setInterval: boolean,
  now: number,
  dayStartsAt: number,
): SrsState {
  const reviewing = srs.state === 'Review' || srs.state === 'Relearning';
  return {
    ...srs,
    state: 'Review',
    due: dayStart(now, dayStartsAt, days),
    learningSteps: 0,
    scheduledDays: setInterval || !reviewing ? Math.max(1, days) : Math.max(1, srs.scheduledDays),
  };
}

/** The days from today for one card: the spec's, or one drawn in its range. */
export function dueDays(spec: DueSpec, random: () => number): number {
  return spec.min + Math.floor(random() * (spec.max - spec.min + 1));
}
