/**
 * Pure replay: a log entry applied to the card states it changes. Replaying the whole log from an
 * empty map gives the same states as the snapshot (which only caches a replayed prefix).
 */
import type { CardProgress, LogEntry, ReviewEntry, SrsState } from './model.js';

/** The card state a review resulted in (flattened into the entry), as a plain SrsState. */
export function srsOf(entry: ReviewEntry): SrsState {
  const srs: SrsState = {
    state: entry.state,
    due: entry.due,
    stability: entry.stability,
    difficulty: entry.difficulty,
    scheduledDays: entry.scheduledDays,
    learningSteps: entry.learningSteps,
    reps: entry.reps,
    lapses: entry.lapses,
  };
  // Optional keys stay absent rather than `undefined`: the snapshot and tests compare plain JSON.
  if (entry.lastReview !== undefined) Object.assign(srs, { lastReview: entry.lastReview });
  if (entry.firstReview !== undefined) Object.assign(srs, { firstReview: entry.firstReview });
  return srs;
}

/** Applies one entry, in log order. */
export function applyEntry(map: Map<string, CardProgress>, entry: LogEntry): void {
  const current = map.get(entry.card);
  switch (entry.kind) {
    case 'review': {
      // A flag raised after this review (by the clock, not the log order) still stands.
      const keep = current?.flaggedAt !== undefined && isAfter(current.flaggedAt, entry.reviewedAt);
      map.set(entry.card, progress(srsOf(entry), keep ? current?.flaggedAt : undefined));
      return;
    }
    case 'undo':
      map.set(entry.card, progress(entry.restore, current?.flaggedAt));
      return;
    case 'flag': {
      // A flag older than the card's last review was already answered by it.
      const last = current?.srs?.lastReview;
      if (last !== undefined && !isAfter(entry.at, last)) return;
      map.set(entry.card, progress(current?.srs ?? null, entry.at));
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

function progress(srs: SrsState | null, flaggedAt: string | undefined): CardProgress {
  return flaggedAt === undefined ? { srs } : { srs, flaggedAt };
}

/** Times are ISO strings from different clocks' formatting: compare instants, not text. */
function isAfter(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}
