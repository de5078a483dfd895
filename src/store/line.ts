/**
 * Log lines ⇄ entries (docs/storage.md, "Line formats"). Two formats are read, line by line: v1
 * holds every entry in full (a review carries the card's whole state before and after it), and
 * the compact v2 leaves out what replay derives — the time, held by the entry's id; a review's
 * `lastReview` (its own time) and `firstReview` (the card's); the state before a review, kept
 * only as a fingerprint. Entries are written in v2 whenever that reads back as the same entry
 * in its place in the log, and in v1 otherwise, so nothing a v1 line says is ever lost.
 */

import { firstReviewAfter, type SrsState } from '../core/model.js';
import { nullableSrsFromStored } from './convert.js';
import { idTime } from './ids.js';
import { instantIso, instantMs } from './instant.js';
import type { LogEntry, ReviewEntry } from './model.js';
import { stateFingerprint } from './replay.js';

/** The keys a full (v1) entry of each kind may have: any other key stays in a v1 line. */
const FULL_KEYS: Readonly<Record<LogEntry['kind'], ReadonlySet<string>>> = {
  review: new Set([
    'v',
    'id',
    'kind',
    'card',
    'rating',
    'reviewedAt',
    'durationMs',
    'state',
    'due',
    'stability',
    'difficulty',
    'scheduledDays',
    'learningSteps',
    'reps',
    'lapses',
    'lastReview',
    'firstReview',
    'prev',
    'via',
  ]),
  undo: new Set(['v', 'id', 'kind', 'card', 'undoes', 'at', 'restore']),
  cram: new Set(['v', 'id', 'kind', 'card', 'rating', 'at', 'durationMs']),
  flag: new Set(['v', 'id', 'kind', 'card', 'at', 'reason']),
  move: new Set(['v', 'id', 'kind', 'card', 'to', 'at']),
  forget: new Set(['v', 'id', 'kind', 'card', 'at']),
  suspend: new Set(['v', 'id', 'kind', 'card', 'at']),
  unsuspend: new Set(['v', 'id', 'kind', 'card', 'at']),
  bury: new Set(['v', 'id', 'kind', 'card', 'at', 'until']),
  mark: new Set(['v', 'id', 'kind', 'card', 'at', 'mark']),
  set: new Set(['v', 'id', 'kind', 'card', 'at', 'batch', 'why', 'undoes', 'was', 'srs']),
};

/**
 * The line (without its newline) that records `entry`, a full (v1) entry, where `current` is
 * its card's state just before it: compact when it reads back as the same entry there.
 */
export function entryLine(entry: LogEntry, current: SrsState | null): string {
  return compactLine(entry, current) ?? JSON.stringify(entry);
}

/**
 * The v2 line of a full entry, or null when v2 cannot say exactly what it says: extra keys, a
 * time that is not the id's own unless spelled out, or a review whose left-out parts replay
 * would not derive as they are (its `firstReview` is not the card's, or the state it was built
 * on is not `current` in what statistics read of it: state and interval).
 */
export function compactLine(entry: LogEntry, current: SrsState | null): string | null {
  if (entry.v !== 1) return null;
  const keys = FULL_KEYS[entry.kind];
  for (const key in entry) if (!keys.has(key)) return null;
  const time = entry.kind === 'review' ? entry.reviewedAt : entry.at;
  const at = instantMs(time);
  if (Number.isNaN(at)) return null;
  // The id's time stands for the entry's when it is the same instant, written the same way.
  const ownTime = idTime(entry.id) === at && instantIso(at) === time ? undefined : time;
  // Object literals whole, then at most one key added: spreads would put every line on V8's
  // slow path (an import writes hundreds of thousands).
  let line: Record<string, unknown>;
  switch (entry.kind) {
    case 'review': {
      if (entry.prev === undefined || entry.lastReview === undefined) return null;
      if (instantMs(entry.lastReview) !== at) return null;
      if (entry.firstReview === undefined) return null;
      if (instantMs(entry.firstReview) !== firstReviewAfter(current, at)) return null;
      const prev = nullableSrsFromStored(entry.prev);
      if ((prev === null) !== (current === null)) return null;
      if (prev && current) {
        if (prev.state !== current.state || prev.scheduledDays !== current.scheduledDays) {
          return null;
        }
      }
      const due = instantMs(entry.due);
      if (Number.isNaN(due)) return null;
      line = {
        v: 2,
        id: entry.id,
        kind: entry.kind,
        card: entry.card,
        rating: entry.rating,
        ms: entry.durationMs,
        on: stateFingerprint(prev),
        state: entry.state,
        due: due - at,
        s: entry.stability,
        d: entry.difficulty,
        days: entry.scheduledDays,
        step: entry.learningSteps,
        reps: entry.reps,
        lapses: entry.lapses,
      };
      if (ownTime !== undefined) line.at = ownTime;
      if (entry.via !== undefined) line.via = entry.via;
      return JSON.stringify(line);
    }
    case 'undo':
      line = {
        v: 2,
        id: entry.id,
        kind: entry.kind,
        card: entry.card,
        undoes: entry.undoes,
        restore: entry.restore,
      };
      break;
    case 'cram':
      line = {
        v: 2,
        id: entry.id,
        kind: entry.kind,
        card: entry.card,
        rating: entry.rating,
        ms: entry.durationMs,
      };
      break;
    case 'flag':
      line = { v: 2, id: entry.id, kind: entry.kind, card: entry.card, reason: entry.reason };
      break;
    case 'move':
      line = { v: 2, id: entry.id, kind: entry.kind, card: entry.card, to: entry.to };
      break;
    case 'forget':
    case 'suspend':
    case 'unsuspend':
      line = { v: 2, id: entry.id, kind: entry.kind, card: entry.card };
      break;
    case 'bury':
      line = { v: 2, id: entry.id, kind: entry.kind, card: entry.card, until: entry.until };
      break;
    case 'mark':
      line = { v: 2, id: entry.id, kind: entry.kind, card: entry.card, mark: entry.mark };
      break;
    case 'set':
      // Both states whole, as an undo's `restore`: replay sets the one, undo puts back the other.
      line = {
        v: 2,
        id: entry.id,
        kind: entry.kind,
        card: entry.card,
        batch: entry.batch,
        why: entry.why,
        was: entry.was,
        srs: entry.srs,
      };
      if (entry.undoes !== undefined) line.undoes = entry.undoes;
      break;
  }
  if (ownTime !== undefined) line.at = ownTime;
  return JSON.stringify(line);
}

type Obj = { readonly [key: string]: unknown };

/** The largest epoch ms a Date holds (ECMA-262: 100,000,000 days). */
const MAX_INSTANT = 8.64e15;

/**
 * A v2 line's object as the entry it stands for (`v: 2`, every left-out part but a review's
 * `firstReview` filled in), or why it cannot be one. The result is then checked as any entry is.
 */
export function expandCompact(o: Obj): LogEntry | { readonly problem: string } {
  if (typeof o.id !== 'string' || o.id.length === 0)
    return { problem: 'id must be a non-empty string' };
  let time: string;
  if (o.at === undefined) {
    const t = idTime(o.id);
    if (Number.isNaN(t)) return { problem: 'at is missing, and the id holds no time' };
    time = instantIso(t);
  } else if (typeof o.at === 'string') {
    time = o.at;
  } else {
    return { problem: 'at must be a date' };
  }
  // Literals with every key in place, not spreads: V8 builds a spread object on a slow path, and
  // this runs for every line of every log at every start.
  const { id } = o;
  const card = o.card as string;
  switch (o.kind) {
    case 'review': {
      if (!Number.isSafeInteger(o.due)) return { problem: 'due must be a whole number of ms' };
      const at = instantMs(time);
      if (Number.isNaN(at)) return { problem: 'at must be a date' };
      if (!(Math.abs(at + (o.due as number)) <= MAX_INSTANT)) {
        return { problem: 'due is out of range' };
      }
      const entry = {
        v: 2,
        id,
        kind: 'review',
        card,
        rating: o.rating,
        reviewedAt: time,
        durationMs: o.ms,
        on: o.on,
        state: o.state,
        due: instantIso(at + (o.due as number)),
        stability: o.s,
        difficulty: o.d,
        scheduledDays: o.days,
        learningSteps: o.step,
        reps: o.reps,
        lapses: o.lapses,
        lastReview: time,
      };
      // Added, not deleted when absent: deleting a key also sends the object to the slow path.
      return (o.via === undefined ? entry : { ...entry, via: o.via }) as ReviewEntry;
    }
    case 'undo':
      return {
        v: 2,
        id,
        kind: 'undo',
        card,
        undoes: o.undoes,
        at: time,
        restore: o.restore,
      } as LogEntry;
    case 'cram':
      return {
        v: 2,
        id,
        kind: 'cram',
        card,
        rating: o.rating,
        at: time,
        durationMs: o.ms,
      } as LogEntry;
    case 'flag':
      return { v: 2, id, kind: 'flag', card, at: time, reason: o.reason } as LogEntry;
    case 'move':
      return { v: 2, id, kind: 'move', card, to: o.to, at: time } as LogEntry;
    case 'forget':
    case 'suspend':
    case 'unsuspend':
      return { v: 2, id, kind: o.kind, card, at: time } as LogEntry;
    case 'bury':
      return { v: 2, id, kind: 'bury', card, at: time, until: o.until } as LogEntry;
    case 'mark':
      return { v: 2, id, kind: 'mark', card, at: time, mark: o.mark } as LogEntry;
    case 'set': {
      const entry = { v: 2, id, kind: 'set', card, at: time, batch: o.batch, why: o.why };
      const more = { was: o.was, srs: o.srs };
      return (
        o.undoes === undefined ? { ...entry, ...more } : { ...entry, undoes: o.undoes, ...more }
      ) as LogEntry;
    }
    default:
      return { problem: `unknown kind ${JSON.stringify(o.kind)}` };
  }
}
