import { describe, expect, it } from 'vitest';
import { buildQuiz } from '../../src/core/quiz-build.js';
import type { QuizAnswer } from '../../src/core/quiz-score.js';
import {
  acceptsAnswer,
  currentQuestion,
  type QuizAction,
  type QuizSession,
  questionCounts,
  questionStatus,
  quizDuration,
  quizReducer,
  quizTimeLeft,
  startQuiz,
} from '../../src/core/quiz-session.js';
import { typedQ } from './quiz-cards.js';

const t0 = Date.parse('2026-03-30T20:00:00Z');
const at = (s: number) => t0 + s * 1000;
const qs = buildQuiz(
  ['a', 'b', 'c'].map((id) => typedQ(id, `Letter ${id.toUpperCase()}${id.toUpperCase()}?`, [id])),
  { seed: 'timer' },
);
const typed = (text: string): QuizAnswer => ({ kind: 'typed', text });

describe('quiz timer and session', () => {
  it('counts the time left down to zero', () => {
    expect(quizTimeLeft(t0, 10, t0)).toBe(600_000);
    expect(quizTimeLeft(t0, 10, at(599))).toBe(1000);
    expect(quizTimeLeft(t0, 10, at(600))).toBe(0);
    expect(quizTimeLeft(t0, 10, at(9999))).toBe(0);
  });

  it('accepts answers until time is up, and always without a limit', () => {
    expect(acceptsAnswer(t0, 1, at(59))).toBe(true);
    expect(acceptsAnswer(t0, 1, at(60))).toBe(false);
    expect(acceptsAnswer(t0, undefined, at(1e6))).toBe(true);
  });

  it('asks question k of N and, after the last answer, asks to hand in without ending', () => {
    let s = startQuiz(qs, t0);
    expect(currentQuestion(s)).toBe(qs[0]);
    s = quizReducer(s, { type: 'answer', answer: typed('x'), at: at(5) });
    expect(s.index).toBe(1);
    expect(s.answers[0]).toEqual(typed('x'));
    s = quizReducer(s, { type: 'answer', answer: typed('y'), at: at(9) });
    s = quizReducer(s, { type: 'answer', answer: typed('z'), at: at(12) });
    expect(s.view).toBe('handIn');
    expect(s.endedAt).toBeNull();
    s = quizReducer(s, { type: 'finish', at: at(14) });
    expect(s.endedAt).toEqual(at(14));
    expect(s.timedOut).toBe(false);
    expect(currentQuestion(s)).toBeNull();
    expect(quizReducer(s, { type: 'answer', answer: typed('late'), at: at(15) })).toBe(s);
    expect(quizDuration(s, at(100))).toBe(14_000);
  });

  it('rejects an answer given after time is up and ends the test at the deadline', () => {
    let s = startQuiz(qs, t0, 1);
    s = quizReducer(s, { type: 'answer', answer: typed('first'), at: at(30) });
    s = quizReducer(s, { type: 'answer', answer: typed('too late'), at: at(61) });
    expect(s.index).toBe(1);
    expect(s.answers).toEqual([typed('first'), null, null]);
    expect(s.timedOut).toBe(true);
    expect(s.endedAt).toEqual(at(60));
    expect(quizDuration(s, at(500))).toBe(60_000);
  });

  it('ends the test when the clock passes the deadline, answered or not', () => {
    let s = startQuiz(qs, t0, 2);
    s = quizReducer(s, { type: 'tick', now: at(119) });
    expect(s.endedAt).toBeNull();
    s = quizReducer(s, { type: 'tick', now: at(120) });
    expect(s.timedOut).toBe(true);
    expect(s.endedAt).toEqual(at(120));
  });

  it('can be handed in early, leaving the rest unanswered', () => {
    let s = startQuiz(qs, t0, 5);
    s = quizReducer(s, { type: 'answer', answer: typed('a'), at: at(3) });
    s = quizReducer(s, { type: 'finish', at: at(4) });
    expect(s.endedAt).toEqual(at(4));
    expect(s.timedOut).toBe(false);
    expect(s.answers.filter((a) => a === null)).toHaveLength(2);
  });
});

/** Runs `actions` from a fresh three-question test. */
const runQuiz = (...actions: QuizAction[]): QuizSession =>
  actions.reduce(quizReducer, startQuiz(qs, t0));
const answer = (text: string, s = 1): QuizAction => ({
  type: 'answer',
  answer: typed(text),
  at: at(s),
});
const statuses = (s: QuizSession) => s.questions.map((_, i) => questionStatus(s, i));

describe('the exam flow', () => {
  it('moves back and forward between questions, stopping at the ends', () => {
    expect(runQuiz({ type: 'move', by: 1 }).index).toBe(1);
    expect(runQuiz({ type: 'move', by: -1 }).index).toBe(0);
    expect(runQuiz({ type: 'move', by: 1 }, { type: 'move', by: 5 }).index).toBe(2);
    expect(runQuiz({ type: 'move', by: 1 }, { type: 'move', by: -1 }).index).toBe(0);
  });

  it('changes an answer given earlier, keeping the others', () => {
    const s = runQuiz(answer('a'), answer('b'), { type: 'move', by: -2 }, answer('A'));
    expect(s.answers).toEqual([typed('A'), typed('b'), null]);
    expect(s.index).toBe(1);
    expect(s.endedAt).toBeNull();
  });

  it('after the last question goes to the first blank one; with none blank, asks to hand in', () => {
    const s = runQuiz({ type: 'go', to: 2 }, answer('c'));
    expect(s.index).toBe(0);
    expect(s.view).toBe('question');
    expect(runQuiz({ type: 'go', to: 2 }, answer('c'), answer('a'), answer('b')).view).toBe(
      'handIn',
    );
    // Changing an answer once none is blank asks again; "keep going" stays on that question.
    const all = runQuiz(answer('a'), answer('b'), answer('c'), { type: 'close' });
    const changed = quizReducer({ ...all, index: 1 }, answer('B'));
    expect(changed.view).toBe('handIn');
    expect(quizReducer(changed, { type: 'close' }).index).toBe(1);
  });

  it('flags and unflags the question on screen; a flag shows over an answer', () => {
    const s = runQuiz({ type: 'flag' }, answer('a'), { type: 'flag' }, { type: 'move', by: 1 });
    expect(s.flagged).toEqual([true, true, false]);
    // The first is flagged and answered, the second flagged and blank: a flag hides neither.
    expect(statuses(s)).toEqual([
      { answered: true, flagged: true },
      { answered: false, flagged: true },
      { answered: false, flagged: false },
    ]);
    expect(questionCounts(s)).toEqual({ answered: 1, blank: 2, flagged: 2 });
    const unflagged = quizReducer({ ...s, index: 0 }, { type: 'flag' });
    expect(statuses(unflagged).map((x) => x.flagged)).toEqual([false, true, false]);
  });

  it('opens the question list at the question on screen and jumps to the one selected', () => {
    let s = runQuiz({ type: 'move', by: 1 }, { type: 'openList' });
    expect(s.view).toBe('list');
    expect(s.listAt).toBe(1);
    s = quizReducer(s, { type: 'listMove', by: 1 });
    s = quizReducer(s, { type: 'listMove', by: 1 });
    expect(s.listAt).toBe(2);
    expect(quizReducer(s, { type: 'listMove', by: -9 }).listAt).toBe(0);
    s = quizReducer(s, { type: 'listGo' });
    expect([s.view, s.index]).toEqual(['question', 2]);
  });

  it('closes the list without moving, and takes no answer, move or flag while it is open', () => {
    const open = runQuiz({ type: 'openList' }, { type: 'listMove', by: 2 });
    expect(quizReducer(open, answer('x')).answers).toEqual([null, null, null]);
    expect(quizReducer(open, { type: 'flag' }).flagged).toEqual([false, false, false]);
    expect(quizReducer(open, { type: 'move', by: 1 }).index).toBe(0);
    expect(quizReducer(open, { type: 'listGo' }).index).toBe(2);
    const closed = quizReducer(open, { type: 'close' });
    expect([closed.view, closed.index]).toEqual(['question', 0]);
  });

  it('jumps straight to a question', () => {
    expect(runQuiz({ type: 'openList' }, { type: 'go', to: 2 })).toMatchObject({
      index: 2,
      view: 'question',
    });
    expect(runQuiz({ type: 'go', to: 99 }).index).toBe(2);
  });

  it('asks before handing in and says how many are blank and how many flagged', () => {
    const s = runQuiz(answer('a'), { type: 'flag' }, { type: 'askHandIn' });
    expect(s.view).toBe('handIn');
    expect(questionCounts(s)).toMatchObject({ blank: 2, flagged: 1 });
    expect(s.endedAt).toBeNull();
    const back = quizReducer(s, { type: 'close' });
    expect([back.view, back.endedAt]).toEqual(['question', null]);
    const done = quizReducer(s, { type: 'finish', at: at(3) });
    expect(done.endedAt).toBe(at(3));
    expect(done.answers).toEqual([typed('a'), null, null]);
  });

  it('ends on time up whatever is on screen', () => {
    const s = [{ type: 'openList' } as const, { type: 'tick', now: at(60) } as const].reduce(
      quizReducer,
      startQuiz(qs, t0, 1),
    );
    expect([s.timedOut, s.endedAt]).toEqual([true, at(60)]);
    expect(quizReducer(s, { type: 'go', to: 1 })).toBe(s);
  });
});
