/**
 * Which of a card's Anki review-log rows are its history, filtered as Anki filters them for
 * FSRS memory states (rslib scheduler/fsrs/params.rs, `reviews_for_fsrs` when not training):
 * walking back from the latest row, the history starts at the last run of learning steps; a
 * reset ("Forget", a manual row with no ease factor) before them cuts off what precedes it, and
 * a reset after the last grade leaves the card new. Manual rows (set due date, reset),
 * rescheduled rows and filtered-deck rows without rescheduling (cram) are dropped. Pure.
 */
import type { RevlogRow } from './anki-collection.js';

/** revlog.type */
export const LEARN = 0;
export const REVIEW = 1;
export const RELEARN = 2;
export const FILTERED = 3;
export const MANUAL = 4;
export const RESCHEDULED = 5;

export type CardHistory = {
  /** The rows that feed FSRS, oldest first. */
  readonly reviews: readonly RevlogRow[];
  /**
   * True when the history starts with learning steps, so replaying it gives the card's state;
   * false when it starts mid-life (an SM-2 history with its first rows cut off), where the state
   * before the first row must be seeded from that row's interval and ease.
   */
  readonly complete: boolean;
};

/** A cram answer: a filtered deck that does not reschedule logs the row with no ease factor. */
export const isCram = (r: RevlogRow): boolean => r.type === FILTERED && r.factor === 0;

/** `rows`: one card's rows, oldest first. Undefined: no usable history (the card is new). */
export function historyForFsrs(rows: readonly RevlogRow[]): CardHistory | undefined {
  let firstOfLastLearning: number | undefined;
  let firstGrade: number | undefined;
  let complete = false;
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    if (isCram(r)) continue;
    const graded = r.ease >= 1 && r.ease <= 4;
    if (graded) firstGrade = i;
    if (graded && r.type === LEARN) {
      firstOfLastLearning = i;
      complete = true;
    } else if (firstOfLastLearning !== undefined) {
      break;
    } else if (r.type === MANUAL && r.factor === 0) {
      // A reset: what precedes it is another card's life.
      if (firstGrade !== undefined) {
        complete = false;
        break;
      }
      return undefined;
    }
  }
  const start = firstOfLastLearning ?? firstGrade;
  if (start === undefined) return undefined;
  const reviews = rows
    .slice(start)
    .filter((r) => !(r.type === MANUAL || r.ease === 0 || isCram(r) || r.type === RESCHEDULED));
  return reviews.length === 0 ? undefined : { reviews, complete };
}
