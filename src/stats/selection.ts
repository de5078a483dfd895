/** The cards stats are computed over, and their probability of recall at a given time. */
import type { Card } from '../deck/model.js';
import type { Scheduler } from '../srs/scheduler.js';
import type { DeckSettings } from '../srs/settings.js';
import type { CardProgress, SrsState } from '../store/model.js';

export type StatsCard = {
  readonly card: Card;
  readonly progress: CardProgress | undefined;
  readonly settings: DeckSettings;
  readonly scheduler: Scheduler;
};

/** The card's state once rated; null while it is new. */
export function ratedState(c: StatsCard): SrsState | null {
  const srs = c.progress?.srs ?? null;
  return srs && srs.state !== 'New' ? srs : null;
}

/** Probability of recall at `at` per FSRS (0 for a new card). */
export function recallAt(c: StatsCard, at: Date): number {
  const srs = ratedState(c);
  if (!srs) return 0;
  // ts-fsrs measures from the last review; a state without one (hand-edited) falls back to
  // the start of its interval.
  const withLast =
    srs.lastReview !== undefined
      ? srs
      : {
          ...srs,
          lastReview: new Date(Date.parse(srs.due) - srs.scheduledDays * 86_400_000).toISOString(),
        };
  const r = c.scheduler.retrievability(withLast, at);
  return Number.isFinite(r) ? r : 0;
}
