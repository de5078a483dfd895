import { describe, expect, it } from 'vitest';
import type { SrsState } from '../../src/core/model.js';
import { buildQueue } from '../../src/core/queue.js';
import {
  learnAheadMs,
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

function sessionOf(...inputs: Parameters<typeof buildQueue>[0]): Session {
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
});
