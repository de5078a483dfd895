/**
 * What the study screens do to the card on screen besides rating it: bury it (or its whole
 * note) until the next study day, suspend it, or mark it. Each is one `Recorder.control` step,
 * undone through the recorder like a rating.
 */
import type { Card } from '../core/card.js';
import { dayStart } from '../core/day.js';
import type { CardInfo } from './card-info.js';
import type { Collection } from './collection.js';
import type { Reloaded } from './edit.js';
import type { Recorder } from './recorder.js';

/** Out of the queue: until the next study day (one card, or every card of its note), or for good. */
export type Aside = 'bury' | 'buryNote' | 'suspend';

/** A card put aside: the cards it took out of the queue, and the id undo takes. */
export type PutAside = { readonly entryId: string; readonly keys: readonly string[] };

export type CardControl = {
  /** Null when the card already was so (nothing recorded, nothing to undo). */
  readonly putAside: (card: Card, how: Aside, now: number) => PutAside | null;
  /** Marks the card (`''` clears its mark); null when it already had that mark. */
  readonly mark: (card: Card, mark: string, now: number) => string | null;
};

/** Everything review and cram do to the card on screen besides answering it. */
export type CardTools = CardControl & {
  /** Everything known of the card, from the review log (read through its cache). */
  readonly info: (card: Card, now: number) => Promise<CardInfo>;
  /** Opens the card in the user's editor, then reads its deck again. */
  readonly edit: (card: Card) => Promise<Reloaded>;
};

/** The cards of `card`'s note, in its deck: cloze gaps, pairs, a reversed card. */
function noteMates(collection: Collection, card: Card): string[] {
  const deck = collection.deck(card.deckId);
  return deck ? deck.cards.filter((c) => c.noteId === card.noteId).map((c) => c.key) : [card.key];
}

export function cardControl(collection: Collection, recorder: Recorder): CardControl {
  return {
    putAside: (card, how, now) => {
      const keys = how === 'buryNote' ? noteMates(collection, card) : [card.key];
      const entryId = recorder.control(
        keys,
        how === 'suspend'
          ? { kind: 'suspend' }
          : { kind: 'bury', until: dayStart(now, collection.dayStartsAt, 1) },
        now,
      );
      return entryId === undefined ? null : { entryId, keys };
    },
    mark: (card, mark, now) => recorder.control([card.key], { kind: 'mark', mark }, now) ?? null,
  };
}
