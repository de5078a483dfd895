/** A card's question on one line, for lists of cards (weakest cards, leeches, export). */
import type { Card, ClozeCard } from './model.js';

export function cardPrompt(card: Card): string {
  switch (card.kind) {
    case 'cloze':
      return oneLine(clozePrompt(card));
    case 'pair':
      return oneLine(card.left);
    default:
      return oneLine(card.prompt);
  }
}

/** Whitespace runs (newlines included) collapsed to single spaces, ends trimmed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
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
