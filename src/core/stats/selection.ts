/** The cards stats are computed over. */

import type { Card } from '../card.js';
import type { CardProgress, SrsState } from '../model.js';
import type { Scheduler } from '../scheduler.js';
import type { DeckSettings } from '../settings.js';

/**
 * What the figures read of a card: which one it is. The weakest-card lists also show its
 * prompt, from the card itself (a `Card`) or from a `prompt` the caller gives.
 */
export type CardId = Pick<Card, 'key' | 'deckId'>;

export type StatsCard<C extends CardId = Card> = {
  readonly card: C;
  readonly progress: CardProgress | undefined;
  readonly settings: DeckSettings;
  readonly scheduler: Scheduler;
};

/** The card's state once rated; null while it is new. */
export function ratedState(c: StatsCard<CardId>): SrsState | null {
  const srs = c.progress?.srs ?? null;
  return srs && srs.state !== 'New' ? srs : null;
}
