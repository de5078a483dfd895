/**
 * The order a cram session drills its cards in. Cramming ignores the schedule: every selected
 * card is drilled, due or not, new or not.
 */

import type { Card } from './card.js';
import { byDeckOrder, givesAwayNext, relatedKey } from './card-order.js';
import { keepApart } from './interleave.js';
import type { SrsState } from './model.js';
import { type ForgettingCurve, recallAt } from './recall.js';
import { seededShuffle } from './shuffle.js';

export type CramOrder = 'weakest' | 'random' | 'deck';

export const cramOrders: readonly CramOrder[] = ['weakest', 'random', 'deck'];

export type CramItem = { readonly card: Card; readonly srs: SrsState | null };

export type CramOrderOptions = {
  /** Epoch ms: `weakest` ranks by recall at this instant. */
  readonly now: number;
  /** The forgetting curve for current recall (the same for every deck). */
  readonly scheduler: ForgettingCurve;
  /** For `random`: the same seed, the same order (`recall cram` defaults it to the start time). */
  readonly seed: string;
};

/**
 * `weakest`: lowest recall now first, new cards (never reviewed) before any other,
 * ties in file order. `random`: a seeded shuffle. `deck`: file order. In each, related cards
 * (one note's, one group's) are kept from coming back to back.
 */
export function orderCram(
  items: readonly CramItem[],
  order: CramOrder,
  opts: CramOrderOptions,
): Card[] {
  return keepApart(ordered(items, order, opts), relatedKey, givesAwayNext());
}

function ordered(items: readonly CramItem[], order: CramOrder, opts: CramOrderOptions): Card[] {
  switch (order) {
    case 'deck':
      return items.map((i) => i.card).sort(byDeckOrder);
    case 'random': {
      const inFileOrder = items.map((i) => i.card).sort(byDeckOrder);
      return seededShuffle(inFileOrder, opts.seed);
    }
    case 'weakest': {
      const { now } = opts;
      const scored = items.map(({ card, srs }) => ({
        card,
        // New cards sort before a card at retrievability 0.
        r: srs === null || srs.state === 'New' ? -1 : recallAt(srs, now, opts.scheduler),
      }));
      scored.sort((a, b) => a.r - b.r || byDeckOrder(a.card, b.card));
      return scored.map((s) => s.card);
    }
  }
}
