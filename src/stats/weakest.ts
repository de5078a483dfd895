/** The cards most likely forgotten now, and the leeches (cards that keep lapsing). */
import { cardPrompt } from '../deck/prompt.js';
import { ratedState, type StatsCard } from './selection.js';
import type { CardRef, Weakest } from './types.js';

export const LEECH_LAPSES = 8;
export const LIST_LIMIT = 10;

export function weakest(
  cards: readonly StatsCard[],
  recall: ReadonlyMap<StatsCard, number>,
  lapses: ReadonlyMap<string, number>,
  limit = LIST_LIMIT,
): Weakest {
  const refs: CardRef[] = [];
  for (const c of cards) {
    const srs = ratedState(c);
    if (!srs) continue;
    refs.push({
      deckId: c.card.deckId,
      key: c.card.key,
      prompt: cardPrompt(c.card),
      state: srs.state,
      retrievability: recall.get(c) ?? 0,
      lapses: lapses.get(c.card.key) ?? 0,
      due: new Date(srs.due),
    });
  }
  const byKey = (a: CardRef, b: CardRef) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const lowest = [...refs]
    .sort((a, b) => a.retrievability - b.retrievability || byKey(a, b))
    .slice(0, limit);
  const leeches = refs
    .filter((r) => r.lapses >= LEECH_LAPSES)
    .sort((a, b) => b.lapses - a.lapses || a.retrievability - b.retrievability || byKey(a, b));
  return { lowest, leeches: leeches.slice(0, limit), leechCount: leeches.length };
}
