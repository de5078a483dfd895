/**
 * A mock test in progress, as a reducer: question k of N, answers final when given, no feedback
 * until the end, and with a time limit the clock ends the test. Pure: the time comes in with
 * each action.
 */
import type { QuizQuestion } from './quiz-build.js';
import type { QuizAnswer } from './quiz-score.js';

const MINUTE = 60_000;

/** Milliseconds left of a `minutes`-long test started at `startedAt` (never below 0). */
export function quizTimeLeft(startedAt: number, minutes: number, now: number): number {
  return Math.max(0, startedAt + minutes * MINUTE - now);
}

/** Whether an answer given at `at` still counts: always without a limit, else before time is up. */
export function acceptsAnswer(startedAt: number, minutes: number | undefined, at: number): boolean {
  return minutes === undefined || quizTimeLeft(startedAt, minutes, at) > 0;
}

export type QuizSession = {
  readonly questions: readonly QuizQuestion[];
  /** `answers[i]` answers `questions[i]`; null until answered. */
  readonly answers: readonly (QuizAnswer | null)[];
  /** The question being asked (0-based); equals the number of questions once all are answered. */
  readonly index: number;
  /** Epoch ms, as every time here. */
  readonly startedAt: number;
  /** Time limit (`--time`), if any. */
  readonly minutes?: number;
  /** Set when the test ends: all answered, time up, or given up. */
  readonly endedAt: number | null;
  readonly timedOut: boolean;
};

export type QuizAction =
  | { readonly type: 'answer'; readonly answer: QuizAnswer; readonly at: number }
  /** The clock moved: ends the test when time is up. */
  | { readonly type: 'tick'; readonly now: number }
  /** Hand in now; unanswered questions count as wrong. */
  | { readonly type: 'finish'; readonly at: number };

export function startQuiz(
  questions: readonly QuizQuestion[],
  startedAt: number,
  minutes?: number,
): QuizSession {
  const base = {
    questions,
    answers: questions.map(() => null),
    index: 0,
    startedAt,
    endedAt: questions.length === 0 ? startedAt : null,
    timedOut: false,
  };
  return minutes === undefined ? base : { ...base, minutes };
}

export const currentQuestion = (s: QuizSession): QuizQuestion | null =>
  s.endedAt === null ? (s.questions[s.index] ?? null) : null;

/** The moment time ran out. */
const deadline = (s: QuizSession): number => s.startedAt + (s.minutes ?? 0) * MINUTE;

export function quizReducer(s: QuizSession, action: QuizAction): QuizSession {
  if (s.endedAt !== null) return s;
  switch (action.type) {
    case 'answer': {
      // An answer after time is up is not taken; the test ends at the deadline instead.
      if (!acceptsAnswer(s.startedAt, s.minutes, action.at)) {
        return { ...s, endedAt: deadline(s), timedOut: true };
      }
      const answers = s.answers.map((a, i) => (i === s.index ? action.answer : a));
      const index = s.index + 1;
      return { ...s, answers, index, endedAt: index >= s.questions.length ? action.at : null };
    }
    case 'tick':
      return acceptsAnswer(s.startedAt, s.minutes, action.now)
        ? s
        : { ...s, endedAt: deadline(s), timedOut: true };
    case 'finish':
      return acceptsAnswer(s.startedAt, s.minutes, action.at)
        ? { ...s, endedAt: action.at }
        : { ...s, endedAt: deadline(s), timedOut: true };
  }
}

/** Time taken: from the start to the end (the deadline, when time ran out). */
export function quizDuration(s: QuizSession, now: number): number {
  return (s.endedAt ?? now) - s.startedAt;
}
