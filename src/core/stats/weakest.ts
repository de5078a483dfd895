/**
 * The cards most likely forgotten now, and the leeches (cards with at least their deck's
 * `leech_threshold` lapses).
 */

import type { Card } from '../card.js';
import { cardPrompt } from '../card-prompt.js';
import { type CardId, ratedState, type StatsCard } from './selection.js';
import type { CardRef, Weakest } from './types.js';

export const LIST_LIMIT = 10;

/**
 * The first `n` of `rs` in `order`, ties kept in input order: what a stable sort and slice
 * give, without sorting every rated card to list ten.
 */
function firstN<T>(rs: Iterable<T>, n: number, order: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  if (n <= 0) return top;
  for (const r of rs) {
    if (top.length === n && order(r, top[n - 1]!) >= 0) continue;
    // After its equals, as a stable sort leaves it.
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(r, top[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, r);
    if (top.length > n) top.pop();
  }
  return top;
}

/**
 * `recall` and `lapses`: per card, in `cards` order (a missing figure counts as 0). The lists
 * are ranked by the cards' numbers in `cards`; only the listed ones get a CardRef (a one-line
 * prompt for every rated card costs more than choosing the few to list). `prompt`: the listed
 * card's question (cards that are `Card`s have their own).
 */
export function weakest(
  cards: readonly StatsCard<Card>[],
  recall: ArrayLike<number>,
  lapses: ArrayLike<number>,
  limit?: number,
): Weakest;
export function weakest<C extends CardId>(
  cards: readonly StatsCard<C>[],
  recall: ArrayLike<number>,
  lapses: ArrayLike<number>,
  limit: number,
  prompt: (card: C) => string,
): Weakest;
export function weakest(
  cards: readonly StatsCard<CardId>[],
  recall: ArrayLike<number>,
  lapses: ArrayLike<number>,
  limit = LIST_LIMIT,
  // Only the first signature leaves it out, and its cards are Cards.
  prompt: (card: CardId) => string = (card) => cardPrompt(card as Card),
): Weakest {
  const rated: number[] = [];
  const leeches: number[] = [];
  const thresholds = new Set<number>();
  for (let i = 0; i < cards.length; i++) {
    const c = cards[i]!;
    thresholds.add(c.settings.leechThreshold);
    if (!ratedState(c)) continue;
    rated.push(i);
    // Each deck's own `leech_threshold` (the review screen acts on the same one).
    if ((lapses[i] ?? 0) >= c.settings.leechThreshold) leeches.push(i);
  }
  const recallOf = (i: number) => recall[i] ?? 0;
  const lapsesOf = (i: number) => lapses[i] ?? 0;
  const byKey = (a: number, b: number) => {
    const x = cards[a]!.card.key;
    const y = cards[b]!.card.key;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const lowestRecall = (a: number, b: number) => recallOf(a) - recallOf(b) || byKey(a, b);
  const mostLapses = (a: number, b: number) => lapsesOf(b) - lapsesOf(a) || lowestRecall(a, b);
  const toRef = (i: number): CardRef => {
    const c = cards[i]!;
    const srs = ratedState(c)!;
    return {
      deckId: c.card.deckId,
      key: c.card.key,
      prompt: prompt(c.card),
      state: srs.state,
      retrievability: recallOf(i),
      lapses: lapsesOf(i),
      due: srs.due,
    };
  };
  return {
    lowest: firstN(rated, limit, lowestRecall).map(toRef),
    leeches: firstN(leeches, limit, mostLapses).map(toRef),
    leechCount: leeches.length,
    leechThreshold: thresholds.size === 1 ? [...thresholds][0]! : null,
  };
}
