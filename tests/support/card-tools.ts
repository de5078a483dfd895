import type { CardTools } from '../../src/app/card-control.js';
import type { CardInfo } from '../../src/app/card-info.js';
import type { Card } from '../../src/core/card.js';

/** A new card's info, as `i` shows it. */
export function newCardInfo(card: Card): CardInfo {
  return {
    card,
    state: 'New',
    due: null,
    stability: null,
    difficulty: null,
    recall: null,
    reps: 0,
    lapses: 0,
    suspended: false,
    buriedUntil: null,
    mark: null,
    ratings: [],
  };
}

/**
 * What a study screen does to a card besides answering it, faked over `cards`: each call is
 * written to `done` (`bury d/a`, `mark d/a red`), burying a note takes every card of it, and the
 * editor appends " (edited)" to a basic card's prompt.
 */
export function fakeCardTools(cards: readonly Card[], done: string[]): CardTools {
  return {
    putAside: (card, how) => {
      done.push(`${how} ${card.key}`);
      const keys =
        how === 'buryNote'
          ? cards.filter((c) => c.noteId === card.noteId).map((c) => c.key)
          : [card.key];
      return { entryId: `c${done.length}`, keys };
    },
    mark: (card, mark) => {
      done.push(`mark ${card.key} ${mark}`);
      return `c${done.length}`;
    },
    info: async (card) => newCardInfo(card),
    edit: async (card) => ({
      deckId: card.deckId,
      cards: cards.map((c) =>
        c.key === card.key && c.kind === 'basic' ? { ...c, prompt: `${c.prompt} (edited)` } : c,
      ),
      notice: 'Edited.',
    }),
  };
}
