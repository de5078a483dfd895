import { describe, expect, it } from 'vitest';
import { buildQueue, nextDue, queueOutlook } from '../../src/core/queue.js';
import { basic, input, review } from '../support/cards.js';

const clock = { now: Date.parse('2026-03-10T12:00:00Z'), dayStartsAt: 4 };
const keys = (items: readonly { card: { key: string } }[]) => items.map((i) => i.card.key);

describe('buildQueue', () => {
  it('takes reviews due before the next day starts, oldest first, and leaves later ones', () => {
    const q = buildQueue(
      [
        input(basic('later'), review('2026-03-11T05:00:00Z')),
        input(basic('tonight'), review('2026-03-11T03:00:00Z')),
        input(basic('overdue'), review('2026-03-01T00:00:00Z')),
      ],
      clock,
    );
    expect(keys(q.review)).toEqual(['d/overdue', 'd/tonight']);
  });

  it('limits new cards per day per deck, counting cards already introduced today', () => {
    const introducedToday = review('2026-03-11T00:00:00Z', {
      state: 'Learning',
      lastReview: Date.parse('2026-03-10T11:00:00Z'),
      firstReview: Date.parse('2026-03-10T11:00:00Z'),
    });
    const inputs = [
      input(basic('seen', { order: 0 }), introducedToday, { newPerDay: 3 }),
      ...[1, 2, 3, 4].map((n) => input(basic(`n${n}`, { order: n }), null, { newPerDay: 3 })),
      input(basic('other', { deck: 'e' }), null, { newPerDay: 3 }),
    ];
    const q = buildQueue(inputs, clock);
    expect(keys(q.fresh)).toEqual(['d/n1', 'd/n2', 'e/other']);
  });

  it('limits reviews per day, counting reviews already done today', () => {
    const doneToday = review('2026-03-20T00:00:00Z', {
      lastReview: Date.parse('2026-03-10T09:00:00Z'),
    });
    const q = buildQueue(
      [
        input(basic('done'), doneToday, { reviewsPerDay: 2 }),
        input(basic('a'), review('2026-03-09T00:00:00Z'), { reviewsPerDay: 2 }),
        input(basic('b'), review('2026-03-08T00:00:00Z'), { reviewsPerDay: 2 }),
      ],
      clock,
    );
    expect(keys(q.review)).toEqual(['d/b']);
  });

  it('buries siblings: one card per note a day, none if the note was studied today', () => {
    const q = buildQueue(
      [
        input(basic('c1', { note: 'cloze' }), null),
        input(basic('c2', { note: 'cloze' }), null),
        input(
          basic('p1', { note: 'pairs' }),
          review('2026-03-20T00:00:00Z', { lastReview: Date.parse('2026-03-10T09:00:00Z') }),
        ),
        input(basic('p2', { note: 'pairs' }), review('2026-03-09T00:00:00Z')),
      ],
      clock,
    );
    expect(keys(q.fresh)).toEqual(['d/c1']);
    expect(keys(q.review)).toEqual([]);
  });

  it('spreads new cards of one group over days, as siblings are, but delays no review of it', () => {
    const q = buildQueue(
      [
        input(basic('g1', { group: 'g', order: 0 }), null),
        input(basic('g2', { group: 'g', order: 1 }), null),
        input(basic('h1', { group: 'h', order: 2 }), null),
        input(basic('h2', { group: 'h', order: 3 }), review('2026-03-09T00:00:00Z')),
        input(basic('h3', { group: 'h', order: 4 }), review('2026-03-09T00:00:00Z')),
        input(basic('free', { order: 5 }), null),
      ],
      clock,
    );
    expect(keys(q.fresh)).toEqual(['d/g1', 'd/free']);
    expect(keys(q.review)).toEqual(['d/h2', 'd/h3']);
  });

  it("buries a new card whose sibling is among today's due reviews", () => {
    const q = buildQueue(
      [
        input(basic('front', { note: 'rev', order: 0 }), review('2026-03-09T00:00:00Z')),
        input(basic('back', { note: 'rev', order: 1 }), null),
        input(basic('other', { order: 2 }), null),
      ],
      clock,
    );
    expect(keys(q.review)).toEqual(['d/front']);
    expect(keys(q.fresh)).toEqual(['d/other']);
  });

  it('keeps learning cards due today in the learning queue, earliest first', () => {
    const learning = (due: string) => review(due, { state: 'Learning' });
    const q = buildQueue(
      [
        input(basic('l2'), learning('2026-03-10T12:10:00Z')),
        input(basic('l1'), learning('2026-03-10T11:59:00Z')),
        input(basic('tomorrow'), learning('2026-03-11T05:00:00Z')),
      ],
      clock,
    );
    expect(keys(q.learning)).toEqual(['d/l1', 'd/l2']);
  });

  it("puts flagged cards in today's reviews even when not due", () => {
    const q = buildQueue(
      [input(basic('f'), review('2026-04-01T00:00:00Z'), {}, '2026-03-10T10:00:00Z')],
      clock,
    );
    expect(keys(q.review)).toEqual(['d/f']);
  });

  it('breaks ties in due time by deck, then by position in the deck', () => {
    const at = '2026-03-09T00:00:00Z';
    const q = buildQueue(
      [
        input(basic('e1', { deck: 'e', order: 1 }), review(at)),
        input(basic('d2', { order: 2 }), review(at)),
        input(basic('early', { order: 9 }), review('2026-03-08T00:00:00Z')),
        input(basic('d1', { order: 1 }), review(at)),
        input(basic('l2', { order: 2 }), review(at, { state: 'Relearning' })),
        input(basic('l1', { order: 1 }), review(at, { state: 'Learning' })),
      ],
      clock,
    );
    expect(keys(q.review)).toEqual(['d/early', 'd/d1', 'd/d2', 'e/e1']);
    expect(keys(q.learning)).toEqual(['d/l1', 'd/l2']);
  });

  it('orders flagged cards among due reviews by due time, and flagged new cards first', () => {
    const flagged = '2026-03-10T10:00:00Z';
    const q = buildQueue(
      [
        input(basic('late', { order: 0 }), review('2026-04-01T00:00:00Z'), {}, flagged),
        input(basic('due', { order: 1 }), review('2026-03-09T00:00:00Z')),
        input(basic('old', { order: 2 }), review('2026-02-01T00:00:00Z'), {}, flagged),
        input(basic('n1', { order: 3 }), null),
        input(basic('n2', { order: 4 }), null, {}, flagged),
      ],
      clock,
    );
    expect(keys(q.review)).toEqual(['d/old', 'd/due', 'd/late']);
    expect(keys(q.fresh)).toEqual(['d/n2', 'd/n1']);
  });

  it('keeps a flagged card whose sibling was studied today', () => {
    const q = buildQueue(
      [
        input(
          basic('p1', { note: 'pairs' }),
          review('2026-03-20T00:00:00Z', { lastReview: Date.parse('2026-03-10T09:00:00Z') }),
        ),
        input(
          basic('p2', { note: 'pairs' }),
          review('2026-03-20T00:00:00Z'),
          {},
          '2026-03-10T10:00:00Z',
        ),
      ],
      clock,
    );
    expect(keys(q.review)).toEqual(['d/p2']);
  });

  it('counts a card rated before the study day started (04:00) as not done today', () => {
    const lastNight = '2026-03-10T03:59:00Z';
    const ratedLastNight = review('2026-03-09T00:00:00Z', {
      lastReview: Date.parse(lastNight),
      firstReview: Date.parse(lastNight),
    });
    const limits = { reviewsPerDay: 1, newPerDay: 1 };
    const q = buildQueue(
      [
        input(basic('night', { order: 0 }), ratedLastNight, limits),
        input(basic('n', { order: 1 }), null, limits),
      ],
      clock,
    );
    expect(keys(q.review)).toEqual(['d/night']);
    expect(keys(q.fresh)).toEqual(['d/n']);
  });

  it('returns the items as they came in: card, state, flag and settings, nothing else', () => {
    const srs = review('2026-03-09T00:00:00Z');
    const item = input(basic('a'), srs);
    const q = buildQueue([item], clock);
    expect(q.review).toStrictEqual([
      { card: item.card, srs, flagged: false, settings: item.settings },
    ]);
  });
});

describe('nextDue', () => {
  it('is the start of the study day of the earliest future review when nothing is due', () => {
    const at = nextDue([input(basic('a'), review('2026-03-13T09:30:00Z'))], clock);
    expect(at).toBe(Date.parse('2026-03-13T04:00:00.000Z'));
  });

  it('is the next learning step when one is pending today', () => {
    const at = nextDue(
      [input(basic('a'), review('2026-03-10T12:30:00Z', { state: 'Learning' }))],
      clock,
    );
    expect(at).toBe(Date.parse('2026-03-10T12:30:00.000Z'));
  });

  it('is null for an empty collection', () => {
    expect(nextDue([], clock)).toBeNull();
  });

  it('is the start of today when a card is overdue', () => {
    const at = nextDue([input(basic('a'), review('2026-03-01T09:30:00Z'))], clock);
    expect(at).toBe(Date.parse('2026-03-10T04:00:00.000Z'));
  });

  it('takes the earliest study day among many future reviews, in any order', () => {
    const dues = ['2026-03-20T09:00:00Z', '2026-03-12T03:00:00Z', '2026-03-15T23:00:00Z'];
    const at = nextDue(
      dues.map((d, i) => input(basic(`c${i}`), review(d))),
      clock,
    );
    // 03:00 is before the 04:00 rollover: still the study day of the 11th.
    expect(at).toBe(Date.parse('2026-03-11T04:00:00.000Z'));
  });

  it('is the start of tomorrow for new cards over the daily limit', () => {
    const inputs = [
      input(
        basic('seen', { order: 0 }),
        review('2026-03-20T00:00:00Z', {
          lastReview: Date.parse('2026-03-10T11:00:00Z'),
          firstReview: Date.parse('2026-03-10T11:00:00Z'),
        }),
        { newPerDay: 1 },
      ),
      input(basic('n', { order: 1 }), null, { newPerDay: 1 }),
    ];
    expect(nextDue(inputs, clock)).toBe(Date.parse('2026-03-11T04:00:00.000Z'));
  });

  it('is a learning step that ends after the day rolls over, not nothing', () => {
    // Late at night: the step ends at 04:05, five minutes into the next study day.
    const late = { now: Date.parse('2026-03-11T03:55:00Z'), dayStartsAt: 4 };
    const step = review('2026-03-11T04:05:00Z', { state: 'Learning' });
    expect(nextDue([input(basic('a'), step)], late)).toBe(Date.parse('2026-03-11T04:05:00.000Z'));
    const later = review('2026-03-14T09:00:00Z');
    expect(nextDue([input(basic('a'), step), input(basic('b'), later)], late)).toBe(
      Date.parse('2026-03-11T04:05:00.000Z'),
    );
  });

  it('comes with the same queue from queueOutlook as from buildQueue and nextDue', () => {
    const inputs = [
      input(basic('a'), review('2026-03-01T09:30:00Z')),
      input(basic('b'), review('2026-03-10T12:30:00Z', { state: 'Learning' })),
      input(basic('c', { order: 2 }), null),
    ];
    const both = queueOutlook(inputs, clock);
    expect(both.queue).toStrictEqual(buildQueue(inputs, clock));
    expect(both.nextDue).toStrictEqual(nextDue(inputs, clock));
  });

  it('counts what the daily limits held back, not buried siblings or suspended cards', () => {
    const limits = { reviewsPerDay: 2, newPerDay: 1 };
    const inputs = [
      ...[1, 2, 3, 4, 5].map((n) => input(basic(`r${n}`), review('2026-03-09T00:00:00Z'), limits)),
      input(basic('s1', { note: 'pair' }), review('2026-03-09T00:00:00Z'), limits),
      input(basic('s2', { note: 'pair' }), review('2026-03-09T00:00:00Z'), limits),
      {
        ...input(basic('off'), review('2026-03-09T00:00:00Z'), limits),
        progress: { srs: review('2026-03-09T00:00:00Z'), suspended: true as const },
      },
      ...[1, 2, 3].map((n) => input(basic(`n${n}`, { order: n }), null, limits)),
    ];
    const { queue, heldBack } = queueOutlook(inputs, clock);
    expect(queue.review).toHaveLength(2);
    expect(queue.fresh).toHaveLength(1);
    // Six reviews in play (one of the pair is buried as a sibling), two kept; three new, one kept.
    expect(heldBack).toEqual({ review: 4, fresh: 2 });
  });

  it('holds nothing back when everything due fits the limits', () => {
    const inputs = [input(basic('a'), review('2026-03-09T00:00:00Z')), input(basic('n'), null)];
    expect(queueOutlook(inputs, clock).heldBack).toEqual({ review: 0, fresh: 0 });
  });

  it('copes with collections too large to spread into Math.min', () => {
    const later = input(basic('later'), review('2026-04-20T12:00:00Z'));
    const many = [
      ...Array.from({ length: 150_000 }, () => later),
      input(basic('a'), review('2026-04-01T12:00:00Z')),
    ];
    expect(nextDue(many, clock)).toBe(Date.parse('2026-04-01T04:00:00.000Z'));
  });
});
