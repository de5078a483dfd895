import { describe, expect, it } from 'vitest';
import { orderCram } from '../../src/core/cram-order.js';
import { recallAt } from '../../src/core/recall.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { basic, review } from '../support/cards.js';

const scheduler = new Scheduler(defaultDeckSettings);
/** Only `random` order reads the seed. */
const seed = 'unused';
const now = Date.parse('2026-03-10T12:00:00Z');

/** Reviewed on 1 January with stability `s`: lower stability, lower recall today. */
const withStability = (s: number) => review('2026-01-11T10:00:00.000Z', { stability: s });

describe('cram order', () => {
  const items = [
    { card: basic('strong', { order: 0 }), srs: withStability(300) },
    { card: basic('weak', { order: 1 }), srs: withStability(5) },
    { card: basic('new2', { order: 3 }), srs: null },
    { card: basic('middling', { order: 2 }), srs: withStability(60) },
    { card: basic('new1', { order: 4, deck: 'a' }), srs: null },
  ];

  it('keeps cards of one group (or one note) from coming back to back, in every order', () => {
    const grouped = [
      { card: basic('g1', { order: 0, group: 'g' }), srs: null },
      { card: basic('g2', { order: 1, group: 'g' }), srs: null },
      { card: basic('s1', { order: 2, note: 'cloze' }), srs: null },
      { card: basic('s2', { order: 3, note: 'cloze' }), srs: null },
      { card: basic('free', { order: 4 }), srs: null },
    ];
    for (const order of ['weakest', 'random', 'deck'] as const) {
      for (const s of ['a', 'b', 'c', 'd']) {
        const cards = orderCram(grouped, order, { now, scheduler, seed: s });
        cards.slice(1).forEach((c, i) => {
          const before = cards[i]!;
          expect(`${c.group ?? c.noteId}`, `${order} ${s}`).not.toBe(before.group ?? before.noteId);
        });
      }
    }
  });

  it('drills the weakest first: new cards, then by rising retrievability', () => {
    const keys = orderCram(items, 'weakest', { now, scheduler, seed }).map((c) => c.key);
    expect(keys).toEqual(['a/new1', 'd/new2', 'd/weak', 'd/middling', 'd/strong']);
    const recall = ['d/weak', 'd/middling', 'd/strong'].map((k) =>
      recallAt(items.find((i) => i.card.key === k)!.srs, now, scheduler),
    );
    expect(recall).toEqual([...recall].sort((a, b) => a - b));
  });

  it('breaks retrievability ties in deck file order', () => {
    const same = [3, 1, 2].map((o) => ({
      card: basic(`c${o}`, { order: o }),
      srs: withStability(9),
    }));
    expect(orderCram(same, 'weakest', { now, scheduler, seed }).map((c) => c.key)).toEqual([
      'd/c1',
      'd/c2',
      'd/c3',
    ]);
  });

  it('keeps file order (deck, then position) for deck order', () => {
    expect(orderCram(items, 'deck', { now, scheduler, seed }).map((c) => c.key)).toEqual([
      'a/new1',
      'd/strong',
      'd/weak',
      'd/middling',
      'd/new2',
    ]);
  });

  it('shuffles reproducibly by seed for random order, whatever order the cards came in', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      card: basic(`c${i}`, { order: i }),
      srs: null,
    }));
    const a = orderCram(many, 'random', { now, scheduler, seed: 's1' }).map((c) => c.key);
    const again = orderCram([...many].reverse(), 'random', { now, scheduler, seed: 's1' });
    const other = orderCram(many, 'random', { now, scheduler, seed: 's2' }).map((c) => c.key);
    expect(again.map((c) => c.key)).toEqual(a);
    expect(other).not.toEqual(a);
    expect([...a].sort()).toEqual(many.map((m) => m.card.key).sort());
  });
});

describe('cram order and giveaways', () => {
  it('never puts a card right before one its answer gives away, where another can go between', () => {
    const a = { ...basic('a', { order: 0 }), answer: 'repair reruns the failed tasks' };
    const b = { ...basic('b', { order: 1 }), answer: 'failed tasks' };
    const c = { ...basic('c', { order: 2 }), answer: 'a fresh run' };
    const items = [a, b, c].map((card) => ({ card, srs: null }));
    // Without the rule, deck order is a, b, c: a's answer shows b's.
    const keys = orderCram(items, 'deck', { now, scheduler, seed }).map((x) => x.key);
    expect(keys).toEqual(['d/a', 'd/c', 'd/b']);
  });
});
