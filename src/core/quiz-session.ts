/**
 * A mock test in progress, as a reducer, run as an exam: an answer is confirmed, can be changed
 * and flagged, the questions visited in any order and listed with how each stands, and nothing
 * counts until the test is handed in (after a "hand in?") or time is up. No feedback until the
 * end. Pure: the time comes in with each action.
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

/** What the test screen shows: a question, the question list, or "hand in?". */
export type QuizView = 'question' | 'list' | 'handIn';

export type QuizSession = {
  readonly questions: readonly QuizQuestion[];
  /** `answers[i]` answers `questions[i]`; null while blank. An answer can be changed until handed in. */
  readonly answers: readonly (QuizAnswer | null)[];
  /** `flagged[i]`: question i is marked to look at again before handing in. */
  readonly flagged: readonly boolean[];
  /** The question on screen (0-based). */
  readonly index: number;
  readonly view: QuizView;
  /** The question selected in the question list. */
  readonly listAt: number;
  /** Epoch ms, as every time here. */
  readonly startedAt: number;
  /** Time limit (`--time`), if any. */
  readonly minutes?: number;
  /** Set when the test ends: handed in, time up. */
  readonly endedAt: number | null;
  readonly timedOut: boolean;
};

export type QuizAction =
  /** The answer to the question on screen (confirmed with Enter): replaces any earlier one. */
  | { readonly type: 'answer'; readonly answer: QuizAnswer; readonly at: number }
  | { readonly type: 'flag' }
  /** To the next or previous question (`by` ±1), stopping at the ends. */
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'go'; readonly to: number }
  | { readonly type: 'openList' }
  /** Moves the question list's selection by `by`, stopping at the ends. */
  | { readonly type: 'listMove'; readonly by: number }
  /** To the question selected in the list. */
  | { readonly type: 'listGo' }
  /** Back to the question on screen (from the list or from "hand in?"). */
  | { readonly type: 'close' }
  | { readonly type: 'askHandIn' }
  /** The clock moved: ends the test when time is up. */
  | { readonly type: 'tick'; readonly now: number }
  /** Hand in now; blank questions count as wrong. */
  | { readonly type: 'finish'; readonly at: number };

export function startQuiz(
  questions: readonly QuizQuestion[],
  startedAt: number,
  minutes?: number,
): QuizSession {
  const base = {
    questions,
    answers: questions.map(() => null),
    flagged: questions.map(() => false),
    index: 0,
    view: 'question' as const,
    listAt: 0,
    startedAt,
    endedAt: questions.length === 0 ? startedAt : null,
    timedOut: false,
  };
  return minutes === undefined ? base : { ...base, minutes };
}

export const currentQuestion = (s: QuizSession): QuizQuestion | null =>
  s.endedAt === null ? (s.questions[s.index] ?? null) : null;

/** How a question stands, for the question list: answered or blank, and flagged or not. */
export type QuestionStatus = { readonly answered: boolean; readonly flagged: boolean };

export function questionStatus(s: QuizSession, i: number): QuestionStatus {
  return { answered: Boolean(s.answers[i]), flagged: Boolean(s.flagged[i]) };
}

/**
 * What the question list and "hand in?" count: every question is answered or blank, and
 * `flagged` counts the flagged ones of either.
 */
export function questionCounts(s: QuizSession): {
  answered: number;
  blank: number;
  flagged: number;
} {
  const blank = s.answers.filter((a) => a === null).length;
  return {
    answered: s.answers.length - blank,
    blank,
    flagged: s.flagged.filter(Boolean).length,
  };
}

/** The moment time ran out. */
const deadline = (s: QuizSession): number => s.startedAt + (s.minutes ?? 0) * MINUTE;

const clamp = (s: QuizSession, i: number) => Math.max(0, Math.min(s.questions.length - 1, i));

/**
 * Where an answer moves on to: with none blank, "hand in?" (nothing is handed in until that is
 * confirmed); else the next question, and after the last the first blank one.
 */
function afterAnswer(s: QuizSession): QuizSession {
  const blank = s.answers.indexOf(null);
  if (blank < 0) return { ...s, view: 'handIn' };
  return { ...s, index: s.index + 1 < s.questions.length ? s.index + 1 : blank };
}

export function quizReducer(s: QuizSession, action: QuizAction): QuizSession {
  if (s.endedAt !== null) return s;
  switch (action.type) {
    case 'answer': {
      // An answer after time is up is not taken; the test ends at the deadline instead.
      if (!acceptsAnswer(s.startedAt, s.minutes, action.at)) {
        return { ...s, endedAt: deadline(s), timedOut: true };
      }
      if (s.view !== 'question') return s;
      const answers = s.answers.map((a, i) => (i === s.index ? action.answer : a));
      return afterAnswer({ ...s, answers });
    }
    case 'flag':
      return s.view === 'question'
        ? { ...s, flagged: s.flagged.map((f, i) => (i === s.index ? !f : f)) }
        : s;
    case 'move':
      return s.view === 'question' ? { ...s, index: clamp(s, s.index + action.by) } : s;
    case 'go':
      return { ...s, index: clamp(s, action.to), view: 'question' };
    case 'openList':
      return { ...s, view: 'list', listAt: s.index };
    case 'listMove':
      return s.view === 'list' ? { ...s, listAt: clamp(s, s.listAt + action.by) } : s;
    case 'listGo':
      return s.view === 'list' ? { ...s, index: s.listAt, view: 'question' } : s;
    case 'close':
      return { ...s, view: 'question' };
    case 'askHandIn':
      return { ...s, view: 'handIn' };
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
