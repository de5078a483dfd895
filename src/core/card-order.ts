/** Cards in file order: by deck id, then by position in the deck. */
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
