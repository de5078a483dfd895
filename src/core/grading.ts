/**
 * Auto-checked answers (choice, typed) and the rating they propose. Review, cram and quiz all
 * grade through here, so an answer is judged the same way everywhere (a quiz counts only
 * `correct`: a typo is close, not right).
 */

import { type AnswerRules, type CharDiff, checkTyped, diffChars } from './answer-check.js';
import type { Rating } from './model.js';

export type ChoiceGrade = { readonly correct: boolean; readonly proposed: Rating };

/** Right when exactly the `correct` choices are picked (both as indexes in one order). */
export function gradeChoice(correct: readonly number[], picked: Iterable<number>): ChoiceGrade {
  const set = new Set(picked);
  const right = set.size === correct.length && correct.every((i) => set.has(i));
  return { correct: right, proposed: right ? 3 : 1 };
}

export type TypedGrade = {
  readonly correct: boolean;
  /** Off by a typo: proposes Hard rather than Again. */
  readonly close: boolean;
  readonly proposed: Rating;
  /** Exactly what was typed, as the "typed" line shows it. */
  readonly typed: string;
  /** The accepted answer nearest to what was typed, and the character diff against it. */
  readonly expected: string;
  readonly diff: readonly CharDiff[];
};

export function gradeTyped(
  accepted: readonly string[],
  typed: string,
  rules?: AnswerRules,
): TypedGrade {
  const check = checkTyped(typed, accepted, rules);
  const proposed: Rating = check.correct ? 3 : check.close ? 2 : 1;
  return {
    correct: check.correct,
    close: check.close,
    proposed,
    typed,
    expected: check.best,
    diff: diffChars(typed, check.best),
  };
}
