/**
 * Marking a mock test: answers are final and judged only at the end, as in an exam. Answers are
 * graded as in review (core/grading.ts); whether a typo ("close") counts is a setting.
 */
import { gradeChoice, gradeTyped } from './grading.js';
import type { QuizQuestion } from './quiz-build.js';

export type QuizAnswer =
  | { readonly kind: 'choice'; readonly picked: readonly number[] }
  | { readonly kind: 'typed'; readonly text: string };

/** How a typed answer off by a typo counts in a mock test (config.yaml `quiz.typos`). */
export type QuizTypos = 'right' | 'wrong';
export const quizTyposValues: readonly QuizTypos[] = ['right', 'wrong'];
/**
 * A typo is still recall: review proposes Hard for one and cram counts it right, and the exams
 * this prepares for are mostly multiple choice, where spelling is never tested. The result
 * lists such answers with their spelling, so a typo is seen, not hidden.
 */
export const DEFAULT_QUIZ_TYPOS: QuizTypos = 'right';

/** How an answer was marked: `typo` is right only when typos count. */
export type Mark = 'right' | 'typo' | 'wrong';

export function markAnswer(q: QuizQuestion, a: QuizAnswer | null | undefined): Mark {
  if (!a) return 'wrong';
  if (q.kind === 'choice') {
    return a.kind === 'choice' && gradeChoice(q.correct, a.picked).correct ? 'right' : 'wrong';
  }
  if (a.kind !== 'typed') return 'wrong';
  const g = gradeTyped(q.accepted, a.text, q.card.answers);
  return g.correct ? 'right' : g.close ? 'typo' : 'wrong';
}

/** Right when it picks exactly the right choices, or types an accepted answer (or a typo of one). */
export function isRight(
  q: QuizQuestion,
  a: QuizAnswer | null | undefined,
  typos: QuizTypos = DEFAULT_QUIZ_TYPOS,
): boolean {
  return counts(markAnswer(q, a), typos);
}

const counts = (mark: Mark, typos: QuizTypos): boolean =>
  mark === 'right' || (mark === 'typo' && typos === 'right');

/**
 * The right answer as shown on the result screen. Several right choices: those `a` did not
 * pick first, then the ones it did, so a screen that has to cut the row cuts what was known.
 */
export function rightAnswerText(q: QuizQuestion, a?: QuizAnswer | null): string {
  if (q.kind === 'typed') return q.accepted[0] ?? '';
  const picked = new Set(a?.kind === 'choice' ? a.picked : []);
  const missed = q.correct.filter((i) => !picked.has(i));
  const known = q.correct.filter((i) => picked.has(i));
  return [...missed, ...known].map((i) => q.choices[i]!).join(' · ');
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

/** A missed question, or (`typo`) one counted right though its spelling was off. */
export type MissedQuestion = {
  /** Position in the quiz (0-based). */
  readonly index: number;
  readonly question: QuizQuestion;
  /** What was answered; null when the question was left unanswered (time up). */
  readonly given: string | null;
  readonly answer: string;
  readonly explain?: string;
  /** Counted right: off by a typo, and typos count (`QuizScore.typos`). */
  readonly typo?: true;
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
  /** Questions counted right with a typo in the answer, to show the spelling. */
  readonly typos: readonly MissedQuestion[];
};

/** `answers[i]` answers `questions[i]`; missing or null answers count as wrong. */
export function scoreQuiz(
  questions: readonly QuizQuestion[],
  answers: readonly (QuizAnswer | null | undefined)[],
  typos: QuizTypos = DEFAULT_QUIZ_TYPOS,
): QuizScore {
  const marks = questions.map((q, i) => markAnswer(q, answers[i]));
  const outcomes = marks.map((m) => counts(m, typos));
  const tags = new Map<string, { correct: number; total: number }>();
  const missed: MissedQuestion[] = [];
  const typod: MissedQuestion[] = [];
  questions.forEach((q, i) => {
    const right = outcomes[i]!;
    const cardTags = q.card.tags.length > 0 ? new Set(q.card.tags) : new Set([UNTAGGED]);
    for (const tag of cardTags) {
      const t = tags.get(tag) ?? { correct: 0, total: 0 };
      tags.set(tag, { correct: t.correct + (right ? 1 : 0), total: t.total + 1 });
    }
    if (!right || marks[i] === 'typo') {
      const explain = q.card.explain;
      (right ? typod : missed).push({
        index: i,
        question: q,
        given: givenText(q, answers[i]),
        answer: rightAnswerText(q, answers[i]),
        ...(explain === undefined ? {} : { explain }),
        ...(right ? { typo: true as const } : {}),
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
    typos: typod,
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
