/**
 * What the progress store holds. The review log (`reviews.jsonl`) is the source of truth;
 * the lowdb snapshot (`state.json`) is a cache of the latest card states, rebuildable from it.
 * Format documented in docs/storage.md. The domain types these files hold are in
 * core/model.ts; convert.ts turns one into the other.
 */

import type { FsrsStateName, Rating } from '../core/model.js';

/** A card's scheduling state as the files hold it: plain JSON, dates as ISO-8601 strings. */
export type StoredSrsState = {
  readonly state: FsrsStateName;
  readonly due: string;
  readonly stability: number;
  readonly difficulty: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  readonly lastReview?: string;
  readonly firstReview?: string;
};

type EntryCommon = {
  /**
   * The line format the entry was read in (1, or the compact 2: store/line.ts). Entries to
   * append are made in the full form, v1; the store writes them compactly when it can.
   */
  readonly v: 1 | 2;
  /** Unique per entry (time-ordered), so an undo can name what it undoes. */
  readonly id: string;
  /** Progress key `deckId/cardId[:sub]`. */
  readonly card: string;
};

/**
 * One rating that feeds FSRS, the resulting state flattened in. What it was built on: v1 keeps
 * the whole previous state, v2 only its fingerprint (and no `firstReview`, which replay derives
 * from the card's state, as the scheduler does).
 */
export type ReviewEntry = EntryCommon &
  StoredSrsState & {
    readonly kind: 'review';
    readonly rating: Rating;
    readonly reviewedAt: string;
    readonly durationMs: number;
    /** v1: the previous state; null for a card rated for the first time. */
    readonly prev?: StoredSrsState | null;
    /** v2: `stateFingerprint` of the previous state ('' for a card rated for the first time). */
    readonly on?: string;
    /** `cram` when a `--reschedule` cram rated it; absent for daily review. */
    readonly via?: 'review' | 'cram';
  };

/** Cancels an earlier review entry: the card goes back to `restore` (null = new again). */
export type UndoEntry = EntryCommon & {
  readonly kind: 'undo';
  readonly undoes: string;
  readonly at: string;
  readonly restore: StoredSrsState | null;
};

/** A cram answer that does not touch the schedule (kept for stats only). */
export type CramEntry = EntryCommon & {
  readonly kind: 'cram';
  readonly rating: Rating;
  readonly at: string;
  readonly durationMs: number;
};

/** "Show this card in the next daily review" (e.g. missed in a quiz); cleared by its next review. */
export type FlagEntry = EntryCommon & {
  readonly kind: 'flag';
  readonly at: string;
  readonly reason: string;
};

/**
 * Progress recorded under `card` now belongs to `to` (a card got an explicit id, or the user
 * re-attached orphaned progress). History entries keep their old key; readers follow moves.
 */
export type MoveEntry = EntryCommon & {
  readonly kind: 'move';
  readonly to: string;
  readonly at: string;
};

/** The user deleted the progress of a card that no deck has any more. */
export type ForgetEntry = EntryCommon & {
  readonly kind: 'forget';
  readonly at: string;
};

/** The card leaves every queue (`suspend`) or comes back (`unsuspend`). */
export type SuspendEntry = EntryCommon & {
  readonly kind: 'suspend' | 'unsuspend';
  readonly at: string;
};

/** The card leaves the queue until `until` (the next study day's start); `until` ≤ `at` ends it. */
export type BuryEntry = EntryCommon & {
  readonly kind: 'bury';
  readonly at: string;
  readonly until: string;
};

/** The user marks the card (`mark`: a short word); an empty mark removes it. */
export type MarkEntry = EntryCommon & {
  readonly kind: 'mark';
  readonly at: string;
  readonly mark: string;
};

/** Why a `set` entry gave its card a state: the step it belongs to, as undo names it. */
export type SetWhy = 'reschedule' | 'due' | 'forget' | 'undo';

/**
 * The card's state replaced by another one, not by a rating: `recall reschedule` (the memory
 * replayed with new parameters), a due date set in browse, a card made new again (`srs` null).
 * Every `set` of one step shares its `batch`, so the step is undone as one (`why: 'undo'`, with
 * the undone batch in `undoes`). `was` is the state it replaced, whole, so the step can be put
 * back; where replay finds the card in another state (another device rated it first), the set
 * is ignored, so it never throws a rating away.
 */
export type SetEntry = EntryCommon & {
  readonly kind: 'set';
  readonly at: string;
  readonly batch: string;
  readonly why: SetWhy;
  readonly undoes?: string;
  readonly was: StoredSrsState | null;
  readonly srs: StoredSrsState | null;
};

export type LogEntry =
  | ReviewEntry
  | SetEntry
  | UndoEntry
  | CramEntry
  | FlagEntry
  | MoveEntry
  | ForgetEntry
  | SuspendEntry
  | BuryEntry
  | MarkEntry;

/** A card's progress as state.json holds it (core/model.ts's CardProgress, ISO dates). */
export type StoredCardProgress = {
  readonly srs: StoredSrsState | null;
  readonly flaggedAt?: string;
  /** The flag's reason; absent in snapshots written before it was kept (the log has it). */
  readonly flagReason?: string;
  readonly suspended?: true;
  readonly buriedUntil?: string;
  readonly mark?: string;
};

/** A damaged file or line, reported with its location and left in place. */
export type StoreProblem = {
  readonly file: string;
  /** 1-based line for the log; absent for whole-file problems. */
  readonly line?: number;
  readonly message: string;
};
