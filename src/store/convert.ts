/**
 * The store's boundary: card states as the files hold them (ISO-8601 strings) ⇄ the domain's
 * (epoch ms). Everything above the store sees numbers; what is written to disk is unchanged.
 */
import type { CardProgress, SrsState } from '../core/model.js';
import type { Mutable } from '../core/mutable.js';
import { instantMs, instantIso as iso } from './instant.js';
import type { StoredCardProgress, StoredSrsState } from './model.js';

/** A stored state (or a review entry with one flattened in) as the domain's. */
export function srsFromStored(s: StoredSrsState): SrsState {
  const srs: Mutable<SrsState> = {
    state: s.state,
    due: instantMs(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    scheduledDays: s.scheduledDays,
    learningSteps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
  };
  // Optional keys stay absent rather than `undefined`: the snapshot and tests compare plain JSON.
  // Set in place, not by Object.assign: this runs for every card at every start.
  if (s.lastReview !== undefined) srs.lastReview = instantMs(s.lastReview);
  if (s.firstReview !== undefined) srs.firstReview = instantMs(s.firstReview);
  return srs;
}

export function srsToStored(s: SrsState): StoredSrsState {
  const out: Mutable<StoredSrsState> = {
    state: s.state,
    due: iso(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    scheduledDays: s.scheduledDays,
    learningSteps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
  };
  if (s.lastReview !== undefined) out.lastReview = iso(s.lastReview);
  if (s.firstReview !== undefined) out.firstReview = iso(s.firstReview);
  return out;
}

export const nullableSrsFromStored = (s: StoredSrsState | null): SrsState | null =>
  s === null ? null : srsFromStored(s);

export const nullableSrsToStored = (s: SrsState | null): StoredSrsState | null =>
  s === null ? null : srsToStored(s);

export function progressFromStored(p: StoredCardProgress): CardProgress {
  const srs = nullableSrsFromStored(p.srs);
  const out: Mutable<CardProgress> =
    p.flaggedAt === undefined ? { srs } : { srs, flaggedAt: instantMs(p.flaggedAt) };
  if (p.flaggedAt !== undefined && p.flagReason !== undefined) out.flagReason = p.flagReason;
  if (p.suspended) out.suspended = true;
  if (p.buriedUntil !== undefined) out.buriedUntil = instantMs(p.buriedUntil);
  if (p.mark !== undefined) out.mark = p.mark;
  return out;
}

export function progressToStored(p: CardProgress): StoredCardProgress {
  const srs = nullableSrsToStored(p.srs);
  const out: Mutable<StoredCardProgress> =
    p.flaggedAt === undefined ? { srs } : { srs, flaggedAt: iso(p.flaggedAt) };
  if (p.flaggedAt !== undefined && p.flagReason !== undefined) out.flagReason = p.flagReason;
  if (p.suspended) out.suspended = true;
  if (p.buriedUntil !== undefined) out.buriedUntil = iso(p.buriedUntil);
  if (p.mark !== undefined) out.mark = p.mark;
  return out;
}
