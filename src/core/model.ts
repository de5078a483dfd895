/**
 * The domain model every layer shares: a card's FSRS memory state and what is known of its
 * progress. Times are epoch milliseconds; the store converts to and from the ISO strings of its
 * files at its boundary (src/store/convert.ts), as the scheduler converts to ts-fsrs's `Date`s.
 */

export type FsrsStateName = 'New' | 'Learning' | 'Review' | 'Relearning';

export type Rating = 1 | 2 | 3 | 4;

/** A card's scheduling state. */
export type SrsState = {
  readonly state: FsrsStateName;
  readonly due: number;
  readonly stability: number;
  readonly difficulty: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  readonly lastReview?: number;
  /** When the card was first rated (ours, not ts-fsrs's): counts new cards introduced per day. */
  readonly firstReview?: number;
};

/**
 * What is known of one card after replaying the log. More than its FSRS state: a flag today,
 * and the place for what later kinds of entry add (suspended or buried, say) beside `srs`.
 */
export type CardProgress = {
  /** Null while the card is new (never rated, or its only ratings were undone). */
  readonly srs: SrsState | null;
  /** Set by a flag entry newer than the card's last review. */
  readonly flaggedAt?: number;
  /** That flag entry's `reason` (`quiz`: a mock test missed it), shown on the card it brings back. */
  readonly flagReason?: string;
  /** Out of every queue until unsuspended. */
  readonly suspended?: true;
  /** Out of the queue until this time (the next study day's start). */
  readonly buriedUntil?: number;
  /** The user's own mark (`red`, `todo`…), to find the card by later; never empty. */
  readonly mark?: string;
};

/** The marks the study screens offer, each on the key of its first letter (Anki's flag colours). */
export const MARKS = ['red', 'orange', 'green', 'blue'] as const;

/**
 * When a card rated at `at` on top of `prev` was first rated: `prev`'s first rating, or this
 * one. The scheduler sets it so, and the compact log leaves it out because replay derives it so.
 */
export const firstReviewAfter = (prev: SrsState | null, at: number): number =>
  prev?.firstReview ?? at;
