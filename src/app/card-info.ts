/** Everything known of one card, for the card info screen: where it is, its schedule, its ratings. */
import type { Card } from '../core/card.js';
import { type CardRating, cardRatings } from '../core/card-history.js';
import type { FsrsStateName } from '../core/model.js';
import { recallAt } from '../core/recall.js';
import type { Collection } from './collection.js';

export type CardInfo = {
  readonly card: Card;
  readonly state: FsrsStateName;
  /** Epoch ms; null while new. */
  readonly due: number | null;
  readonly stability: number | null;
  readonly difficulty: number | null;
  /** Probability of recall now (core/recall.ts); null while new. */
  readonly recall: number | null;
  readonly reps: number;
  readonly lapses: number;
  readonly suspended: boolean;
  readonly buriedUntil: number | null;
  readonly mark: string | null;
  readonly ratings: readonly CardRating[];
};

/** Reads the log's history (through its cache: the first read of a long log takes seconds). */
export async function cardInfo(collection: Collection, card: Card, now: number): Promise<CardInfo> {
  collection.store.refresh();
  const progress = collection.store.get(card.key);
  const srs = progress?.srs ?? null;
  const history = await collection.store.history();
  return {
    card,
    state: srs?.state ?? 'New',
    due: srs?.due ?? null,
    stability: srs?.stability ?? null,
    difficulty: srs?.difficulty ?? null,
    recall: srs ? recallAt(srs, now, collection.schedulerFor(card.deckId)) : null,
    reps: srs?.reps ?? 0,
    lapses: srs?.lapses ?? 0,
    suspended: progress?.suspended === true,
    buriedUntil:
      progress?.buriedUntil !== undefined && progress.buriedUntil > now
        ? progress.buriedUntil
        : null,
    mark: progress?.mark ?? null,
    ratings: cardRatings(history, card.key, srs),
  };
}
