/**
 * The one place an import turns a review into a log entry. The log's on-disk form belongs to
 * the store (store/model.ts, written only through `ProgressStore.append`); this builds the
 * in-memory entry from what Anki recorded: a rated review with the state before and after it,
 * or (no `after`) a cram answer, which the schedule never reads.
 */
import type { Rating, SrsState } from '../core/model.js';
import type { Mutable } from '../core/mutable.js';
import { nullableSrsToStored, srsToStored } from '../store/convert.js';
import { newEntryId } from '../store/ids.js';
import { instantIso } from '../store/instant.js';
import type { LogEntry, ReviewEntry } from '../store/model.js';

export type ImportedReview = {
  readonly key: string;
  readonly rating: Rating;
  /** When it was answered (epoch ms). */
  readonly at: number;
  readonly durationMs: number;
  readonly before: SrsState | null;
  /** Absent for a cram answer. */
  readonly after?: SrsState;
};

export function historyEntry(r: ImportedReview): LogEntry {
  const id = newEntryId(r.at);
  const durationMs = Math.max(0, Math.round(r.durationMs));
  if (r.after === undefined) {
    return {
      v: 1,
      id,
      card: r.key,
      kind: 'cram',
      rating: r.rating,
      at: instantIso(r.at),
      durationMs,
    };
  }
  // Fields listed, not spread: an import builds hundreds of thousands of these, and spread
  // objects take V8's slow path (and the log writer's time with them).
  const after = srsToStored(r.after);
  const entry: Mutable<ReviewEntry> = {
    v: 1,
    id,
    kind: 'review',
    card: r.key,
    rating: r.rating,
    reviewedAt: instantIso(r.at),
    durationMs,
    state: after.state,
    due: after.due,
    stability: after.stability,
    difficulty: after.difficulty,
    scheduledDays: after.scheduledDays,
    learningSteps: after.learningSteps,
    reps: after.reps,
    lapses: after.lapses,
  };
  if (after.lastReview !== undefined) entry.lastReview = after.lastReview;
  if (after.firstReview !== undefined) entry.firstReview = after.firstReview;
  entry.prev = nullableSrsToStored(r.before);
  return entry;
}

/** The entry that holds `key` out of every queue, as a suspended card in Anki is. */
export function suspendEntry(key: string, now: number): LogEntry {
  return { v: 1, id: newEntryId(now), kind: 'suspend', card: key, at: instantIso(now) };
}

/** The entry that buries `key` until `until`, as a buried card in Anki is until its next day. */
export function buryEntry(key: string, now: number, until: number): LogEntry {
  return {
    v: 1,
    id: newEntryId(now),
    kind: 'bury',
    card: key,
    at: instantIso(now),
    until: instantIso(until),
  };
}

/** The entry that gives `key` the mark an Anki flag (or a recall export) carried. */
export function markEntry(key: string, now: number, mark: string): LogEntry {
  return { v: 1, id: newEntryId(now), kind: 'mark', card: key, at: instantIso(now), mark };
}
