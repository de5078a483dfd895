/**
 * The one place an import turns a review into a log entry. The log's on-disk form belongs to
 * the store (store/model.ts, written only through `ProgressStore.append`); this builds the
 * in-memory entry from what Anki recorded: a rated review with the state before and after it,
 * or (no `after`) a cram answer, which the schedule never reads.
 */
import type { Rating, SrsState } from '../core/model.js';
import { nullableSrsToStored, srsToStored } from '../store/convert.js';
import { newEntryId } from '../store/ids.js';
import { instantIso } from '../store/instant.js';
import type { LogEntry } from '../store/model.js';

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
  const common = { v: 1, id: newEntryId(r.at), card: r.key } as const;
  const durationMs = Math.max(0, Math.round(r.durationMs));
  if (r.after === undefined) {
    return { ...common, kind: 'cram', rating: r.rating, at: instantIso(r.at), durationMs };
  }
  return {
    ...common,
    kind: 'review',
    rating: r.rating,
    reviewedAt: instantIso(r.at),
    durationMs,
    ...srsToStored(r.after),
    prev: nullableSrsToStored(r.before),
  };
}
