import { describe, expect, it } from 'vitest';
import { buildQueue, nextDue } from '../../src/srs/queue.js';
import { basic, input, review } from '../support/cards.js';

const clock = { now: new Date('2026-03-10T12:00:00Z'), dayStartsAt: 4 };
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
      lastReview: '2026-03-10T11:00:00Z',
      firstReview: '2026-03-10T11:00:00Z',
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
    const doneToday = review('2026-03-20T00:00:00Z', { lastReview: '2026-03-10T09:00:00Z' });
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
          review('2026-03-20T00:00:00Z', { lastReview: '2026-03-10T09:00:00Z' }),
        ),
        input(basic('p2', { note: 'pairs' }), review('2026-03-09T00:00:00Z')),
      ],
      clock,
    );
    expect(keys(q.fresh)).toEqual(['d/c1']);
    expect(keys(q.review)).toEqual([]);
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
});

describe('nextDue', () => {
  it('is the start of the study day of the earliest future review when nothing is due', () => {
    const at = nextDue([input(basic('a'), review('2026-03-13T09:30:00Z'))], clock);
    expect(at?.toISOString()).toBe('2026-03-13T04:00:00.000Z');
  });

  it('is the next learning step when one is pending today', () => {
    const at = nextDue(
      [input(basic('a'), review('2026-03-10T12:30:00Z', { state: 'Learning' }))],
      clock,
    );
    expect(at?.toISOString()).toBe('2026-03-10T12:30:00.000Z');
  });

  it('is null for an empty collection', () => {
    expect(nextDue([], clock)).toBeNull();
  });
});
