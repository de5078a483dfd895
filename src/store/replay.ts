/**
 * Pure replay: a log entry applied to the card states it changes. Replaying the whole log from an
 * empty map gives the same states as the snapshot (which only caches a replayed prefix).
 */
import type { CardProgress, SrsState } from '../core/model.js';
import { nullableSrsFromStored, srsFromStored } from './convert.js';
import { instantMs } from './instant.js';
import type { LogEntry } from './model.js';

/** Applies one entry, in log order. */
export function applyEntry(map: Map<string, CardProgress>, entry: LogEntry): void {
  const current = map.get(entry.card);
  switch (entry.kind) {
    case 'review': {
      // A flag raised after this review (by the clock, not the log order) still stands.
      const flag = current?.flaggedAt;
      const keep = flag !== undefined && flag > instantMs(entry.reviewedAt);
      map.set(entry.card, progress(srsFromStored(entry), keep ? flag : undefined));
      return;
    }
    case 'undo':
      map.set(entry.card, progress(nullableSrsFromStored(entry.restore), current?.flaggedAt));
      return;
    case 'flag': {
      // A flag older than the card's last review was already answered by it.
      const at = instantMs(entry.at);
      const last = current?.srs?.lastReview;
      if (last !== undefined && !(at > last)) return;
      map.set(entry.card, progress(current?.srs ?? null, at));
      return;
    }
    case 'cram':
      // Cram answers never touch the schedule; they are in the log for stats only.
      return;
    case 'move':
      if (current) map.set(entry.to, current);
      map.delete(entry.card);
      return;
    case 'forget':
      map.delete(entry.card);
      return;
  }
}

function progress(srs: SrsState | null, flaggedAt: number | undefined): CardProgress {
  return flaggedAt === undefined ? { srs } : { srs, flaggedAt };
}
