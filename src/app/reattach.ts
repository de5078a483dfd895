/**
 * Heals progress orphaned by an interrupted `lint --fix`. The fix writes ids into the deck
 * files, then logs a `move` from each card's content-hash key to its new key; a kill or a full
 * disk in between left the cards New, with their progress under keys no card has. A card with
 * an explicit id knows the hash id it had before (`formerNoteId`), so its progress is found there
 * and moved, whatever stopped the fix, and in collections already in that state.
 */
import type { KeyedCard, KeyedDeck } from '../core/card.js';
import type { ProgressStore } from '../store/progress.js';
import { visible } from '../text/sanitize.js';
import { moveProgress } from './recorder.js';

/**
 * Which keys have progress, in the store's order: the store's `cards()`, or the same keys
 * without the states (lint reads them from a cache).
 */
export type HeldKeys = {
  has(key: string): boolean;
  keys(): IterableIterator<string>;
  readonly size: number;
};

/**
 * Moves the progress of every former key no card uses any more to the card that had it, when
 * that card has none of its own: logged (`move` entries) when the store can write, in this
 * process only when it is read-only. Returns how many cards were re-attached.
 */
export function reattachFormerKeys(
  decks: readonly KeyedDeck[],
  store: ProgressStore,
  readOnly: boolean,
  now: number,
): number {
  const moves = formerKeyMoves(decks, store.cards());
  for (const { from, to } of moves) {
    if (readOnly) store.adoptInMemory(from, to);
    else moveProgress(store, from, to, now);
  }
  return moves.length;
}

/**
 * The re-attachments `reattachFormerKeys` makes, in file order: each former key no card uses
 * that holds progress, to its card when that card has none. Each is independent of the others
 * (a target is a live key, a source never is), so they can be made in any way after.
 */
export function formerKeyMoves(
  decks: readonly KeyedDeck[],
  held: HeldKeys,
): { from: string; to: string }[] {
  // The live keys are gathered only once a former key holds progress: in a collection no fix
  // was interrupted in, none does, and the set of every key was most of the cost (~60 ms at 100k).
  let live: Set<string> | undefined;
  const isLive = (key: string): boolean => {
    if (live === undefined) {
      live = new Set<string>();
      for (const deck of decks) for (const card of deck.cards) live.add(card.key);
    }
    return live.has(key);
  };
  const taken = new Set<string>();
  const moves: { from: string; to: string }[] = [];
  for (const deck of decks) {
    for (const card of deck.cards) {
      const { key } = card;
      // A card with progress of its own takes none: tested first, it is most cards.
      if (card.formerNoteId === undefined || held.has(key)) continue;
      const formerKey = formerKeyOf(card)!;
      if (!held.has(formerKey) || taken.has(formerKey) || isLive(formerKey)) continue;
      // Two copies of one card share a former key: the first in file order takes it, as the
      // fix gave it.
      taken.add(formerKey);
      moves.push({ from: formerKey, to: key });
    }
  }
  return moves;
}

/**
 * The key a card with an explicit id had before it: its key with the note id replaced by the
 * content-hash one (`deck/note:sub` → `deck/h-…:sub`).
 */
export function formerKeyOf(card: KeyedCard): string | undefined {
  if (card.formerNoteId === undefined) return undefined;
  const head = `${card.deckId}/${card.noteId}`;
  return `${card.deckId}/${card.formerNoteId}${card.key.slice(head.length)}`;
}

/** Progress no card has any more, and the `doctor --move` pairs that likely re-attach it. */
export type LostProgress = {
  /** Progress keys no card of the decks read has. */
  readonly count: number;
  /** Deck → deck, or note → note, when the likely target is clear. */
  readonly moves: readonly { readonly from: string; readonly to: string }[];
};

/**
 * Progress that matches no card: a reviewed card's id renamed, a deck file without `id:`
 * renamed, a card without an id edited (a cloze's gaps reordered). Only the keys the store
 * already holds and the cards already loaded are read; targets are looked for only in the
 * decks that lost something.
 *
 * A deck that is gone is matched with a loaded deck where at least half its orphans are cards
 * of the same id with no progress (a file renamed). An orphaned note in a loaded deck is matched
 * with the deck's one note of the same shape (the same sub-cards) that has no progress at all,
 * when exactly one orphan and one such note have that shape (an id renamed). `allDecks`: every
 * deck was read, so orphans of a deck not read count too; with paths given, they count only when
 * matched to a deck read.
 */
export function lostProgress(
  decks: readonly KeyedDeck[],
  held: HeldKeys,
  allDecks: boolean,
): LostProgress {
  if (noneLost(decks, held)) return { count: 0, moves: [] };
  const live = new Set<string>();
  const byId = new Map<string, KeyedDeck>();
  for (const deck of decks) {
    if (!byId.has(deck.id)) byId.set(deck.id, deck);
    for (const card of deck.cards) live.add(card.key);
  }
  const orphans = new Map<string, string[]>();
  for (const key of held.keys()) {
    if (live.has(key)) continue;
    const deckId = key.slice(0, Math.max(0, key.indexOf('/')));
    push(orphans, deckId, key);
  }
  const fresh = (key: string) => live.has(key) && !held.has(key);
  let count = 0;
  const moves: { from: string; to: string }[] = [];
  for (const [deckId, keys] of orphans) {
    const deck = byId.get(deckId);
    if (deck) {
      count += keys.length;
      moves.push(...noteMoves(deck, keys, fresh));
      continue;
    }
    const target = renamedDeck(deckId, keys, decks, fresh);
    if (target !== undefined) moves.push({ from: deckId, to: target });
    if (target !== undefined || allDecks) count += keys.length;
  }
  return { count, moves };
}

/**
 * Whether every key holding progress is a card's, told by one lookup per card and no set of
 * every key (at 100k cards building that set and looking each held key up in it took ~150 ms
 * on every open of the study screens). Exact while no key is two cards': within a deck none is
 * (the parser drops a second card of the same id), so only deck ids that repeat (lint reads
 * every file, duplicates included) are left to the full check.
 */
function noneLost(decks: readonly KeyedDeck[], held: HeldKeys): boolean {
  if (new Set(decks.map((d) => d.id)).size !== decks.length) return false;
  let live = 0;
  for (const deck of decks) for (const card of deck.cards) if (held.has(card.key)) live++;
  return live === held.size;
}

/** The loaded deck most of `keys` (under the gone deck `deckId`) are fresh cards of, if any. */
function renamedDeck(
  deckId: string,
  keys: readonly string[],
  decks: readonly KeyedDeck[],
  fresh: (key: string) => boolean,
): string | undefined {
  const rest = keys.map((k) => k.slice(deckId.length));
  const probes = rest.slice(0, 3);
  let best: string | undefined;
  let bestScore = Math.ceil(keys.length / 2) - 1;
  for (const deck of decks) {
    if (!probes.some((r) => fresh(deck.id + r))) continue;
    const score = rest.filter((r) => fresh(deck.id + r)).length;
    if (score > bestScore) {
      best = deck.id;
      bestScore = score;
    }
  }
  return best;
}

/** `deck/note` of a key (`deck/note:sub` → `deck/note`): ids hold no `:`. */
const noteOf = (key: string) => {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon);
};

/** Orphaned notes of `deck` paired with the one fresh note of the same shape, when unique. */
function noteMoves(
  deck: KeyedDeck,
  keys: readonly string[],
  fresh: (key: string) => boolean,
): { from: string; to: string }[] {
  const lost = new Map<string, string[]>();
  for (const key of keys) {
    const note = noteOf(key);
    push(lost, note, key.slice(note.length));
  }
  const lostByShape = new Map<string, string[]>();
  for (const [note, subs] of lost) {
    const shape = subs.sort().join(',');
    push(lostByShape, shape, note);
  }
  // A note's cards are consecutive in the deck: notes with no progress at all, by shape, with
  // strings made only for those cards.
  const freshByShape = new Map<string, string[]>();
  const { cards } = deck;
  for (let i = 0; i < cards.length; ) {
    const first = cards[i]!;
    let end = i;
    let allFresh = true;
    while (end < cards.length && cards[end]!.noteId === first.noteId) {
      if (!fresh(cards[end]!.key)) allFresh = false;
      end++;
    }
    if (allFresh) {
      const note = `${deck.id}/${first.noteId}`;
      const shape = cards
        .slice(i, end)
        .map((c) => c.key.slice(note.length))
        .sort()
        .join(',');
      if (lostByShape.has(shape)) push(freshByShape, shape, note);
    }
    i = end;
  }
  const moves: { from: string; to: string }[] = [];
  for (const [shape, notes] of lostByShape) {
    const targets = freshByShape.get(shape) ?? [];
    const [from] = notes;
    const [to] = targets;
    if (notes.length === 1 && targets.length === 1 && from && to) moves.push({ from, to });
  }
  return moves;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** How many suggested moves a warning spells out; `recall doctor` lists every orphan. */
const MOVES_SHOWN = 3;

/** The warning lint and home show, with the `doctor --move` to run; keys sanitised. */
export function lostProgressText({ count, moves }: LostProgress): string {
  const head = `${count} ${count === 1 ? "card's" : "cards'"} progress no longer matches a card`;
  if (moves.length === 0) return `${head}: see \`recall doctor\``;
  const shown = moves.slice(0, MOVES_SHOWN).map((m) => `--move ${m.from}=${m.to}`);
  const more =
    moves.length > MOVES_SHOWN
      ? ` (and ${moves.length - MOVES_SHOWN} more, see \`recall doctor\`)`
      : '';
  return visible(`${head}: run \`recall doctor ${shown.join(' ')}\`${more}`);
}
