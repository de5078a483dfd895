/** What is due per deck: the numbers `recall status` prints and the home screen shows. */
import { buildQueue, nextDue } from '../srs/queue.js';
import type { Collection } from './collection.js';

export type DeckStatus = {
  readonly id: string;
  readonly name: string;
  readonly new: number;
  readonly learning: number;
  readonly review: number;
  readonly total: number;
  readonly nextDue: Date | null;
};

export type Status = { readonly decks: readonly DeckStatus[]; readonly nextDue: Date | null };

export function collectionStatus(collection: Collection, now: Date): Status {
  const clock = { now, dayStartsAt: collection.dayStartsAt };
  const decks = collection.decks.map((deck): DeckStatus => {
    const inputs = collection.inputs(new Set([deck.id]));
    const q = buildQueue(inputs, clock);
    const counts = { new: q.fresh.length, learning: q.learning.length, review: q.review.length };
    return {
      id: deck.id,
      name: deck.name,
      ...counts,
      total: counts.new + counts.learning + counts.review,
      nextDue: nextDue(inputs, clock),
    };
  });
  const times = decks.flatMap((d) => (d.nextDue ? [d.nextDue.getTime()] : []));
  return { decks, nextDue: times.length ? new Date(Math.min(...times)) : null };
}
