import { describe, expect, it } from 'vitest';
import {
  type CramAction,
  type CramState,
  cramReducer,
  cramSummary,
  createCram,
} from '../../src/core/cram-session.js';
import { basic } from '../support/cards.js';

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
    s = cramReducer(s, { type: 'answer', correct: miss < 0, durationMs: 10_000 });
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
    s = cramReducer(s, { type: 'answer', correct: true, durationMs: 0 });
    s = cramReducer(s, { type: 'answer', correct: false, durationMs: 5000 });
    expect(s.done).toBe(false);
    expect(s.current?.key).toBe('d/b');
    s = cramReducer(s, { type: 'answer', correct: true, durationMs: 9000 });
    expect(s.done).toBe(true);
  });

  it('drills only the first --limit cards of the order', () => {
    const { state, shown } = run(createCram(cards, { limit: 3 }), ['a']);
    expect(state.cards.map((c) => c.key)).toEqual(['d/a', 'd/b', 'd/c']);
    expect(shown).toEqual(['a', 'b', 'c', 'a']);
    expect(cramSummary(state).cards).toBe(3);
  });

  it("sums up cards, first-try accuracy, the cards missed most, and the answers' times summed", () => {
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
    // Nine answers of 10 s each: the first card's time counts too.
    expect(sum.durationMs).toBe(90_000);
  });

  it('skips a card to the end without counting an attempt, and can be ended early', () => {
    let s = createCram(cards.slice(0, 3));
    s = cramReducer(s, { type: 'skip' });
    expect(s.current?.key).toBe('d/b');
    expect(s.queue.map((c) => c.key)).toEqual(['d/b', 'd/c', 'd/a']);
    expect(s.attempts['d/a']?.attempts).toBe(0);
    s = cramReducer(s, { type: 'answer', correct: false, durationMs: 0 });
    s = cramReducer(s, { type: 'end' });
    expect(s.done).toBe(true);
    expect(s.ended).toBe(true);
    const after = cramReducer(s, { type: 'answer', correct: true, durationMs: 1000 } as CramAction);
    expect(after).toBe(s);
    expect(cramSummary(s)).toMatchObject({ passed: 0, answers: 1, firstTryAccuracy: 0 });
  });

  it('undoes the last answer, even after the session ended: that card is current again', () => {
    let s = createCram(cards.slice(0, 2));
    s = cramReducer(s, { type: 'answer', correct: true, durationMs: 3000 });
    s = cramReducer(s, { type: 'answer', correct: false, durationMs: 5000 });
    s = cramReducer(s, { type: 'end' });
    s = cramReducer(s, { type: 'undo' });
    expect(s.done).toBe(false);
    expect(s.current?.key).toBe('d/b');
    expect(s.attempts['d/b']).toEqual({ attempts: 0, misses: 0, passed: false });
    expect(cramSummary(s)).toMatchObject({ answers: 1, durationMs: 3000 });
    s = cramReducer(s, { type: 'undo' });
    expect(s.current?.key).toBe('d/a');
    expect(cramSummary(s).answers).toBe(0);
    expect(cramReducer(s, { type: 'undo' })).toBe(s);
  });

  it('undoes a skip: the skipped card is current again, where it was', () => {
    let s = createCram(cards.slice(0, 3));
    s = cramReducer(s, { type: 'skip' });
    expect(s.steps).toEqual([{ kind: 'skip', key: 'd/a' }]);
    s = cramReducer(s, { type: 'undo' });
    expect(s.current?.key).toBe('d/a');
    expect(s.queue.map((c) => c.key)).toEqual(['d/a', 'd/b', 'd/c']);
    expect(s.steps).toEqual([]);
  });

  it('puts a card aside: it and its queued note mates leave the session, and undo brings them back', () => {
    const note = [basic('a'), basic('n1', { note: 'n' }), basic('b'), basic('n2', { note: 'n' })];
    let s = createCram(note);
    s = cramReducer(s, { type: 'answer', correct: true, durationMs: 0, entryId: 'e1' });
    s = cramReducer(s, { type: 'aside', keys: ['d/n1', 'd/n2'], entryId: 'c1' });
    expect(s.current?.key).toBe('d/b');
    expect(s.queue.map((c) => c.key)).toEqual(['d/b']);
    expect(s.aside).toEqual(['d/n1', 'd/n2']);
    expect(s.steps.at(-1)).toEqual({ kind: 'aside', key: 'd/n1', entryId: 'c1' });
    s = cramReducer(s, { type: 'undo' });
    expect(s.current?.key).toBe('d/n1');
    expect(s.queue.map((c) => c.key)).toEqual(['d/n1', 'd/b', 'd/n2']);
    expect(s.aside).toEqual([]);
    expect(s.steps).toEqual([{ kind: 'rated', key: 'd/a', entryId: 'e1' }]);
  });

  it('ends when the last cards are put aside; the summary counts them apart', () => {
    let s = createCram(cards.slice(0, 3));
    s = cramReducer(s, { type: 'answer', correct: false, durationMs: 0 });
    s = cramReducer(s, { type: 'answer', correct: true, durationMs: 5000 });
    s = cramReducer(s, { type: 'aside', keys: ['d/c'], entryId: 'c1' });
    // The missed card is back: put it aside too, answered but never passed.
    expect(s.current?.key).toBe('d/a');
    s = cramReducer(s, { type: 'aside', keys: ['d/a'], entryId: 'c2' });
    expect(s.done).toBe(true);
    expect(s.ended).toBe(false);
    expect(cramSummary(s)).toMatchObject({ cards: 1, passed: 1, putAside: 2, answers: 2 });
    s = cramReducer(s, { type: 'undo' });
    expect(s.done).toBe(false);
    expect(cramSummary(s)).toMatchObject({ cards: 2, putAside: 1 });
  });

  it('keeps a marked card on screen; undo takes the mark back before the answer before it', () => {
    let s = createCram(cards.slice(0, 2));
    s = cramReducer(s, { type: 'answer', correct: true, durationMs: 0, entryId: 'e1' });
    const before = s;
    s = cramReducer(s, { type: 'marked', entryId: 'c1' });
    expect(s.current?.key).toBe('d/b');
    expect(s.steps.map((x) => x.kind)).toEqual(['rated', 'marked']);
    s = cramReducer(s, { type: 'undo' });
    expect(s.current).toBe(before.current);
    expect(s.steps.map((x) => x.entryId)).toEqual(['e1']);
    s = cramReducer(s, { type: 'undo' });
    expect(s.current?.key).toBe('d/a');
  });

  it('takes an edited deck: cards as they now read, a renamed key keeping its answers, a deleted card gone', () => {
    const other = basic('x', { deck: 'o' });
    let s = createCram([...cards.slice(0, 3), other]);
    s = cramReducer(s, { type: 'answer', correct: false, durationMs: 0 });
    const edited = [{ ...cards[0]!, key: 'd/a2', prompt: 'Q a (edited)' }, cards[1]!];
    s = cramReducer(s, {
      type: 'deckChanged',
      deckId: 'd',
      cards: edited,
      renamed: { from: 'd/a', to: 'd/a2' },
    });
    expect(s.cards.map((c) => c.key)).toEqual(['d/a2', 'd/b', 'o/x']);
    expect(s.queue.map((c) => c.key)).toEqual(['d/b', 'o/x', 'd/a2']);
    expect(s.attempts['d/a2']).toEqual({ attempts: 1, misses: 1, passed: false });
    // Undo goes back to the card as it now reads.
    s = cramReducer(s, { type: 'undo' });
    expect(s.current?.key).toBe('d/a2');
    expect(s.current?.kind === 'basic' && s.current.prompt).toBe('Q a (edited)');
    s = cramReducer(s, { type: 'deckChanged', deckId: 'd', cards: null });
    expect(s.queue.map((c) => c.key)).toEqual(['o/x']);
  });

  it('is done at once with no cards', () => {
    const s = createCram([]);
    expect(s.done).toBe(true);
    expect(cramSummary(s)).toMatchObject({ cards: 0, firstTryAccuracy: 0, durationMs: 0 });
  });
});
