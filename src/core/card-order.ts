/** Cards in file order: by deck id, then by position in the deck. */
import { memoKey, pathKey, readKey, revealSets, shownReveal } from './answer-check.js';
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
 * revealed text shows what `b`'s answer is shown by (answer-check's `revealSets` and
 * `shownReveal`, the mock test's giveaway check). Review and cram never put `a` directly before
 * `b`. Each card's revealed text and each card's reveals are worked out once; the test itself
 * runs only for neighbours the ordering considers, never over every pair.
 */
export function givesAwayNext(): (a: Card, b: Card) => boolean {
  const revealed = new Map<Card, string>();
  const reveals = new Map<Card, string[][]>();
  // Each text read once per rules object (a deck's, shared by its cards): the ordering asks
  // about one card's revealed text, and one card's answers, again and again.
  const read = memoKey(readKey);
  const readPath = memoKey(pathKey);
  return (a, b) => {
    if (a === b) return false;
    let text = revealed.get(a);
    if (text === undefined) {
      text = [...cardAnswers(a), a.explain ?? ''].join('\n');
      revealed.set(a, text);
    }
    let shows = reveals.get(b);
    if (shows === undefined) {
      const together = b.kind === 'choice' && b.correct.length > 1;
      shows = revealSets(cardAnswers(b), b.answers, together);
      reveals.set(b, shows);
    }
    return shownReveal([text], shows, b.answers, read, readPath) !== undefined;
  };
}
