/**
 * The cards most likely forgotten now, and the leeches (cards with at least their deck's
 * `leech_threshold` lapses).
 */

import { cardPrompt } from '../card-prompt.js';
import type { SrsState } from '../model.js';
import { ratedState, type StatsCard } from './selection.js';
import type { CardRef, Weakest } from './types.js';

export const LIST_LIMIT = 10;

/** What ranking needs: a rated card's numbers, without the prompt of its CardRef. */
type Ranked = {
  readonly c: StatsCard;
  readonly srs: SrsState;
  readonly retrievability: number;
  readonly lapses: number;
};

const byKey = (a: Ranked, b: Ranked) => {
  const x = a.c.card.key;
  const y = b.c.card.key;
  return x < y ? -1 : x > y ? 1 : 0;
};
const lowestRecall = (a: Ranked, b: Ranked) => a.retrievability - b.retrievability || byKey(a, b);
const mostLapses = (a: Ranked, b: Ranked) => b.lapses - a.lapses || lowestRecall(a, b);

/**
 * The first `n` of `rs` in `order`, ties kept in input order: what a stable sort and slice
 * give, without sorting every rated card to list ten.
 */
function firstN<T>(rs: readonly T[], n: number, order: (a: T, b: T) => number): T[] {
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

// Only the listed cards get a CardRef: a one-line prompt for every rated card costs more than
// choosing the few to list.
const toRef = ({ c, srs, retrievability, lapses }: Ranked): CardRef => ({
  deckId: c.card.deckId,
  key: c.card.key,
  prompt: cardPrompt(c.card),
  state: srs.state,
  retrievability,
  lapses,
  due: srs.due,
});

/** `recall` and `lapses`: per card, in `cards` order (a missing figure counts as 0). */
export function weakest(
  cards: readonly StatsCard[],
  recall: ArrayLike<number>,
  lapses: ArrayLike<number>,
  limit = LIST_LIMIT,
): Weakest {
  const rated: Ranked[] = [];
  cards.forEach((c, i) => {
    const srs = ratedState(c);
    if (srs) rated.push({ c, srs, retrievability: recall[i] ?? 0, lapses: lapses[i] ?? 0 });
  });
  // Each deck's own `leech_threshold` (the review screen acts on the same one).
  const leeches = rated.filter((r) => r.lapses >= r.c.settings.leechThreshold);
  const thresholds = new Set(cards.map((c) => c.settings.leechThreshold));
  return {
    lowest: firstN(rated, limit, lowestRecall).map(toRef),
    leeches: firstN(leeches, limit, mostLapses).map(toRef),
    leechCount: leeches.length,
    leechThreshold: thresholds.size === 1 ? [...thresholds][0]! : null,
  };
}
