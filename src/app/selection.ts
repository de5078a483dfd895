/**
 * Which cards a cram, a mock test (and stats) work on: some decks, narrowed by tags. A card is
 * selected when it is in one of the decks and, if tags are given, carries at least one of them
 * (deck tags count: a card inherits its deck's tags). Tags compare ignoring case.
 */
import type { Card } from '../core/card.js';

export type CardSelection = {
  /** Only these decks; every deck in play when omitted. */
  readonly deckIds?: ReadonlySet<string> | undefined;
  /** Only cards with at least one of these tags; no filter when omitted or empty. */
  readonly tags?: readonly string[] | undefined;
};

/**
 * Decks as a selection reads them: their ids, names and cards' tags. A collection's decks, or
 * the queue cache's rows of them (stats from the cache).
 */
type Decks<C extends Tagged = Card> = {
  readonly decks: readonly {
    readonly id: string;
    readonly name: string;
    readonly cards: readonly C[];
  }[];
};
type Tagged = Pick<Card, 'tags'>;

const fold = (tag: string) => tag.trim().toLowerCase();

/** The decks of the selection, in load order. */
export function selectedDecks<D extends Decks<Tagged>['decks'][number]>(
  collection: { readonly decks: readonly D[] },
  sel: CardSelection = {},
): D[] {
  return collection.decks.filter((d) => !sel.deckIds || sel.deckIds.has(d.id));
}

/** The selected cards, deck by deck in file order. */
export function selectCards<C extends Tagged = Card>(
  collection: Decks<C>,
  sel: CardSelection = {},
): C[] {
  const cards = selectedDecks(collection, sel).flatMap((d) => d.cards);
  return sel.tags?.length ? cards.filter(taggedWith(sel.tags)) : cards;
}

/** Whether a card carries one of `tags` (all cards when none is given). */
export function taggedWith(tags: readonly string[]): (card: Tagged) => boolean {
  const wanted = new Set(tags.map(fold).filter((t) => t !== ''));
  return (card) => wanted.size === 0 || card.tags.some((t) => wanted.has(fold(t)));
}

/** Every tag used in the selected decks, sorted (to suggest when a tag matched nothing). */
export function tagsIn(collection: Decks<Tagged>, sel: CardSelection = {}): string[] {
  const tags = new Set(
    selectedDecks(collection, sel).flatMap((d) => d.cards.flatMap((c) => c.tags)),
  );
  return [...tags].sort();
}

/** The tags asked for that no card of the selected decks carries. */
export function unknownTags(collection: Decks<Tagged>, sel: CardSelection): string[] {
  return tagsNotIn(sel.tags ?? [], tagsIn(collection, sel));
}

/** Those of `tags` that none of `used` is (ignoring case; blank ones are no tag). */
export function tagsNotIn(tags: readonly string[], used: Iterable<string>): string[] {
  const known = new Set([...used].map(fold));
  return tags.filter((t) => fold(t) !== '' && !known.has(fold(t)));
}

/**
 * Why a selection has no cards, in one line: no decks, unknown tags (with the tags there are), or
 * simply none matching.
 */
export function emptySelectionMessage(collection: Decks<Tagged>, sel: CardSelection): string {
  const decks = selectedDecks(collection, sel);
  if (decks.length === 0) return 'no decks found: pass a deck file or folder';
  const unknown = unknownTags(collection, sel);
  if (unknown.length > 0) {
    const known = tagsIn(collection, sel);
    const list = unknown.map((t) => `"${t}"`).join(', ');
    return `no card has the tag ${list}${known.length > 0 ? ` (tags in these decks: ${known.join(', ')})` : ' (these decks have no tags)'}`;
  }
  return 'the selected decks have no cards';
}

/** A short name for the selection: the deck (or "All decks", "3 decks"), then `#tags`. */
export function selectionTitle(collection: Decks<Tagged>, sel: CardSelection = {}): string {
  const decks = selectedDecks(collection, sel);
  const name =
    decks.length === 1
      ? decks[0]!.name
      : !sel.deckIds || decks.length === collection.decks.length
        ? 'All decks'
        : `${decks.length} decks`;
  const tags = (sel.tags ?? []).filter((t) => t.trim() !== '');
  return tags.length > 0 ? `${name} · ${tags.map((t) => `#${t}`).join(' ')}` : name;
}

/** `--tag a --tag b` and `--tag a,b` both give [a, b]. */
export function splitTags(tags: readonly string[] | undefined): string[] {
  return (tags ?? [])
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '');
}
