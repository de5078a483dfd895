import { describe, expect, it } from 'vitest';
import { relatedKey } from '../../src/core/card-order.js';
import { buildQueue, type Clockwork, type QueueInput } from '../../src/core/queue.js';
import type { ForgettingCurve } from '../../src/core/recall.js';
import { sessionOrder } from '../../src/core/review-session.js';
import { type DeckSettings, newMixes, newOrders, reviewOrders } from '../../src/core/settings.js';
import { basic, input, review } from '../support/cards.js';

const clock: Clockwork = { now: Date.parse('2026-03-10T12:00:00Z'), dayStartsAt: 4 };
const nextDay: Clockwork = { ...clock, now: clock.now + 86_400_000 };
const keys = (items: readonly { card: { key: string } }[]) => items.map((i) => i.card.key);
/** FSRS-4.5's curve: enough to rank cards by recall. */
const curve: ForgettingCurve = { forgettingCurve: (t, s) => (1 + t / (9 * s)) ** -1 };
const curveOf = () => curve;

const at = (iso: string) => Date.parse(iso);
/** A review card due at `due`, last reviewed at `last` with stability `s`. */
const rev = (id: string, due: string, last: string, s: number, settings: Partial<DeckSettings>) =>
  input(
    basic(id, { order: Number(id.slice(1)) }),
    review(due, { lastReview: at(last), stability: s }),
    settings,
  );

describe('review order', () => {
  // r1 is due first but was seen a day ago with low stability; r3 is due last but is the
  // weakest: a year since its review at stability 5.
  const reviews = (settings: Partial<DeckSettings>) => [
    rev('r1', '2026-03-01T00:00:00Z', '2026-03-09T10:00:00Z', 1, settings),
    rev('r2', '2026-03-05T00:00:00Z', '2026-01-01T10:00:00Z', 50, settings),
    rev('r3', '2026-03-09T00:00:00Z', '2025-03-01T10:00:00Z', 5, settings),
    rev('r4', '2026-03-07T00:00:00Z', '2026-02-01T10:00:00Z', 2, settings),
  ];

  it.each([
    ['due', ['d/r1', 'd/r2', 'd/r4', 'd/r3']],
    ['weakest', ['d/r3', 'd/r4', 'd/r2', 'd/r1']],
  ] as const)('%s: %j', (reviewOrder, expected) => {
    const q = buildQueue(reviews({ reviewOrder }), clock, { curveOf });
    expect(keys(q.review)).toEqual(expected);
  });

  it.each([
    ['due', ['d/r1', 'd/r2']],
    ['weakest', ['d/r3', 'd/r4']],
  ] as const)('a reviews/day limit keeps the first of the %s order', (reviewOrder, expected) => {
    const q = buildQueue(reviews({ reviewOrder, reviewsPerDay: 2 }), clock, { curveOf });
    expect(keys(q.review)).toEqual(expected);
  });

  it('random: the same order all study day, another the next day, every due card once', () => {
    const many = Array.from({ length: 30 }, (_, n) =>
      rev(`r${n}`, '2026-03-09T00:00:00Z', '2026-01-01T10:00:00Z', 10, { reviewOrder: 'random' }),
    );
    const today = keys(buildQueue(many, clock).review);
    const later = keys(buildQueue(many, { ...clock, now: clock.now + 10 * 3_600_000 }).review);
    const tomorrow = keys(buildQueue(many, nextDay).review);
    expect(later).toEqual(today);
    expect([...today].sort()).toEqual(keys(many).sort());
    expect(today).not.toEqual(
      [...today].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
    );
    expect(tomorrow).not.toEqual(today);
  });

  it('random: after quitting, the cards left keep their order', () => {
    const many = Array.from({ length: 12 }, (_, n) =>
      rev(`r${n}`, '2026-03-09T00:00:00Z', '2026-01-01T10:00:00Z', 10, { reviewOrder: 'random' }),
    );
    const before = keys(buildQueue(many, clock).review);
    const done = new Set(before.slice(0, 4));
    const after = keys(
      buildQueue(
        many.filter((i) => !done.has(i.card.key)),
        clock,
      ).review,
    );
    expect(after).toEqual(before.slice(4));
  });

  it('orders each deck its own way, spreading the decks through each other', () => {
    const byDue = { reviewOrder: 'due' } as const;
    const weakest = { reviewOrder: 'weakest' } as const;
    const q = buildQueue(
      [
        input(basic('a1', { deck: 'a' }), review('2026-03-01T00:00:00Z'), byDue),
        input(basic('a2', { deck: 'a' }), review('2026-03-02T00:00:00Z'), byDue),
        input(
          basic('b1', { deck: 'b' }),
          review('2026-03-01T00:00:00Z', { stability: 90 }),
          weakest,
        ),
        input(
          basic('b2', { deck: 'b' }),
          review('2026-03-02T00:00:00Z', { stability: 1 }),
          weakest,
        ),
      ],
      clock,
      { curveOf },
    );
    expect(keys(q.review)).toEqual(['a/a1', 'b/b2', 'a/a2', 'b/b1']);
  });
});

describe('new order', () => {
  const tagged = (id: string, order: number, tags: string[], settings: Partial<DeckSettings>) =>
    input({ ...basic(id, { order }), tags }, null, settings);
  const news = (settings: Partial<DeckSettings>) => [
    tagged('a1', 0, ['verbs'], settings),
    tagged('a2', 1, ['verbs'], settings),
    tagged('a3', 2, ['verbs'], settings),
    tagged('b1', 3, ['nouns'], settings),
    tagged('b2', 4, ['nouns'], settings),
    tagged('c1', 5, [], settings),
  ];

  it.each([
    ['file', ['d/a1', 'd/a2', 'd/a3', 'd/b1', 'd/b2', 'd/c1']],
    ['interleaved', ['d/a1', 'd/b1', 'd/c1', 'd/a2', 'd/b2', 'd/a3']],
  ] as const)('%s: %j', (newOrder, expected) => {
    expect(keys(buildQueue(news({ newOrder }), clock).fresh)).toEqual(expected);
  });

  it('interleaved: the new/day limit takes one topic after another', () => {
    const q = buildQueue(news({ newOrder: 'interleaved', newPerDay: 2 }), clock);
    expect(keys(q.fresh)).toEqual(['d/a1', 'd/b1']);
  });

  it('random: the limit picks the same cards all day, others the next day', () => {
    const many = Array.from({ length: 40 }, (_, n) =>
      input(basic(`n${n}`, { order: n }), null, { newOrder: 'random', newPerDay: 5 }),
    );
    const today = keys(buildQueue(many, clock).fresh);
    expect(today).toHaveLength(5);
    expect(keys(buildQueue(many, { ...clock, now: clock.now + 3_600_000 }).fresh)).toEqual(today);
    expect(today).not.toEqual(['d/n0', 'd/n1', 'd/n2', 'd/n3', 'd/n4']);
    expect(keys(buildQueue(many, nextDay).fresh)).not.toEqual(today);
  });
});

describe('new cards among reviews (new_mix)', () => {
  const day = (newMix: DeckSettings['newMix']) =>
    buildQueue(
      [
        ...[1, 2, 3, 4].map((n) =>
          input(basic(`r${n}`, { order: n }), review(`2026-03-0${n}T00:00:00Z`), { newMix }),
        ),
        ...[5, 6].map((n) => input(basic(`n${n}`, { order: n }), null, { newMix })),
      ],
      clock,
    );

  it.each([
    ['before', ['d/n5', 'd/n6', 'd/r1', 'd/r2', 'd/r3', 'd/r4']],
    ['after', ['d/r1', 'd/r2', 'd/r3', 'd/r4', 'd/n5', 'd/n6']],
    ['mixed', ['d/r1', 'd/r2', 'd/n5', 'd/r3', 'd/r4', 'd/n6']],
  ] as const)('%s: %j', (newMix, expected) => {
    expect(keys(sessionOrder(day(newMix)))).toEqual(expected);
  });
});

describe('related cards under every order', () => {
  /**
   * Two groups and a note of three cards, all due, among a few unrelated cards, new and due:
   * enough unrelated ones that related cards can always be put apart.
   */
  function collection(settings: Partial<DeckSettings>): QueueInput[] {
    // Due one after the other in file order: due order alone would put each group together.
    const due = (n: number) =>
      review(new Date(at('2026-03-01T00:00:00Z') + n * 3_600_000).toISOString(), {
        stability: n + 1,
      });
    const cards: QueueInput[] = [];
    let order = 0;
    const add = (id: string, opts: { group?: string; note?: string }, srs: boolean) => {
      cards.push(input(basic(id, { order: order, ...opts }), srs ? due(order) : null, settings));
      order++;
    };
    for (const g of ['g', 'h']) for (const n of [1, 2, 3]) add(`${g}${n}`, { group: g }, true);
    for (const n of [1, 2, 3]) add(`note${n}`, { note: 'note' }, true);
    for (const n of [1, 2, 3, 4, 5, 6]) add(`free${n}`, {}, true);
    for (const n of [1, 2, 3, 4, 5, 6]) add(`new${n}`, {}, false);
    for (const n of [1, 2, 3]) add(`gnew${n}`, { group: 'k' }, false);
    return cards;
  }
  const combos = newOrders.flatMap((newOrder) =>
    reviewOrders.flatMap((reviewOrder) =>
      newMixes.map((newMix) => ({ newOrder, reviewOrder, newMix })),
    ),
  );

  it.each(combos)('never back to back: %j', (settings) => {
    for (const c of [clock, nextDay]) {
      const pending = sessionOrder(buildQueue(collection(settings), c, { curveOf }));
      expect(pending.length).toBeGreaterThan(15);
      const related = pending.map((i) => relatedKey(i.card));
      const together = related.flatMap((k, n) => (k === related[n + 1] ? [keys(pending)[n]] : []));
      expect(together).toEqual([]);
    }
  });
});

describe('custom study', () => {
  const introducedToday = review('2026-03-11T00:00:00Z', {
    state: 'Learning',
    lastReview: at('2026-03-10T11:00:00Z'),
    firstReview: at('2026-03-10T11:00:00Z'),
  });
  const deck = (introduced: number, newPerDay: number) => [
    ...Array.from({ length: introduced }, (_, n) =>
      input(basic(`seen${n}`, { order: n }), introducedToday, { newPerDay }),
    ),
    ...Array.from({ length: 10 }, (_, n) =>
      input(basic(`n${n}`, { order: 100 + n }), null, { newPerDay }),
    ),
    input(basic('other', { deck: 'e' }), null, { newPerDay }),
  ];

  it.each([
    // introduced today, new/day, extra → new cards per deck d
    [1, 3, 0, 2],
    [1, 3, 4, 6],
    [5, 3, 4, 4],
    [0, 0, 2, 2],
  ])('%i introduced, new_per_day %i, --new %i: %i new cards', (introduced, perDay, extra, n) => {
    const q = buildQueue(deck(introduced, perDay), clock, { study: { extraNew: extra } });
    expect(q.fresh.filter((i) => i.card.deckId === 'd')).toHaveLength(n);
    // Each deck gets the extra cards.
    expect(keys(q.fresh.filter((i) => i.card.deckId === 'e'))).toEqual(
      perDay + extra > 0 ? ['e/other'] : [],
    );
  });

  it("counts the extra new cards as today's: a later plain session has no new cards left", () => {
    const extraDone = deck(3 + 4, 3);
    expect(buildQueue(extraDone, clock).fresh.filter((i) => i.card.deckId === 'd')).toEqual([]);
    expect(buildQueue(extraDone, nextDay).fresh.filter((i) => i.card.deckId === 'd')).toHaveLength(
      3,
    );
  });

  const reviews = [
    input(basic('today', { order: 0 }), review('2026-03-10T20:00:00Z'), { reviewsPerDay: 1 }),
    input(basic('over', { order: 1 }), review('2026-03-10T21:00:00Z'), { reviewsPerDay: 1 }),
    input(basic('day1', { order: 2 }), review('2026-03-11T10:00:00Z'), { reviewsPerDay: 1 }),
    input(basic('day3', { order: 3 }), review('2026-03-14T03:00:00Z'), { reviewsPerDay: 1 }),
    input(basic('day4', { order: 4 }), review('2026-03-14T05:00:00Z'), { reviewsPerDay: 1 }),
  ];

  it.each([
    [0, ['d/today']],
    [1, ['d/today', 'd/day1']],
    // The third study day ahead ends at 04:00 on the 14th.
    [3, ['d/today', 'd/day1', 'd/day3']],
  ])('--ahead %id: reviews due within it, after today, past the limit', (aheadDays, expected) => {
    const q = buildQueue(reviews, clock, { study: { aheadDays } });
    expect(keys(q.review)).toEqual(expected);
  });

  it('--ahead keeps a note whose card is due today to one card', () => {
    const q = buildQueue(
      [
        input(basic('p1', { note: 'p' }), review('2026-03-10T20:00:00Z')),
        input(basic('p2', { note: 'p' }), review('2026-03-11T10:00:00Z')),
      ],
      clock,
      { study: { aheadDays: 2 } },
    );
    expect(keys(q.review)).toEqual(['d/p1']);
  });
});
