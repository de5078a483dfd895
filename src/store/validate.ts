/**
 * Shape checks for what the store reads back from disk. Hand-written rather than a schema library
 * because replay runs them once per log line: a million lines must replay in a few seconds.
 * Each check returns why the value is invalid, or undefined when it is valid.
 */
import { instantMs } from './instant.js';
import { expandCompact } from './line.js';
import type { LogEntry } from './model.js';

type Obj = { readonly [key: string]: unknown };

/** The longest mark a card can carry: a word to filter on, not a note. */
export const MAX_MARK = 40;

/** ts-fsrs's S_MIN (store/ does not import ts-fsrs; tests/store check the two agree). */
export const S_MIN = 0.001;

const STATES: ReadonlySet<unknown> = new Set(['New', 'Learning', 'Review', 'Relearning']);
const RATINGS: ReadonlySet<unknown> = new Set([1, 2, 3, 4]);
const SET_WHY: ReadonlySet<unknown> = new Set(['reschedule', 'due', 'forget', 'undo']);

export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** What `toISOString` writes (checked by pattern: `Date.parse` per field would dominate replay). */
const ISO =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
/**
 * The log's own form is read first digit by digit (`instantMs`: by its own reading it accepts
 * only what the pattern does, and it asks Date.parse about anything else): several times faster
 * than the pattern, and the same answer, as what it refuses still goes to the pattern and
 * Date.parse.
 */
export const isDate = (v: unknown): boolean =>
  typeof v === 'string' &&
  ((v.length === 24 && !Number.isNaN(instantMs(v))) || ISO.test(v) || !Number.isNaN(Date.parse(v)));
/** Safe integers only: `1e300` is an integer to JavaScript, and absurd as a count. */
export const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): boolean => typeof v === 'string' && v.length > 0;

/**
 * An instant as snapshot version 2 keeps it (epoch ms): a whole number within a Date's range,
 * so exactly the values `isDate`'s strings read as.
 */
export const isEpochMs = (v: unknown): boolean =>
  Number.isSafeInteger(v) && Math.abs(v as number) <= 8.64e15;

/**
 * Why `o` (a stored SrsState, or a review entry with one flattened in) is not one. Its instants
 * are checked with `isInstant`: ISO strings as the log holds them, unless told otherwise.
 */
export function srsProblem(o: Obj, where = '', isInstant = isDate): string | undefined {
  if (!STATES.has(o.state)) return `${where}state must be New, Learning, Review or Relearning`;
  if (!isInstant(o.due)) return `${where}due must be a date`;
  if (!isNumber(o.stability)) return `${where}stability must be a number`;
  if (!isNumber(o.difficulty)) return `${where}difficulty must be a number`;
  // What ts-fsrs accepts (it throws on anything else, whenever the card comes up): a new card's
  // empty memory (both 0), or stability of at least S_MIN and difficulty within 1–10.
  const empty = o.state === 'New' && o.stability === 0 && o.difficulty === 0;
  if (!empty && (o.stability as number) < S_MIN) {
    return `${where}stability must be at least ${S_MIN}`;
  }
  if (!empty && ((o.difficulty as number) < 1 || (o.difficulty as number) > 10)) {
    return `${where}difficulty must be between 1 and 10`;
  }
  if (!isCount(o.scheduledDays)) return `${where}scheduledDays must be a whole number`;
  if (!isCount(o.learningSteps)) return `${where}learningSteps must be a whole number`;
  if (!isCount(o.reps)) return `${where}reps must be a whole number`;
  if (!isCount(o.lapses)) return `${where}lapses must be a whole number`;
  if (o.lastReview !== undefined && !isInstant(o.lastReview))
    return `${where}lastReview must be a date`;
  if (o.firstReview !== undefined && !isInstant(o.firstReview)) {
    return `${where}firstReview must be a date`;
  }
  return undefined;
}

function nullableSrsProblem(v: unknown, field: string, isInstant = isDate): string | undefined {
  if (v === null) return undefined;
  if (!isObj(v)) return `${field} must be a card state or null`;
  return srsProblem(v, `${field}.`, isInstant);
}

/** Why `v` is not a log entry this version can replay. Unknown extra fields are allowed. */
export function entryProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'not an object';
  if (v.v !== 1 && v.v !== 2) {
    return typeof v.v === 'number' && v.v > 2
      ? `written by a newer recall (format v${v.v})`
      : 'v must be 1 or 2';
  }
  if (!isText(v.id)) return 'id must be a non-empty string';
  if (!isText(v.card)) return 'card must be a non-empty string';
  switch (v.kind) {
    case 'review':
      if (!RATINGS.has(v.rating)) return 'rating must be 1, 2, 3 or 4';
      if (!isDate(v.reviewedAt)) return 'reviewedAt must be a date';
      if (!isCount(v.durationMs)) return 'durationMs must be a whole number';
      if (v.via !== undefined && v.via !== 'review' && v.via !== 'cram') {
        return 'via must be review or cram';
      }
      if (v.v === 2) return typeof v.on === 'string' ? srsProblem(v) : 'on must be a string';
      return srsProblem(v) ?? nullableSrsProblem(v.prev, 'prev');
    case 'undo':
      if (!isText(v.undoes)) return 'undoes must be an entry id';
      if (!isDate(v.at)) return 'at must be a date';
      return nullableSrsProblem(v.restore, 'restore');
    case 'cram':
      if (!RATINGS.has(v.rating)) return 'rating must be 1, 2, 3 or 4';
      if (!isDate(v.at)) return 'at must be a date';
      if (!isCount(v.durationMs)) return 'durationMs must be a whole number';
      return undefined;
    case 'flag':
      if (!isDate(v.at)) return 'at must be a date';
      if (typeof v.reason !== 'string') return 'reason must be a string';
      return undefined;
    case 'move':
      if (!isText(v.to)) return 'to must be a card key';
      if (!isDate(v.at)) return 'at must be a date';
      return undefined;
    case 'forget':
    case 'suspend':
    case 'unsuspend':
      if (!isDate(v.at)) return 'at must be a date';
      return undefined;
    case 'bury':
      if (!isDate(v.at)) return 'at must be a date';
      if (!isDate(v.until)) return 'until must be a date';
      return undefined;
    case 'mark':
      if (!isDate(v.at)) return 'at must be a date';
      if (typeof v.mark !== 'string' || v.mark.length > MAX_MARK) {
        return `mark must be a string of at most ${MAX_MARK} characters`;
      }
      return undefined;
    case 'set':
      if (!isDate(v.at)) return 'at must be a date';
      if (!isText(v.batch)) return 'batch must be a non-empty string';
      if (!SET_WHY.has(v.why)) return 'why must be reschedule, due, forget or undo';
      if (v.undoes !== undefined && !isText(v.undoes)) return 'undoes must be a batch id';
      return nullableSrsProblem(v.was, 'was') ?? nullableSrsProblem(v.srs, 'srs');
    default:
      return `unknown kind ${JSON.stringify(v.kind)}`;
  }
}

/** One log line → its entry, or why it was skipped. */
export function parseEntry(text: string): LogEntry | { readonly problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not valid JSON (a write cut short by a crash, or a hand edit?); skipped' };
  }
  if (isObj(value) && value.v === 2) {
    const expanded = expandCompact(value);
    if ('problem' in expanded)
      return { problem: `not a valid log entry (${expanded.problem}); skipped` };
    value = expanded;
  }
  const problem = entryProblem(value);
  return problem === undefined
    ? (value as LogEntry)
    : { problem: `not a valid log entry (${problem}); skipped` };
}

/** Why `v` is not a stored CardProgress (its instants checked with `isInstant`). */
export function cardProblem(v: unknown, isInstant = isDate): string | undefined {
  if (!isObj(v)) return 'not an object';
  return statusProblem(v, isInstant) ?? nullableSrsProblem(v.srs, 'srs', isInstant);
}

/** Why what a stored CardProgress holds besides its state (flag, suspension, bury, mark) is not. */
export function statusProblem(v: Obj, isInstant = isDate): string | undefined {
  if (v.flaggedAt !== undefined && !isInstant(v.flaggedAt)) return 'flaggedAt must be a date';
  if (v.flagReason !== undefined && typeof v.flagReason !== 'string') {
    return 'flagReason must be a string';
  }
  if (v.suspended !== undefined && v.suspended !== true) return 'suspended must be true';
  if (v.buriedUntil !== undefined && !isInstant(v.buriedUntil)) {
    return 'buriedUntil must be a date';
  }
  if (v.mark !== undefined && (typeof v.mark !== 'string' || v.mark.length === 0)) {
    return 'mark must be a non-empty string';
  }
  return undefined;
}
