/**
 * What review and cram say when a key puts the card on screen aside or marks it: one wording
 * for both screens, which record it the same way (app/card-control.ts).
 */
import type { Aside } from '../app/card-control.js';
import type { Command } from './keys.js';

/** The commands that put a card aside, and how. */
export const ASIDE: Partial<Record<Command, Aside>> = {
  bury: 'bury',
  buryNote: 'buryNote',
  suspend: 'suspend',
};

/** What putting a card aside did, in a line under the next card (null cards: it already was). */
export function asideText(how: Aside, cards: number | null): string {
  if (cards === null) return how === 'suspend' ? 'Already suspended.' : 'Already buried.';
  if (how === 'suspend') return 'Suspended: out of every queue until undone (u).';
  return how === 'buryNote' && cards > 1
    ? `Buried with its note (${cards} cards) until the next study day.`
    : 'Buried until the next study day.';
}

/** What a mark key did: null when the card already had that mark. */
export function markText(mark: string, entryId: string | null): string {
  if (entryId === null) return 'Already so.';
  return mark === '' ? 'Mark cleared.' : `Marked ${mark}.`;
}
