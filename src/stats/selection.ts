/** The cards stats are computed over. */

import type { CardProgress, SrsState } from '../core/model.js';
import type { Card } from '../deck/model.js';
import type { Scheduler } from '../srs/scheduler.js';
import type { DeckSettings } from '../srs/settings.js';

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
