/** The cards stats are computed over. */

import type { Card } from '../card.js';
import type { CardProgress, SrsState } from '../model.js';
import type { Scheduler } from '../scheduler.js';
import type { DeckSettings } from '../settings.js';

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
