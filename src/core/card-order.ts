/** Cards in file order: by deck id, then by position in the deck. */
import { showsAnyForm } from './answer-check.js';
import type { Card } from './card.js';

export function byDeckOrder(
  a: Pick<Card, 'deckId' | 'order'>,
  b: Pick<Card, 'deckId' | 'order'>,
): number {
  if (a.deckId !== b.deckId) return a.deckId < b.deckId ? -1 : 1;
  return a.order - b.order;
}

/**
 * Cards that would answer each other: one note's (siblings), or one `group:`'s across notes.
 * Review and cram keep them apart; new ones are spread over days.
 */
export const relatedKey = (c: Pick<Card, 'deckId' | 'group' | 'noteId'>): string =>
  `${c.deckId}/${c.group ?? c.noteId}`;

/** What a card's answer is: the forms it is checked against (cloze: its own gap). */
export function cardAnswers(card: Card): readonly string[] {
  switch (card.kind) {
    case 'basic':
      return [card.answer];
    case 'typed':
      return card.accepted;
    case 'choice':
      return card.correct.map((i) => card.choices[i]!).filter((c) => c !== undefined);
    case 'pair':
      return [card.right];
    case 'cloze': {
      const gap = card.parts.find((p) => p.type === 'gap' && p.index === card.gap);
      return gap ? [gap.text] : [];
    }
  }
}

/**
 * Whether card `a`, once revealed (its answer and explanation), gives `b`'s answer away: `a`'s
 * revealed text shows any accepted form of it (`showsAnyForm`, the mock test's giveaway test).
 * Review and cram never put `a` directly before `b`. Each card's revealed text is joined once;
 * the test itself runs only for neighbours the ordering considers, never over every pair.
 */
export function givesAwayNext(): (a: Card, b: Card) => boolean {
  const revealed = new Map<Card, string>();
  return (a, b) => {
    if (a === b) return false;
    let text = revealed.get(a);
    if (text === undefined) {
      text = [...cardAnswers(a), a.explain ?? ''].join('\n');
      revealed.set(a, text);
    }
    const answers = cardAnswers(b);
    return answers.length > 0 && showsAnyForm(text, answers, b.answers);
  };
}
