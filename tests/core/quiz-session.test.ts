import { describe, expect, it } from 'vitest';
import { buildQuiz } from '../../src/core/quiz-build.js';
import type { QuizAnswer } from '../../src/core/quiz-score.js';
import {
  acceptsAnswer,
  currentQuestion,
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

  it('asks question k of N, keeps answers final, and ends after the last', () => {
    let s = startQuiz(qs, t0);
    expect(currentQuestion(s)).toBe(qs[0]);
    s = quizReducer(s, { type: 'answer', answer: typed('x'), at: at(5) });
    expect(s.index).toBe(1);
    expect(s.answers[0]).toEqual(typed('x'));
    s = quizReducer(s, { type: 'answer', answer: typed('y'), at: at(9) });
    s = quizReducer(s, { type: 'answer', answer: typed('z'), at: at(12) });
    expect(s.endedAt).toEqual(at(12));
    expect(s.timedOut).toBe(false);
    expect(currentQuestion(s)).toBeNull();
    expect(quizReducer(s, { type: 'answer', answer: typed('late'), at: at(13) })).toBe(s);
    expect(quizDuration(s, at(100))).toBe(12_000);
  });

  it('rejects an answer given after time is up and ends the test at the deadline', () => {
    let s = startQuiz(qs, t0, 1);
    s = quizReducer(s, { type: 'answer', answer: typed('first'), at: at(30) });
    s = quizReducer(s, { type: 'answer', answer: typed('too late'), at: at(61) });
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
