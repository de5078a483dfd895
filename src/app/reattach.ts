/**
 * Heals progress orphaned by an interrupted `lint --fix`. The fix writes ids into the deck
 * files, then logs a `move` from each card's content-hash key to its new key; a kill or a full
 * disk in between left the cards New, with their progress under keys no card has. A card with
 * an explicit id knows the hash id it had before (`formerNoteId`), so its progress is found there
 * and moved, whatever stopped the fix, and in collections already in that state.
 */
import type { Card, Deck } from '../core/card.js';
import type { ProgressStore } from '../store/progress.js';
import { moveProgress } from './recorder.js';

/**
 * Moves the progress of every former key no card uses any more to the card that had it, when
 * that card has none of its own: logged (`move` entries) when the store can write, in this
 * process only when it is read-only. Returns how many cards were re-attached.
 */
export function reattachFormerKeys(
  decks: readonly Deck[],
  store: ProgressStore,
  readOnly: boolean,
  now: number,
): number {
  const live = new Set<string>();
  for (const deck of decks) for (const card of deck.cards) live.add(card.key);
  const taken = new Set<string>();
  let moved = 0;
  for (const deck of decks) {
    for (const card of deck.cards) {
      const { key } = card;
      const formerKey = formerKeyOf(card);
      if (formerKey === undefined || live.has(formerKey) || taken.has(formerKey)) continue;
      if (store.get(key) !== undefined || store.get(formerKey) === undefined) continue;
      // Two copies of one card share a former key: the first in file order takes it, as the
      // fix gave it.
      taken.add(formerKey);
      if (readOnly) store.adoptInMemory(formerKey, key);
      else moveProgress(store, formerKey, key, now);
      moved++;
    }
  }
  return moved;
}

/**
 * The key a card with an explicit id had before it: its key with the note id replaced by the
 * content-hash one (`deck/note:sub` → `deck/h-…:sub`).
 */
export function formerKeyOf(card: Card): string | undefined {
  if (card.formerNoteId === undefined) return undefined;
  const head = `${card.deckId}/${card.noteId}`;
  return `${card.deckId}/${card.formerNoteId}${card.key.slice(head.length)}`;
}
