import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/core/card.js';
import { cardPrompt } from '../../../src/core/card-prompt.js';
import type { SrsState } from '../../../src/core/model.js';
import { Scheduler } from '../../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../../src/core/settings.js';
import { mulberry32 } from '../../../src/core/shuffle.js';
import { ratedState, type StatsCard } from '../../../src/core/stats/selection.js';
import type { CardRef } from '../../../src/core/stats/types.js';
import { weakest } from '../../../src/core/stats/weakest.js';

const LEECH_LAPSES = defaultDeckSettings.leechThreshold;

import { basic, review } from '../../support/cards.js';

const scheduler = new Scheduler(defaultDeckSettings);
const card = (c: Card, srs: SrsState | null): StatsCard => ({
  card: c,
  progress: srs ? { srs } : undefined,
  settings: defaultDeckSettings,
  scheduler,
});
const rated = (id: string, deck = 'd') => card(basic(id, { deck }), review('2026-03-20T10:00:00Z'));
const keys = (refs: readonly CardRef[]) => refs.map((r) => r.key);

describe('weakest', () => {
  it('lists rated cards lowest retrievability first, ties by key, cut to the limit', () => {
    const cards = ['c', 'a', 'b', 'x', 'y'].map((id) => rated(id));
    const recall = [0.5, 0.5, 0.2, 0.9, 0.5];
    expect(keys(weakest(cards, recall, [], 4).lowest)).toEqual(['d/b', 'd/a', 'd/c', 'd/y']);
  });

  it('leaves out new cards, and counts rated cards without a recall figure as 0', () => {
    const fresh = card(basic('new'), null);
    const unseen = card(basic('unseen'), review('2026-03-20T10:00:00Z', { state: 'New' }));
    const known = rated('known');
    const noFigure = rated('nofigure');
    const w = weakest([fresh, unseen, known, noFigure], [0.7, 0.7, 0.1], []);
    expect(keys(w.lowest)).toEqual(['d/nofigure', 'd/known']);
    expect(w.lowest[0]!.retrievability).toBe(0);
  });

  it('describes each listed card: one-line prompt, state, lapses and due date', () => {
    const c = card(
      { ...basic('q', { deck: 'geo' }), prompt: '  What is\n the capital?  ' },
      review('2026-03-20T10:00:00Z', { state: 'Relearning' }),
    );
    const w = weakest([c], [0.25], [3]);
    expect(w.lowest).toEqual([
      {
        deckId: 'geo',
        key: 'geo/q',
        prompt: 'What is the capital?',
        state: 'Relearning',
        retrievability: 0.25,
        lapses: 3,
        due: Date.parse('2026-03-20T10:00:00Z'),
      },
    ]);
  });

  it('lists leeches most lapses first, then lowest recall, then key, and counts them all', () => {
    const cards = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => rated(id));
    const recall = [0.5, 0.5, 0.1, 0.9, 0.3, 0.2];
    // Per card in order: a, b and c just leeches, d more so, e one short, f none.
    const lapses = [LEECH_LAPSES, LEECH_LAPSES, LEECH_LAPSES, 12, LEECH_LAPSES - 1];
    const w = weakest(cards, recall, lapses, 3);
    expect(keys(w.leeches)).toEqual(['d/d', 'd/c', 'd/a']);
    expect(w.leechCount).toBe(4);
  });

  it('takes each deck’s own leech_threshold', () => {
    const strict = (id: string): StatsCard => ({
      ...rated(id, 'strict'),
      settings: { ...defaultDeckSettings, leechThreshold: 3 },
    });
    const cards = [strict('a'), strict('b'), rated('c')];
    const w = weakest(cards, [0.5, 0.5, 0.5], [3, 2, 3]);
    expect(keys(w.leeches)).toEqual(['strict/a']);
    // Two thresholds in the selection: none of them is "the" one the stats screen can name.
    expect(w.leechThreshold).toBeNull();
    expect(weakest([strict('a'), strict('b')], [0.5, 0.5], [3, 2]).leechThreshold).toBe(3);
  });

  it('matches sorting every card, ties and repeated keys included', () => {
    const rand = mulberry32(7);
    const cards = Array.from({ length: 2000 }, (_, i) => {
      const id = `c${Math.floor(rand() * 1500)}`; // some keys twice
      // Distinct due dates tell apart cards that share a key, so their order shows.
      const due = new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString();
      return card(basic(id), rand() < 0.1 ? null : review(due));
    });
    const recall = cards.map(() => Math.floor(rand() * 20) / 20);
    // Cards that share a key share its lapses, as the log counts them per key.
    const perKey = new Map(cards.map((c) => [c.card.key, Math.floor(rand() * 12)]));
    const lapses = cards.map((c) => perKey.get(c.card.key)!);
    for (const limit of [0, 1, 10, 300, 5000]) {
      expect(weakest(cards, recall, lapses, limit)).toEqual(
        bySorting(cards, recall, lapses, limit),
      );
    }
  });
});

/** The straightforward version: a ref for every rated card, all of them sorted. */
function bySorting(
  cards: readonly StatsCard[],
  recall: readonly number[],
  lapses: readonly number[],
  limit: number,
) {
  const refs = cards.flatMap((c, i): CardRef[] => {
    const srs = ratedState(c);
    if (!srs) return [];
    const ref = {
      deckId: c.card.deckId,
      key: c.card.key,
      prompt: cardPrompt(c.card),
      state: srs.state,
      retrievability: recall[i] ?? 0,
      lapses: lapses[i] ?? 0,
      due: srs.due,
    };
    return [ref];
  });
  const byKey = (a: CardRef, b: CardRef) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const lowest = [...refs].sort((a, b) => a.retrievability - b.retrievability || byKey(a, b));
  const leeches = refs
    .filter((r) => r.lapses >= LEECH_LAPSES)
    .sort((a, b) => b.lapses - a.lapses || a.retrievability - b.retrievability || byKey(a, b));
  return {
    lowest: lowest.slice(0, limit),
    leeches: leeches.slice(0, limit),
    leechCount: leeches.length,
    leechThreshold: LEECH_LAPSES,
  };
}
