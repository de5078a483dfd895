/**
 * A mock test over a selection: planning it (questions from the seed), and once it ends, its
 * score, its history record and sending the missed cards to review. The test itself is the pure
 * reducer in quiz/session.ts.
 */
import { randomBytes } from 'node:crypto';
import { buildQuiz, DEFAULT_QUIZ_COUNT, type QuizQuestion } from '../core/quiz-build.js';
import {
  missedCards,
  type QuizResult,
  type QuizScore,
  type QuizTypos,
  quizResult,
  scoreQuiz,
} from '../core/quiz-score.js';
import { type QuizSession, quizDuration } from '../core/quiz-session.js';
import { UserError } from '../errors.js';
import { newEntryId } from '../store/ids.js';
import { counted } from '../text/plural.js';
import { shellQuote } from '../text/shell.js';
import type { Collection } from './collection.js';
import type { Recorder } from './recorder.js';
import {
  type CardSelection,
  emptySelectionMessage,
  selectCards,
  selectedDecks,
  selectionTitle,
} from './selection.js';

export type QuizRequest = CardSelection & {
  readonly count?: number;
  /** Time limit in minutes (`--time`). */
  readonly minutes?: number;
  /** Random when omitted; kept with the result so the test can be retaken. */
  readonly seed?: string;
  /** The deck paths given on the command line, for the "retake" command shown at the end. */
  readonly paths?: readonly string[];
};

export type QuizPlan = {
  readonly title: string;
  readonly questions: readonly QuizQuestion[];
  readonly seed: string;
  readonly minutes?: number;
  readonly selection: QuizResult['selection'];
  /** The command that sets the same test again. */
  readonly retake: string;
  /** Whether a typed answer off by a typo counts as right (config.yaml `quiz.typos`). */
  readonly typos: QuizTypos;
  /**
   * Said before the first question when fewer questions than asked for could be set: the
   * selection has no more facts to ask without asking one twice or giving one away.
   */
  readonly notice?: string;
};

/** A short random seed, easy to type back in. */
export function randomSeed(): string {
  return randomBytes(3).toString('hex');
}

/** The questions of a test; a UserError when the selection has no card a test can ask. */
export function prepareQuiz(collection: Collection, req: QuizRequest): QuizPlan {
  const cards = selectCards(collection, req);
  if (cards.length === 0) {
    throw new UserError(`no mock test: ${emptySelectionMessage(collection, req)}`);
  }
  const seed = req.seed ?? randomSeed();
  const count = req.count ?? DEFAULT_QUIZ_COUNT;
  const questions = buildQuiz(cards, { seed, count });
  if (questions.length === 0) {
    throw new UserError(
      `no mock test: none of the ${cards.length} selected cards can be asked without self-grading (choice, typed, cloze and pair cards can; basic cards only when similar answers exist to offer as wrong choices). Try \`recall cram\` instead.`,
    );
  }
  const tags = (req.tags ?? []).filter((t) => t.trim() !== '');
  return {
    title: selectionTitle(collection, req),
    questions,
    seed,
    ...(req.minutes === undefined ? {} : { minutes: req.minutes }),
    selection: { decks: selectedDecks(collection, req).map((d) => d.id), tags },
    retake: retakeCommand(req.paths ?? [], tags, count, req.minutes, seed),
    typos: collection.config.quiz.typos,
    ...(questions.length < count
      ? {
          notice: `only ${counted(questions.length, 'question')} available (of ${count} asked for)`,
        }
      : {}),
  };
}

function retakeCommand(
  paths: readonly string[],
  tags: readonly string[],
  count: number,
  minutes: number | undefined,
  seed: string,
): string {
  return [
    'recall quiz',
    ...paths.map(shellQuote),
    ...tags.map((t) => `--tag ${shellQuote(t)}`),
    `--count ${count}`,
    ...(minutes === undefined ? [] : [`--time ${minutes}`]),
    `--seed ${shellQuote(seed)}`,
  ].join(' ');
}

/** A finished test: what the result screen shows. */
export type QuizOutcome = {
  readonly plan: QuizPlan;
  readonly session: QuizSession;
  readonly score: QuizScore;
  readonly result: QuizResult;
  /** Why the result could not be added to the history, if it could not. */
  readonly saveError?: string;
};

/** Where finished tests are kept: the progress store (`quizzes.jsonl` beside the log). */
export type QuizHistoryWriter = { appendQuiz(result: QuizResult): void };

/** Scores a finished test and appends it to the quiz history. */
export function finishQuiz(
  plan: QuizPlan,
  session: QuizSession,
  history: QuizHistoryWriter,
  now: number,
): QuizOutcome {
  const score = scoreQuiz(session.questions, session.answers, plan.typos);
  const result = quizResult({
    id: newEntryId(session.startedAt),
    startedAt: session.startedAt,
    durationMs: quizDuration(session, now),
    selection: plan.selection,
    seed: plan.seed,
    questions: session.questions,
    score,
  });
  try {
    history.appendQuiz(result);
    return { plan, session, score, result };
  } catch (e) {
    return { plan, session, score, result, saveError: (e as Error).message };
  }
}

/** Flags the missed cards for the next daily review (a flag, not a rating); returns how many. */
export function sendMissedToReview(recorder: Recorder, result: QuizResult, now: number): number {
  const cards = missedCards(result);
  for (const key of cards) recorder.flag(key, now, 'quiz');
  return cards.length;
}
