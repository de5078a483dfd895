/**
 * Marking a mock test: answers are final and judged only at the end, as in an exam. Answers are
 * graded as in review (core/grading.ts), but a typo ("close") is not a right answer.
 */
import { gradeChoice, gradeTyped } from './grading.js';
import type { QuizQuestion } from './quiz-build.js';

export type QuizAnswer =
  | { readonly kind: 'choice'; readonly picked: readonly number[] }
  | { readonly kind: 'typed'; readonly text: string };

/** Right when it picks exactly the right choices, or types an accepted answer. */
export function isRight(q: QuizQuestion, a: QuizAnswer | null | undefined): boolean {
  if (!a) return false;
  if (q.kind === 'choice') return a.kind === 'choice' && gradeChoice(q.correct, a.picked).correct;
  return a.kind === 'typed' && gradeTyped(q.accepted, a.text).correct;
}

/** The right answer as shown on the result screen. */
export function rightAnswerText(q: QuizQuestion): string {
  if (q.kind === 'typed') return q.accepted[0] ?? '';
  return q.correct.map((i) => q.choices[i]!).join(' · ');
}

/** What was answered, as shown on the result screen; null when not answered. */
export function givenText(q: QuizQuestion, a: QuizAnswer | null | undefined): string | null {
  if (!a) return null;
  if (a.kind === 'typed') return a.text;
  if (q.kind !== 'choice') return null;
  return a.picked.map((i) => q.choices[i] ?? '?').join(' · ');
}

/** Shown for cards without tags in the per-tag breakdown. */
export const UNTAGGED = '(untagged)';

export type TagScore = { readonly tag: string; readonly correct: number; readonly total: number };

export type MissedQuestion = {
  /** Position in the quiz (0-based). */
  readonly index: number;
  readonly question: QuizQuestion;
  /** What was answered; null when the question was left unanswered (time up). */
  readonly given: string | null;
  readonly answer: string;
  readonly explain?: string;
};

export type QuizScore = {
  readonly correct: number;
  readonly total: number;
  /** 0–100. */
  readonly percentage: number;
  /** Right or wrong, per question in quiz order. */
  readonly outcomes: readonly boolean[];
  /** Per tag (a card counts under each of its tags), weakest share first, then by name. */
  readonly byTag: readonly TagScore[];
  readonly missed: readonly MissedQuestion[];
};

/** `answers[i]` answers `questions[i]`; missing or null answers count as wrong. */
export function scoreQuiz(
  questions: readonly QuizQuestion[],
  answers: readonly (QuizAnswer | null | undefined)[],
): QuizScore {
  const outcomes = questions.map((q, i) => isRight(q, answers[i]));
  const tags = new Map<string, { correct: number; total: number }>();
  const missed: MissedQuestion[] = [];
  questions.forEach((q, i) => {
    const right = outcomes[i]!;
    const cardTags = q.card.tags.length > 0 ? new Set(q.card.tags) : new Set([UNTAGGED]);
    for (const tag of cardTags) {
      const t = tags.get(tag) ?? { correct: 0, total: 0 };
      tags.set(tag, { correct: t.correct + (right ? 1 : 0), total: t.total + 1 });
    }
    if (!right) {
      const explain = q.card.explain;
      missed.push({
        index: i,
        question: q,
        given: givenText(q, answers[i]),
        answer: rightAnswerText(q),
        ...(explain === undefined ? {} : { explain }),
      });
    }
  });
  const correct = outcomes.filter(Boolean).length;
  const byTag = [...tags].map(([tag, t]) => ({ tag, ...t }));
  byTag.sort(
    (a, b) =>
      a.correct / a.total - b.correct / b.total || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0),
  );
  return {
    correct,
    total: questions.length,
    percentage: questions.length === 0 ? 0 : (100 * correct) / questions.length,
    outcomes,
    byTag,
    missed,
  };
}

/** One finished quiz as kept in the history (`recall quiz --history`). */
export type QuizResult = {
  readonly id: string;
  /** When the quiz started, epoch ms (ISO-8601 in quizzes.jsonl and `--history --json`). */
  readonly at: number;
  readonly selection: { readonly decks: readonly string[]; readonly tags: readonly string[] };
  readonly seed: string;
  /** Questions asked. */
  readonly count: number;
  readonly correct: number;
  readonly durationMs: number;
  /** Per question, in quiz order: the card's progress key and whether it was answered right. */
  readonly questions: readonly { readonly card: string; readonly correct: boolean }[];
};

export function quizResult(args: {
  readonly id: string;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly selection: QuizResult['selection'];
  readonly seed: string;
  readonly questions: readonly QuizQuestion[];
  readonly score: QuizScore;
}): QuizResult {
  return {
    id: args.id,
    at: args.startedAt,
    selection: { decks: [...args.selection.decks], tags: [...args.selection.tags] },
    seed: args.seed,
    count: args.questions.length,
    correct: args.score.correct,
    durationMs: Math.max(0, Math.round(args.durationMs)),
    questions: args.questions.map((q, i) => ({ card: q.id, correct: args.score.outcomes[i]! })),
  };
}

/** The cards of the missed questions (each once): what "send to review" flags. */
export function missedCards(result: QuizResult): string[] {
  return [...new Set(result.questions.filter((q) => !q.correct).map((q) => q.card))];
}
