/**
 * One attempt at one card, as a reducer shared by review, cram and the mock test: the question
 * is shown; choices are picked or an answer typed (or a self-graded card revealed); the answer
 * is shown with the rating its check proposes; then it is rated. What each step allows is the
 * mode's policy, a row of data, not a branch in each screen.
 */

import type { AnswerRules } from './answer-check.js';
import { gradeChoice, gradeTyped, type TypedGrade } from './grading.js';
import type { Rating } from './model.js';

/** What is asked, in the order shown: choice indexes are positions on screen. */
export type Question =
  | { readonly kind: 'choice'; readonly count: number; readonly correct: readonly number[] }
  | {
      readonly kind: 'typed';
      readonly accepted: readonly string[];
      readonly rules?: AnswerRules;
    }
  /** Basic, pair and cloze cards: revealed, then graded by the user. */
  | { readonly kind: 'self' };

export type Mode = 'review' | 'cram' | 'quiz';

export type Policy = {
  readonly mode: Mode;
  /** Cram with `--reschedule`: its answers are real reviews, so self-graded cards take 1–4. */
  readonly reschedule?: boolean;
};

type Rules = {
  /** A checked answer is final at once, rated with what its check proposes. */
  readonly checkedIsFinal: boolean;
  /** The right answer is shown once answered (a mock test says nothing until the end). */
  readonly reveals: boolean;
  /** A checked answer's proposal may be overridden with 1–4 before it counts. */
  readonly overrides: boolean;
  /** The ratings a revealed self-graded card takes. */
  readonly selfRatings: readonly Rating[];
  /** A blank typed answer counts (as wrong); a mock test does not take one. */
  readonly takesBlank: boolean;
  /** What a revealed self-graded card proposes, taken with Space or Enter (Anki's Good). */
  readonly selfProposes?: Rating;
  /**
   * Picking the one right answer's choice answers at once; else (a mock test) a pick is a choice
   * to confirm with Enter, another letter changing it, as an exam's answer sheet.
   */
  readonly pickAnswers: boolean;
};

const ALL: readonly Rating[] = [1, 2, 3, 4];

/** Review proposes and lets the user override; cram drills knew/missed; a test is silent. */
function rules(p: Policy): Rules {
  switch (p.mode) {
    case 'review':
      return {
        checkedIsFinal: false,
        reveals: true,
        overrides: true,
        selfRatings: ALL,
        takesBlank: true,
        selfProposes: 3,
        pickAnswers: true,
      };
    case 'cram':
      return {
        checkedIsFinal: true,
        reveals: true,
        overrides: false,
        // Knew it (Good) or missed it (Again), unless it is a real review.
        selfRatings: p.reschedule ? ALL : [1, 3],
        takesBlank: true,
        pickAnswers: true,
      };
    case 'quiz':
      return {
        checkedIsFinal: true,
        reveals: false,
        overrides: false,
        selfRatings: [],
        takesBlank: false,
        pickAnswers: false,
      };
  }
}

export type Phase = 'shown' | 'picking' | 'typing' | 'revealed' | 'rated';

export type Attempt = {
  readonly phase: Phase;
  /** Choice questions: positions picked. */
  readonly picked: ReadonlySet<number>;
  /** Typed questions: the text so far, and once submitted, its grade. */
  readonly typed: string;
  readonly grade?: TypedGrade;
  /** A checked answer: whether it was right, and the rating that proposes. */
  readonly correct?: boolean;
  readonly proposed?: Rating;
  /** Set in `rated`: the rating the attempt ends with. */
  readonly rating?: Rating;
};

export type AttemptAction =
  /** Toggle a choice; with one right answer, picking it is the answer. */
  | { readonly type: 'pick'; readonly pos: number }
  /** Hand in the picks of a several-answer question. */
  | { readonly type: 'submit' }
  | { readonly type: 'edit'; readonly text: string }
  /** Hand in a typed answer. */
  | { readonly type: 'answer'; readonly text: string }
  | { readonly type: 'reveal' }
  | { readonly type: 'rate'; readonly rating: Rating }
  /** Rate with the proposed rating. */
  | { readonly type: 'accept' };

/** A fresh attempt; `from` an answer given earlier (a mock test's, being changed). */
export function startAttempt(
  q: Question,
  from?: { readonly picked: readonly number[] } | { readonly text: string } | null,
): Attempt {
  const phase = q.kind === 'choice' ? 'picking' : q.kind === 'typed' ? 'typing' : 'shown';
  return {
    phase,
    picked: new Set(from && 'picked' in from ? from.picked : []),
    typed: from && 'text' in from ? from.text : '',
  };
}

/** More than one right choice: toggle, then submit. */
export const isMulti = (q: Question): boolean => q.kind === 'choice' && q.correct.length > 1;

/** Whether the right answer is on screen. */
export function isRevealed(a: Attempt, p: Policy): boolean {
  return a.phase === 'revealed' || (a.phase === 'rated' && rules(p).reveals);
}

/** The ratings the user may give now (empty: none is asked for). */
export function ratingsOffered(a: Attempt, q: Question, p: Policy): readonly Rating[] {
  if (a.phase !== 'revealed') return [];
  const r = rules(p);
  return q.kind === 'self' ? r.selfRatings : r.overrides ? ALL : [];
}

/** Whether `submit` would hand something in now. */
export function canSubmit(a: Attempt, q: Question, p: Policy): boolean {
  return a.phase === 'picking' && (isMulti(q) || !rules(p).pickAnswers) && a.picked.size > 0;
}

/** A checked answer: shown with its proposal, or (cram, quiz) rated with it at once. */
function checked(p: Policy, a: Attempt, correct: boolean, proposed: Rating): Attempt {
  const done = { ...a, correct, proposed };
  return rules(p).checkedIsFinal
    ? { ...done, phase: 'rated', rating: proposed }
    : { ...done, phase: 'revealed' };
}

export function attemptReducer(a: Attempt, action: AttemptAction, q: Question, p: Policy): Attempt {
  switch (action.type) {
    case 'pick': {
      if (a.phase !== 'picking' || q.kind !== 'choice') return a;
      if (!(action.pos >= 0 && action.pos < q.count)) return a;
      if (!isMulti(q) && !rules(p).pickAnswers) {
        return { ...a, picked: new Set(a.picked.has(action.pos) ? [] : [action.pos]) };
      }
      const picked = new Set(a.picked);
      if (picked.has(action.pos)) picked.delete(action.pos);
      else picked.add(action.pos);
      if (isMulti(q)) return { ...a, picked };
      const g = gradeChoice(q.correct, picked);
      return checked(p, { ...a, picked }, g.correct, g.proposed);
    }
    case 'submit': {
      if (!canSubmit(a, q, p) || q.kind !== 'choice') return a;
      const g = gradeChoice(q.correct, a.picked);
      return checked(p, a, g.correct, g.proposed);
    }
    case 'edit':
      return a.phase === 'typing' ? { ...a, typed: action.text } : a;
    case 'answer': {
      if (a.phase !== 'typing' || q.kind !== 'typed') return a;
      if (!rules(p).takesBlank && action.text.trim() === '') return { ...a, typed: action.text };
      const grade = gradeTyped(q.accepted, action.text, q.rules);
      return checked(p, { ...a, typed: action.text, grade }, grade.correct, grade.proposed);
    }
    case 'reveal': {
      const r = rules(p);
      if (a.phase !== 'shown' || r.selfRatings.length === 0) return a;
      return r.selfProposes === undefined
        ? { ...a, phase: 'revealed' }
        : { ...a, phase: 'revealed', proposed: r.selfProposes };
    }
    case 'rate':
      return ratingsOffered(a, q, p).includes(action.rating)
        ? { ...a, phase: 'rated', rating: action.rating }
        : a;
    case 'accept':
      return a.phase === 'revealed' && a.proposed !== undefined
        ? { ...a, phase: 'rated', rating: a.proposed }
        : a;
  }
}
