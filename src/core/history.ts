/**
 * The review history in the shape statistics read it: one row per review or cram answer, in
 * columns of typed arrays (store/history.ts builds it from the log, and caches it).
 */

/** Bits of a row's `flags`. */
export const ROW_CRAM = 1;
/** A review of a card never rated before (`prev` is null). */
export const ROW_FIRST = 2;
/** A review of a card that was in the Review state. */
export const ROW_PREV_REVIEW = 4;
/** A review given by a `--reschedule` cram. */
export const ROW_VIA_CRAM = 8;
/** A review or cram answer an undo cancelled. */
export const ROW_UNDONE = 16;

/** One typed array per field, one item per row, in log order. */
export type Columns = {
  readonly slot: Int32Array;
  /** Epoch ms: a review's `reviewedAt`, a cram answer's `at`. */
  readonly at: Float64Array;
  readonly durationMs: Float32Array;
  /** The interval before a review, in days (0 for a first rating and for cram answers). */
  readonly prevScheduledDays: Float32Array;
  /** A review's rating 1–4; 0 for a cram answer. */
  readonly rating: Uint8Array;
  readonly flags: Uint8Array;
};

/** The history, read-only: `rows` rows of columns, and the key each slot's card has now. */
export type History = Columns & {
  readonly rows: number;
  /** Per slot: its card's key now. */
  readonly keys: readonly string[];
};
