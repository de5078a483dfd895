/**
 * A deck's and a card's `answers:` (what counts as the same typed answer) → the AnswerRules a
 * card carries: the deck's rules, with the card's own added. Cards without rules of their own
 * share the deck's object, so the deck cache writes it once.
 */
import type { AnswerRules } from '../core/answer-check.js';
import type { AnswersInput } from './schema.js';

export function deckAnswerRules(input: AnswersInput | undefined): AnswerRules | undefined {
  if (input === undefined) return undefined;
  return {
    optional: input.optional ?? [],
    same: input.same ?? [],
    exactCase: input.case === 'exact',
  };
}

export function cardAnswerRules(
  deck: AnswerRules | undefined,
  card: AnswersInput | undefined,
): AnswerRules | undefined {
  if (card === undefined) return deck;
  return {
    optional: [...new Set([...(deck?.optional ?? []), ...(card.optional ?? [])])],
    same: [...(deck?.same ?? []), ...(card.same ?? [])],
    exactCase: card.case === undefined ? (deck?.exactCase ?? false) : card.case === 'exact',
  };
}
