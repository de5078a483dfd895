/**
 * Probability of recall, and the exam outlook built from it: the one definition that `status`,
 * the review summary, `stats`, cram order and exam rescheduling all use (docs/exam-prep.md,
 * "Recall on a day").
 *
 * Elapsed time is counted in fractional days, not in whole days as ts-fsrs's
 * `get_retrievability` counts them. The forgetting curve is continuous; whole days turn it into
 * a staircase that steps at an arbitrary instant (every 24 h after the review, or at UTC
 * midnight where ts-fsrs counts calendar days), never at the user's day boundary, so "recall at
 * the start of the exam day" would depend on the time of day of the last review.
 */
import { dayFromKey, daysBetween } from './day.js';
import type { SrsState } from './model.js';

const DAY_MS = 86_400_000;

/** The FSRS forgetting curve R(t, S) of a deck's parameters (the scheduler provides it). */
export type ForgettingCurve = {
  forgettingCurve(elapsedDays: number, stability: number): number;
};

/**
 * Probability of recalling the card at `at` (epoch ms): R(t, S) with `t` the fractional days
 * since its last review. 0 for a new card, and for a state with no last review to measure from
 * (only a hand edit writes one) or no positive stability.
 */
export function recallAt(srs: SrsState | null, at: number, curve: ForgettingCurve): number {
  if (srs === null || srs.state === 'New' || srs.lastReview === undefined) return 0;
  if (!(srs.stability > 0)) return 0;
  const elapsed = Math.max(0, (at - srs.lastReview) / DAY_MS);
  const r = curve.forgettingCurve(elapsed, srs.stability);
  return Number.isFinite(r) ? r : 0;
}

/** One card as the outlook sees it: its state, its deck's curve and desired retention. */
export type OutlookCard = {
  readonly srs: SrsState | null;
  readonly curve: ForgettingCurve;
  readonly retention: number;
};

export type ExamOutlook = {
  /** `YYYY-MM-DD`: the exam's study day. */
  readonly exam: string;
  /** Start of the exam's study day (epoch ms): where recall on exam day is measured. */
  readonly at: number;
  /** Study days from today to the exam day (0 on the exam day, negative after it). */
  readonly daysToExam: number;
  /** Mean recall at `at` over the cards (new cards count 0); 0 for no cards. */
  readonly predictedRecall: number;
  /** Cards whose recall at `at` is below their deck's retention (new cards included). */
  readonly belowRetention: number;
  readonly newCards: number;
  readonly cards: number;
};

/** What recall on exam day would be if nothing more were reviewed. */
export function examOutlook(
  cards: Iterable<OutlookCard>,
  exam: string,
  now: number,
  dayStartsAt: number,
): ExamOutlook {
  const at = dayFromKey(exam, dayStartsAt);
  let sum = 0;
  let below = 0;
  let newCards = 0;
  let n = 0;
  for (const { srs, curve, retention } of cards) {
    const r = recallAt(srs, at, curve);
    n++;
    sum += r;
    if (r < retention) below++;
    if (srs === null || srs.state === 'New') newCards++;
  }
  return {
    exam,
    at,
    daysToExam: daysBetween(now, at, dayStartsAt),
    predictedRecall: n === 0 ? 0 : sum / n,
    belowRetention: below,
    newCards,
    cards: n,
  };
}
