/** A card's question on one line, for lists of cards (weakest cards, leeches, export). */
import { collapseWhitespace } from '../text/whitespace.js';
import type { Card, ClozeCard } from './card.js';

export function cardPrompt(card: Card): string {
  switch (card.kind) {
    case 'cloze':
      return collapseWhitespace(clozePrompt(card));
    case 'pair':
      return collapseWhitespace(card.left);
    default:
      return collapseWhitespace(card.prompt);
  }
}

/** The cloze text with the asked gap blanked (its hint shown) and the other gaps filled in. */
export function clozePrompt(card: ClozeCard): string {
  return card.parts
    .map((p) => {
      if (p.type === 'text') return p.text;
      if (p.index !== card.gap) return p.text;
      return `[${p.hint ?? '…'}]`;
    })
    .join('');
}
