/**
 * A cloze with an explicit id keeps its cards' keys (`deck/id:c1`, `:c2` …) whatever its text
 * says, so swapping two of its gaps silently swaps their progress: `:c1` now asks what `:c2`
 * was learned on. A cloze without an id changes keys instead (its id is a content hash), which
 * `lostProgress` catches. Here each such note's gap answers are remembered as last seen in
 * order (a small file in the cache folder, one per progress store); when a gap's answer now
 * stands where another gap's stood, and that gap has progress, the move that puts the
 * progress back under the answer it was learned on is suggested. The remembered order follows
 * every other edit (a gap rewritten, added, removed) and waits while a move is pending, until
 * `recall doctor` makes it (`settleGapOrder`) or the text is put back.
 */
import { readFileSync } from 'node:fs';
import type { KeyedCard, KeyedDeck } from '../core/card.js';
import { writeCacheFile } from '../fs/atomic-file.js';
import { visible } from '../text/sanitize.js';
import type { HeldKeys } from './reattach.js';

/** `deck/note` → its gaps' answers, in gap order. */
export type GapOrder = Record<string, readonly string[]>;

export type Move = { readonly from: string; readonly to: string };

/** The remembered order; a file that is missing or not one is an empty one. */
export function readGapOrder(file: string): GapOrder {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
    const out: GapOrder = Object.create(null);
    for (const [note, gaps] of Object.entries(data as Record<string, unknown>)) {
      if (Array.isArray(gaps) && gaps.every((g) => typeof g === 'string')) out[note] = gaps;
    }
    return out;
  } catch {
    return {};
  }
}

/** Each explicit-id cloze note's card keys and gap answers, in gap order. */
function clozeNotes(decks: readonly KeyedDeck[]): Map<string, { keys: string[]; gaps: string[] }> {
  const notes = new Map<string, { keys: string[]; gaps: string[] }>();
  for (const deck of decks) {
    // A note's cards are consecutive: one lookup per note, not per card.
    let last: KeyedCard | undefined;
    let entry: { keys: string[]; gaps: string[] } | undefined;
    for (const card of deck.cards) {
      if (card.kind !== 'cloze' || card.implicitId) continue;
      if (!entry || last?.noteId !== card.noteId) {
        const note = `${card.deckId}/${card.noteId}`;
        entry = notes.get(note);
        if (!entry) {
          entry = { keys: [], gaps: [] };
          notes.set(note, entry);
        }
      }
      last = card;
      entry.keys[card.gap - 1] = card.key;
      entry.gaps[card.gap - 1] = gapText(card);
    }
  }
  return notes;
}

function gapText(card: KeyedCard & { kind: 'cloze' }): string {
  const part = card.parts.find((p) => p.type === 'gap' && p.index === card.gap);
  return part?.type === 'gap' ? part.text : '';
}

/**
 * The moves that put reordered gaps' progress back under the answers it was learned on, and
 * the order to remember from now on. Pure.
 */
export function reorderedGaps(
  decks: readonly KeyedDeck[],
  hasProgress: (key: string) => boolean,
  remembered: GapOrder,
): { moves: Move[]; order: GapOrder; changed: boolean } {
  const moves: Move[] = [];
  let order: Record<string, readonly string[]> | undefined;
  for (const [note, { keys, gaps }] of clozeNotes(decks)) {
    const before = Object.hasOwn(remembered, note) ? remembered[note] : undefined;
    if (before !== undefined && sameList(before, gaps)) continue;
    const own = before === undefined ? [] : noteMoves(keys, gaps, before, hasProgress);
    moves.push(...own);
    // A pending move keeps the order the progress was learned on until it is made.
    if (own.length > 0) continue;
    order ??= Object.assign(Object.create(null), remembered) as Record<string, readonly string[]>;
    order[note] = gaps;
  }
  return { moves, order: order ?? remembered, changed: order !== undefined };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Gap `i` now asks what gap `j` asked (one answer, once on each side) and `j` has progress;
 * none when a move would replace progress that has nowhere to go (an answer now twice).
 */
function noteMoves(
  keys: readonly string[],
  gaps: readonly string[],
  before: readonly string[],
  hasProgress: (key: string) => boolean,
): Move[] {
  const once = (list: readonly string[], text: string) =>
    list.indexOf(text) === list.lastIndexOf(text);
  const moves: Move[] = [];
  gaps.forEach((text, i) => {
    const j = before.indexOf(text);
    if (j < 0 || j === i || !once(gaps, text) || !once(before, text)) return;
    const from = keys[j];
    const to = keys[i];
    if (from !== undefined && to !== undefined && hasProgress(from)) moves.push({ from, to });
  });
  // Only moves that lose nothing: a target's own progress must be moving on too.
  const sources = new Set(moves.map((m) => m.from));
  return moves.every((m) => sources.has(m.to) || !hasProgress(m.to)) ? moves : [];
}

/** The pending moves, with the remembered order brought up to date (written only if changed). */
export async function checkGapOrder(
  decks: readonly KeyedDeck[],
  held: HeldKeys,
  file: string,
): Promise<Move[]> {
  const remembered = readGapOrder(file);
  const has = (k: string) => held.has(k);
  const { moves, order, changed } = reorderedGaps(decks, has, remembered);
  if (changed) await writeCacheFile(file, JSON.stringify(order));
  return moves;
}

/** After `recall doctor` moved `keys`: their notes' gaps are remembered as they are now. */
export async function settleGapOrder(
  decks: readonly KeyedDeck[],
  keys: readonly string[],
  file: string,
): Promise<void> {
  const moved = new Set(keys);
  const order = readGapOrder(file);
  let changed = false;
  for (const [note, { keys: own, gaps }] of clozeNotes(decks)) {
    if (!own.some((k) => moved.has(k))) continue;
    order[note] = gaps;
    changed = true;
  }
  if (changed) await writeCacheFile(file, JSON.stringify(order));
}

/** The warning lint, home and doctor show, with the `doctor --move --force` to run. */
export function reorderedGapsText(moves: readonly Move[]): string {
  const cards = moves.length === 1 ? "1 card's progress is" : `${moves.length} cards' progress is`;
  const args = moves.map((m) => `--move ${m.from}=${m.to}`).join(' ');
  return visible(
    `${cards} under another gap of a reordered cloze: run \`recall doctor ${args} --force\``,
  );
}
