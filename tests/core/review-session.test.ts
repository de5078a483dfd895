import { describe, expect, it } from 'vitest';
import type { SrsState } from '../../src/core/model.js';
import { buildQueue, type QueueInput } from '../../src/core/queue.js';
import {
  learnAheadMs,
  progress,
  remaining,
  type Session,
  sessionReducer,
  startSession,
} from '../../src/core/review-session.js';
import { basic, input, review } from '../support/cards.js';

const now = Date.parse('2026-03-10T12:00:00Z');
const endOfDay = Date.parse('2026-03-11T04:00:00Z');
const later = (ms: number) => now + ms;
const learningAt = (due: number): SrsState =>
  review(new Date(due).toISOString(), { state: 'Learning' });
const reviewedUntil = (iso: string): SrsState => review(iso);

function sessionOf(...inputs: QueueInput[]): Session {
  return startSession(buildQueue(inputs, { now, dayStartsAt: 4 }), now, endOfDay);
}
const rate = (s: Session, next: SrsState, at = now) =>
  sessionReducer(s, { type: 'rated', rating: 3, next, entryId: `e${s.rated.length}`, now: at });

describe('review session', () => {
  it('never shows two cards of one group back to back while others can go between', () => {
    const due = review('2026-03-09T00:00:00Z');
    const grouped = ['a', 'b', 'c'].map((id, i) => input(basic(id, { group: 'g', order: i }), due));
    const others = ['x', 'y'].map((id, i) => input(basic(id, { order: 10 + i }), due));
    const s = sessionOf(...grouped, ...others);
    const order = [s.current!, ...s.pending].map((i) => i.card.key);
    expect(order).toEqual(['d/a', 'd/x', 'd/b', 'd/y', 'd/c']);
  });

  it('never shows a card right after one whose answer or explanation gives it away', () => {
    const due = review('2026-03-09T00:00:00Z');
    const card = (id: string, order: number, answer: string, explain?: string) => ({
      ...basic(id, { order }),
      answer,
      ...(explain === undefined ? {} : { explain }),
    });
    const a = card('a', 0, 'It reruns some tasks', 'Repair reruns only the failed tasks.');
    const b = card('b', 1, 'failed tasks');
    const c = card('c', 2, 'a whole fresh run');
    const d = card('d', 3, 'call /api/2.2/jobs/runs/get with the run id');
    const e = card('e', 4, 'GET /api/2.2/jobs/runs/get');
    const f = card('f', 5, 'the recipe');
    const inputs = [a, b, c, d, e, f].map((x) => input(x, due));
    const queue = buildQueue(inputs, { now, dayStartsAt: 4 });
    // Without the rule: a (its explanation says "failed tasks") right before b, and d (its
    // answer names e's path) right before e.
    expect(queue.review.map((i) => i.card.key)).toEqual(['d/a', 'd/b', 'd/c', 'd/d', 'd/e', 'd/f']);
    const s = startSession(queue, now, endOfDay);
    const order = [s.current!, ...s.pending].map((i) => i.card.key);
    expect(order).toEqual(['d/a', 'd/c', 'd/b', 'd/d', 'd/f', 'd/e']);
  });

  it('shows pending cards in order and ends when nothing is left', () => {
    let s = sessionOf(input(basic('a', { order: 0 })), input(basic('b', { order: 1 })));
    expect(s.current?.card.key).toBe('d/a');
    s = rate(s, reviewedUntil('2026-03-13T00:00:00Z'));
    expect(s.current?.card.key).toBe('d/b');
    s = rate(s, reviewedUntil('2026-03-13T00:00:00Z'));
    expect(s.current).toBeNull();
    expect(s.rated.map((r) => r.key)).toEqual(['d/a', 'd/b']);
  });

  it('brings a learning card back after its step, early within the learn-ahead window', () => {
    let s = sessionOf(input(basic('a', { order: 0 })), input(basic('b', { order: 1 })));
    s = rate(s, learningAt(later(10 * 60_000)));
    expect(s.current?.card.key).toBe('d/b');
    expect(remaining(s)).toEqual({ fresh: 1, learning: 1, review: 0 });
    s = rate(s, reviewedUntil('2026-03-13T00:00:00Z'));
    // Nothing else left: the learning card due in 10 minutes is within the 20-minute window.
    expect(s.current?.card.key).toBe('d/a');
  });

  it('ends with a learning card still pending when it is beyond the learn-ahead window', () => {
    let s = sessionOf(input(basic('a')));
    s = rate(s, learningAt(later(learnAheadMs + 60_000)));
    expect(s.current).toBeNull();
    expect(s.learning).toHaveLength(1);
  });

  it('shows a due learning card before pending ones', () => {
    let s = sessionOf(
      input(basic('a', { order: 0 })),
      input(basic('b', { order: 1 })),
      input(basic('c', { order: 2 })),
    );
    s = rate(s, learningAt(later(60_000)), now);
    expect(s.current?.card.key).toBe('d/b');
    s = rate(s, reviewedUntil('2026-03-13T00:00:00Z'), later(2 * 60_000));
    expect(s.current?.card.key).toBe('d/a');
  });

  it('undo goes back to exactly the state before the last rating', () => {
    const s0 = sessionOf(input(basic('a', { order: 0 })), input(basic('b', { order: 1 })));
    const s1 = rate(s0, learningAt(later(60_000)));
    const back = sessionReducer(s1, { type: 'undo' });
    expect(back.current).toEqual(s0.current);
    expect(back.pending).toEqual(s0.pending);
    expect(back.learning).toEqual(s0.learning);
    expect(back.rated).toEqual([]);
    expect(sessionReducer(back, { type: 'undo' })).toBe(back);
  });

  it('counts progress in cards: a card is done when no step of it is left today', () => {
    let s = sessionOf(input(basic('a', { order: 0 })), input(basic('b', { order: 1 })));
    expect(progress(s)).toEqual({ done: 0, total: 2 });
    s = rate(s, learningAt(later(60_000)));
    // a is in learning: rated, not done, and the total does not grow with its step.
    expect(progress(s)).toEqual({ done: 0, total: 2 });
    s = rate(s, learningAt(later(2 * 60_000)), later(2 * 60_000));
    expect(progress(s)).toEqual({ done: 0, total: 2 });
    s = rate(s, reviewedUntil('2026-03-13T00:00:00Z'), later(3 * 60_000));
    expect(progress(s)).toEqual({ done: 1, total: 2 });
    s = rate(s, reviewedUntil('2026-03-13T00:00:00Z'), later(4 * 60_000));
    expect(s.rated).toHaveLength(4);
    expect(progress(s)).toEqual({ done: 2, total: 2 });
    expect(progress(sessionReducer(s, { type: 'undo' }))).toEqual({ done: 1, total: 2 });
  });

  it('skip puts the card last: the others come first, then it', () => {
    let s = sessionOf(
      input(basic('a', { order: 0 })),
      input(basic('b', { order: 1 })),
      input(basic('c', { order: 2 })),
    );
    s = sessionReducer(s, { type: 'skip', now });
    expect(s.current?.card.key).toBe('d/b');
    expect(s.pending.map((i) => i.card.key)).toEqual(['d/c', 'd/a']);
    expect(s.rated).toEqual([]);
    expect(remaining(s)).toEqual({ fresh: 3, learning: 0, review: 0 });
  });

  it('a card rated elsewhere leaves unrated, with no step for undo to take back', () => {
    let s = sessionOf(input(basic('a', { order: 0 })), input(basic('b', { order: 1 })));
    s = rate(s, reviewedUntil('2026-03-15T00:00:00Z'));
    expect(s.current?.card.key).toBe('d/b');
    s = sessionReducer(s, { type: 'ratedElsewhere', now });
    expect(s.current).toBeNull();
    expect(s.rated.map((r) => r.key)).toEqual(['d/a']);
    expect(s.steps.map((x) => x.kind)).toEqual(['rated']);
    expect(progress(s)).toEqual({ done: 1, total: 1 });
  });

  it('a skipped learning card still counts as learning while it waits', () => {
    let s = sessionOf(input(basic('a', { order: 0 })), input(basic('b', { order: 1 })));
    s = rate(s, learningAt(now));
    expect(s.current?.card.key).toBe('d/a');
    s = sessionReducer(s, { type: 'skip', now });
    expect(s.current?.card.key).toBe('d/b');
    expect(remaining(s)).toEqual({ fresh: 1, learning: 1, review: 0 });
  });

  it('a card put aside leaves the session with its queued note mates, and undo brings them back', () => {
    const s0 = sessionOf(
      input(basic('a1', { note: 'a', order: 0 })),
      input(basic('b', { order: 1 })),
      input(basic('a2', { note: 'a', order: 2 })),
      input(basic('c', { order: 3 })),
    );
    // Siblings are buried from the queue: one card per note, a1 first.
    expect([s0.current, ...s0.pending].map((i) => i?.card.key)).toEqual(['d/a1', 'd/b', 'd/c']);
    let s = sessionReducer(s0, { type: 'skip', now });
    s = sessionReducer(s, { type: 'aside', keys: ['d/b', 'd/c'], entryId: 'x1', now });
    expect(s.current?.card.key).toBe('d/a1');
    expect(s.pending).toEqual([]);
    expect(s.steps.map((t) => [t.kind, t.key, t.entryId])).toEqual([
      ['skip', 'd/a1', undefined],
      ['aside', 'd/b', 'x1'],
    ]);
    const back = sessionReducer(s, { type: 'undo' });
    expect(back.current?.card.key).toBe('d/b');
    expect(back.pending.map((i) => i.card.key)).toEqual(['d/c', 'd/a1']);
    expect(back.steps).toHaveLength(1);
  });

  it('the last card put aside ends the session', () => {
    const s = sessionReducer(sessionOf(input(basic('a'))), {
      type: 'aside',
      keys: ['d/a'],
      entryId: 'x',
      now,
    });
    expect(s.current).toBeNull();
  });

  it('a mark keeps the card on screen and is the step undo takes back first', () => {
    const s0 = sessionOf(input(basic('a', { order: 0 })), input(basic('b', { order: 1 })));
    const s = sessionReducer(s0, { type: 'marked', entryId: 'm1' });
    expect(s.current?.card.key).toBe('d/a');
    expect(s.steps.at(-1)).toEqual({ kind: 'marked', key: 'd/a', entryId: 'm1' });
    expect(sessionReducer(s, { type: 'undo' }).steps).toEqual([]);
  });

  it('a deck read again gives its queued cards their new text; a broken one leaves the session', () => {
    const s0 = sessionOf(
      input(basic('a', { order: 0 })),
      input(basic('x', { deck: 'e', order: 1 })),
      input(basic('b', { order: 2 })),
    );
    const edited = { ...basic('a', { order: 0 }), prompt: 'new text' };
    const s1 = sessionReducer(s0, { type: 'deckChanged', deckId: 'd', cards: [edited], now });
    expect(s1.current?.card).toBe(edited);
    expect(s1.pending.map((i) => i.card.key)).toEqual(['e/x']);
    const renamed = { ...basic('a2', { order: 0 }), prompt: 'renamed' };
    const s2 = sessionReducer(s0, {
      type: 'deckChanged',
      deckId: 'd',
      cards: [renamed, basic('b', { order: 2 })],
      renamed: { from: 'd/a', to: 'd/a2' },
      now,
    });
    expect(s2.current?.card.key).toBe('d/a2');
    const gone = sessionReducer(s0, { type: 'deckChanged', deckId: 'd', cards: null, now });
    expect([gone.current, ...gone.pending].map((i) => i?.card.key)).toEqual(['e/x']);
  });
});
