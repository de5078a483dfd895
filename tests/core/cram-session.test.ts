import { describe, expect, it } from 'vitest';
import {
  type CramAction,
  type CramState,
  cramReducer,
  cramSummary,
  createCram,
} from '../../src/core/cram-session.js';
import { basic } from '../support/cards.js';

const t0 = Date.parse('2026-03-10T20:00:00Z');
const at = (s: number) => t0 + s * 1000;
const cards = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => basic(id, { order: i }));

/** Answer cards in turn, right unless the card's id is in `wrong` (each miss used once). */
function run(state: CramState, wrong: string[]): { state: CramState; shown: string[] } {
  const misses = [...wrong];
  const shown: string[] = [];
  let s = state;
  for (let i = 0; !s.done && i < 100; i++) {
    const id = s.current!.key.slice(2);
    shown.push(id);
    const miss = misses.indexOf(id);
    if (miss >= 0) misses.splice(miss, 1);
    s = cramReducer(s, { type: 'answer', correct: miss < 0, at: at(10 * i) });
  }
  return { state: s, shown };
}

describe('cram session', () => {
  it('brings a missed card back after three others, and ends only when every card was answered right', () => {
    const { state, shown } = run(createCram(cards), ['b']);
    expect(shown).toEqual(['a', 'b', 'c', 'd', 'e', 'b', 'f']);
    expect(state.done).toBe(true);
    expect(state.current).toBeNull();
    expect(Object.values(state.attempts).every((a) => a.passed)).toBe(true);
  });

  it('puts a missed card last when fewer than three others are left, and repeats it until right', () => {
    const { state, shown } = run(createCram(cards), ['e', 'f', 'f', 'f']);
    expect(shown).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'e', 'f', 'f', 'f']);
    expect(state.attempts['d/f']).toEqual({ attempts: 4, misses: 3, passed: true });
  });

  it('does not end while a missed card is still waiting', () => {
    let s = createCram(cards.slice(0, 2));
    s = cramReducer(s, { type: 'answer', correct: true, at: at(0) });
    s = cramReducer(s, { type: 'answer', correct: false, at: at(5) });
    expect(s.done).toBe(false);
    expect(s.current?.key).toBe('d/b');
    s = cramReducer(s, { type: 'answer', correct: true, at: at(9) });
    expect(s.done).toBe(true);
  });

  it('drills only the first --limit cards of the order', () => {
    const { state, shown } = run(createCram(cards, { limit: 3 }), ['a']);
    expect(state.cards.map((c) => c.key)).toEqual(['d/a', 'd/b', 'd/c']);
    expect(shown).toEqual(['a', 'b', 'c', 'a']);
    expect(cramSummary(state).cards).toBe(3);
  });

  it('sums up cards, first-try accuracy, the cards missed most, and the time from first to last answer', () => {
    const { state } = run(createCram(cards), ['c', 'c', 'a']);
    const sum = cramSummary(state);
    expect(sum.cards).toBe(6);
    expect(sum.passed).toBe(6);
    expect(sum.answers).toBe(9);
    expect(sum.firstTryAccuracy).toBeCloseTo(4 / 6);
    expect(sum.mostMissed.map((m) => [m.card.key, m.misses])).toEqual([
      ['d/c', 2],
      ['d/a', 1],
    ]);
    expect(sum.durationMs).toBe(80_000);
  });

  it('skips a card to the end without counting an attempt, and can be ended early', () => {
    let s = createCram(cards.slice(0, 3));
    s = cramReducer(s, { type: 'skip' });
    expect(s.current?.key).toBe('d/b');
    expect(s.queue.map((c) => c.key)).toEqual(['d/b', 'd/c', 'd/a']);
    expect(s.attempts['d/a']?.attempts).toBe(0);
    s = cramReducer(s, { type: 'answer', correct: false, at: at(0) });
    s = cramReducer(s, { type: 'end' });
    expect(s.done).toBe(true);
    expect(s.ended).toBe(true);
    const after = cramReducer(s, { type: 'answer', correct: true, at: at(1) } as CramAction);
    expect(after).toBe(s);
    expect(cramSummary(s)).toMatchObject({ passed: 0, answers: 1, firstTryAccuracy: 0 });
  });

  it('undoes the last answer, even after the session ended: that card is current again', () => {
    let s = createCram(cards.slice(0, 2));
    s = cramReducer(s, { type: 'answer', correct: true, at: at(0) });
    s = cramReducer(s, { type: 'answer', correct: false, at: at(5) });
    s = cramReducer(s, { type: 'end' });
    s = cramReducer(s, { type: 'undo' });
    expect(s.done).toBe(false);
    expect(s.current?.key).toBe('d/b');
    expect(s.attempts['d/b']).toEqual({ attempts: 0, misses: 0, passed: false });
    expect(cramSummary(s)).toMatchObject({ answers: 1, durationMs: 0 });
    s = cramReducer(s, { type: 'undo' });
    expect(s.current?.key).toBe('d/a');
    expect(cramSummary(s).answers).toBe(0);
    expect(cramReducer(s, { type: 'undo' })).toBe(s);
  });

  it('is done at once with no cards', () => {
    const s = createCram([]);
    expect(s.done).toBe(true);
    expect(cramSummary(s)).toMatchObject({ cards: 0, firstTryAccuracy: 0, durationMs: 0 });
  });
});
