/**
 * Scheduling for a deadline: until the exam day, a card FSRS would next show on or after the
 * exam, but whose recall would by then have decayed below the desired retention, is brought
 * forward to the latest study day before the exam whose (expected successful) review lifts its
 * recall on exam day back above. The rule and its formula: docs/exam-prep.md.
 */

import { dayFromKey, dayStart, daysBetween } from './day.js';
import type { SrsState } from './model.js';
import { recallAt } from './recall.js';
import type { Scheduler } from './scheduler.js';

/** The rating a review on the chosen day is expected to get: Good. */
const EXPECTED_RATING = 3;

export type ExamOptions = {
  /** `YYYY-MM-DD`: the exam is taken on that study day. */
  readonly exam: string;
  /** Epoch ms. */
  readonly now: number;
  /** Local hour a study day begins (config `dayStartsAt`). */
  readonly dayStartsAt: number;
  /** Desired retention (0–1): the recall to have on exam day. */
  readonly retention: number;
  readonly scheduler: Scheduler;
};

/**
 * `next` (the state a rating just produced) adjusted for the exam: see the module comment.
 * Unchanged after the exam has begun, for cards due before the exam day, and for cards whose
 * recall at the exam day's start is already at least `retention`. When no study day is left
 * between today and the exam, the card is left as FSRS scheduled it.
 */
export function applyExamDate(next: SrsState, opts: ExamOptions): SrsState {
  const { now, dayStartsAt, retention, scheduler } = opts;
  const exam = dayFromKey(opts.exam, dayStartsAt);
  if (now >= exam) return next;
  if (next.due < exam) return next;
  if (next.state === 'New' || next.lastReview === undefined) return next;
  if (recallAt(next, exam, scheduler) >= retention) return next;

  const today = dayStart(now, dayStartsAt);
  // Walk back from the day before the exam; the first day whose Good review keeps recall at or
  // above retention on exam day is the latest such day. Reviewing later leaves less time to
  // forget, so this is nearly always the day before the exam.
  for (let k = 1; ; k++) {
    const day = dayStart(exam, dayStartsAt, -k);
    if (day <= today) return next;
    const after = scheduler.rate('', next, EXPECTED_RATING, day);
    if (recallAt(after, exam, scheduler) >= retention) {
      return {
        ...next,
        due: day,
        scheduledDays: Math.max(0, daysBetween(next.lastReview, day, dayStartsAt)),
      };
    }
  }
}
