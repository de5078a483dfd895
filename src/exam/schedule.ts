/**
 * Scheduling for a deadline: until the exam day, a card FSRS would next show on or after the
 * exam, but whose recall would by then have decayed below the desired retention, is brought
 * forward to the latest study day before the exam whose (expected successful) review lifts its
 * recall on exam day back above. The rule and its formula: docs/exam-prep.md.
 */
import { dayFromKey, dayStart, daysBetween } from '../srs/day.js';
import type { Scheduler } from '../srs/scheduler.js';
import type { SrsState } from '../store/model.js';

const DAY_MS = 86_400_000;

/** The rating a review on the chosen day is expected to get: Good. */
const EXPECTED_RATING = 3;

export type ExamOptions = {
  /** `YYYY-MM-DD`: the exam is taken on that study day. */
  readonly exam: string;
  readonly now: Date;
  /** Local hour a study day begins (config `dayStartsAt`). */
  readonly dayStartsAt: number;
  /** Desired retention (0–1): the recall to have on exam day. */
  readonly retention: number;
  readonly scheduler: Scheduler;
};

/**
 * Probability of recalling the card at `at`: the FSRS forgetting curve with the card's stability
 * and the (fractional) days since its last review. 0 for a new or never-reviewed card.
 */
export function recallAt(srs: SrsState | null, at: Date, scheduler: Scheduler): number {
  if (srs === null || srs.state === 'New' || srs.lastReview === undefined) return 0;
  if (!(srs.stability > 0)) return 0;
  const elapsed = Math.max(0, (at.getTime() - Date.parse(srs.lastReview)) / DAY_MS);
  return scheduler.forgettingCurve(elapsed, srs.stability);
}

/** The start of the study day `days` days after the one starting at `start`. */
function addDays(start: Date, days: number, startHour: number): Date {
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + days, startHour);
}

/**
 * `next` (the state a rating just produced) adjusted for the exam: see the module comment.
 * Unchanged after the exam has begun, for cards due before the exam day, and for cards whose
 * recall at the exam day's start is already at least `retention`. When no study day is left
 * between today and the exam, the card is left as FSRS scheduled it.
 */
export function applyExamDate(next: SrsState, opts: ExamOptions): SrsState {
  const { now, dayStartsAt, retention, scheduler } = opts;
  const examStart = dayFromKey(opts.exam, dayStartsAt);
  if (now.getTime() >= examStart.getTime()) return next;
  if (Date.parse(next.due) < examStart.getTime()) return next;
  if (next.state === 'New' || next.lastReview === undefined) return next;
  if (recallAt(next, examStart, scheduler) >= retention) return next;

  const today = dayStart(now, dayStartsAt);
  // Walk back from the day before the exam; the first day whose Good review keeps recall at or
  // above retention on exam day is the latest such day. Reviewing later leaves less time to
  // forget, so this is nearly always the day before the exam.
  for (let k = 1; ; k++) {
    const day = addDays(examStart, -k, dayStartsAt);
    if (day.getTime() <= today.getTime()) return next;
    const after = scheduler.rate('', next, EXPECTED_RATING, day);
    if (recallAt(after, examStart, scheduler) >= retention) {
      const lastReview = new Date(next.lastReview);
      return {
        ...next,
        due: day.toISOString(),
        scheduledDays: Math.max(0, daysBetween(lastReview, day, dayStartsAt)),
      };
    }
  }
}

export type ExamOutlook = {
  /** Study days from today to the exam day (0 on the exam day, negative after it). */
  readonly daysToExam: number;
  /** Mean recall at the exam day's start over the cards (new cards count 0); 0 for no cards. */
  readonly predictedRecall: number;
  /** Cards whose recall at the exam day's start is below `retention` (new cards included). */
  readonly belowRetention: number;
};

export function examOutlook(
  cards: readonly { readonly srs: SrsState | null }[],
  exam: string,
  now: Date,
  dayStartsAt: number,
  scheduler: Scheduler,
  retention: number,
): ExamOutlook {
  const examStart = dayFromKey(exam, dayStartsAt);
  let sum = 0;
  let below = 0;
  for (const { srs } of cards) {
    const r = recallAt(srs, examStart, scheduler);
    sum += r;
    if (r < retention) below++;
  }
  return {
    daysToExam: daysBetween(now, examStart, dayStartsAt),
    predictedRecall: cards.length === 0 ? 0 : sum / cards.length,
    belowRetention: below,
  };
}
