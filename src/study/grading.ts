/**
 * Auto-checked answers (choice, typed) and the rating they propose. Review, cram and quiz all
 * grade through here, so a typed answer is judged the same way everywhere.
 */

import type { Rating } from '../core/model.js';
import type { ChoiceCard } from '../deck/model.js';
import { type CharDiff, checkTyped, diffChars } from '../text/answer.js';

export type ChoiceGrade = { readonly correct: boolean; readonly proposed: Rating };

export function gradeChoice(card: ChoiceCard, picked: ReadonlySet<number>): ChoiceGrade {
  const correct = picked.size === card.correct.length && card.correct.every((i) => picked.has(i));
  return { correct, proposed: correct ? 3 : 1 };
}

export type TypedGrade = {
  readonly correct: boolean;
  /** Off by a typo: proposes Hard rather than Again. */
  readonly close: boolean;
  readonly proposed: Rating;
  /** The accepted answer nearest to what was typed, and the character diff against it. */
  readonly expected: string;
  readonly diff: readonly CharDiff[];
};

export function gradeTyped(accepted: readonly string[], typed: string): TypedGrade {
  const check = checkTyped(typed, accepted);
  const proposed: Rating = check.correct ? 3 : check.close ? 2 : 1;
  return {
    correct: check.correct,
    close: check.close,
    proposed,
    expected: check.best,
    diff: diffChars(typed, check.best),
  };
}
