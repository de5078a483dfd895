/**
 * What `recall lint` reads of each deck file version, kept beside the deck cache: the file's
 * problems, its deck's id, its advice (advice.ts, a pure function of the parsed deck, 1.65 s of
 * lint's 2.9 s on 100k unchanged cards) and what the lost-progress checks read of each card
 * (`KeyedCard`: key, note, former note, a cloze's gap). Lint on unchanged decks reads these
 * small entries and never the deck cache's whole cards (at 100k cards, 48 MB of JSON decoded
 * into objects).
 *
 * An entry is used only for the exact file version it was made from (path, shown name, size,
 * mtime, as the deck cache checks them), the deck cache's format and the exact build of recall
 * that wrote it (`buildStamp`: a new version or a rebuild changes it, and the advice rules may
 * have changed with it). Trouble is a miss, never an error; a tampered entry (a control
 * character, raw or escaped) is a miss too. A file that misses is read as every start reads it
 * (load.ts: through the deck cache, parsed on a miss).
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ClozeCard, KeyedCard, KeyedDeck, Problem, Severity } from '../core/card.js';
import { writeCacheFile } from '../fs/atomic-file.js';
import { buildStamp } from '../fs/build-stamp.js';
import { lintCacheFile } from '../fs/paths.js';
import { isStrings } from '../text/is-strings.js';
import { adviseDeck } from './advice.js';
import { asWritten, CACHE_FORMAT, type FileStamp } from './cache.js';
import { MAX_DECK_BYTES } from './limits.js';
import { type LoadOptions, loadDeckFiles } from './load.js';
import type { ParseResult } from './parse.js';

/** Bump whenever an entry's layout changes. */
const LINT_FORMAT = 1;

/** What lint reads of a deck that loaded. */
export type LintDeck = KeyedDeck & {
  readonly file: string;
  /** `adviseDeck` of the deck, in file order (notes included). */
  readonly advice: readonly Problem[];
};

/** What lint reads of one deck file: as `ParseResult`, with the deck as `LintDeck`. */
export type LintFile = {
  readonly deck?: LintDeck;
  readonly problems: Problem[];
  readonly idPos?: { readonly line: number; readonly col: number };
};

type Key = {
  readonly format: number;
  readonly deckFormat: number;
  readonly code: string;
} & FileStamp;

/**
 * Problems as one flat list of numbers, six for each: file, line, col, severity, rule,
 * message, strings as indexes in `strings` (no array per problem: 85k notes at 100k cards).
 */
type Rows = readonly number[];
const ROW = 6;

type Entry = Key & {
  readonly strings: readonly string[];
  readonly problems: Rows;
  readonly idPos?: { readonly line: number; readonly col: number };
  readonly deck?: {
    readonly id: string;
    readonly file: string;
    readonly advice: Rows;
    readonly keys: readonly string[];
    /** Each card's note id, when it is not the one its key holds (`deck/note:sub`). */
    readonly notes?: readonly string[];
    /** One letter per card: its kind's first (`KINDS`), upper case when its id is implicit. */
    readonly kinds: string;
    /** `[card, formerNoteId]` for the cards that have one. */
    readonly former: readonly [number, string][];
    /** `[card, gap, its text]` for the cloze cards. */
    readonly gaps: readonly [number, number, string][];
  };
};

const KINDS = { basic: 'b', cloze: 'c', choice: 'h', typed: 't', pair: 'p' } as const;
const KIND_OF = new Map<string, keyof typeof KINDS>(
  Object.entries(KINDS).map(([k, v]) => [v, k as keyof typeof KINDS]),
);
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

/**
 * Each file's lint view, in order: from its entry when this file version has one, else read
 * through the deck cache (`loadDeckFiles`: only the misses, parsed on every core when there is
 * enough) and its entry written.
 */
export async function lintFiles(
  files: readonly string[],
  cacheDir: string,
  opts: Pick<LoadOptions, 'onParsed' | 'workerFile' | 'parallelFrom'> = {},
): Promise<LintFile[]> {
  const code = await buildStamp();
  // One after another: each entry's JSON is garbage before the next is read.
  const found: (LintFile | undefined)[] = [];
  for (const file of files) found.push(await readEntry(file, cacheDir, code));
  const missed = files.flatMap((_, i) => (found[i] === undefined ? [i] : []));
  if (missed.length > 0) {
    const { results, stamps } = await loadDeckFiles(
      missed.map((i) => files[i]!),
      { ...opts, cacheDir },
    );
    await Promise.all(
      missed.map(async (at, n) => {
        const view = lintView(results[n]!);
        found[at] = view;
        const stamp = stamps[n];
        if (stamp && code !== '') await writeEntry(cacheDir, { ...stampKey(code), ...stamp }, view);
      }),
    );
  }
  return found as LintFile[];
}

const stampKey = (code: string) => ({ format: LINT_FORMAT, deckFormat: CACHE_FORMAT, code });

/** A parse result as lint reads it: the deck's advice worked out, its cards as keys. */
export function lintView(result: ParseResult): LintFile {
  const { deck, problems, idPos } = result;
  const base = { problems, ...(idPos ? { idPos } : {}) };
  if (!deck) return base;
  // Only what the checks read of each card is kept: the whole cards are let go.
  const cards = deck.cards.map((card): KeyedCard => {
    const { key, deckId, noteId, implicitId, formerNoteId } = card;
    return card.kind === 'cloze'
      ? {
          key,
          deckId,
          noteId,
          implicitId,
          formerNoteId,
          kind: 'cloze',
          gap: card.gap,
          parts: card.parts,
        }
      : { key, deckId, noteId, implicitId, formerNoteId, kind: card.kind };
  });
  return { ...base, deck: { id: deck.id, file: deck.file, cards, advice: adviseDeck(deck) } };
}

async function readEntry(file: string, cacheDir: string, code: string) {
  if (code === '') return undefined;
  try {
    const path = resolve(file);
    const info = await stat(path);
    if (info.size > MAX_DECK_BYTES) return undefined;
    const key: Key = { ...stampKey(code), path, file, size: info.size, mtimeMs: info.mtimeMs };
    const text = await readFile(lintCacheFile(cacheDir, path), 'utf8');
    return asWritten(text) ? fromText(text, key) : undefined;
  } catch {
    return undefined;
  }
}

/** An entry's text → the view it holds, if it is of `key`; undefined for anything else. */
export function fromText(text: string, key: Key): LintFile | undefined {
  try {
    const entry = JSON.parse(text) as Partial<Entry>;
    const same = (Object.keys(key) as (keyof Key)[]).every((k) => entry[k] === key[k]);
    if (!same) return undefined;
    const strings = entry.strings;
    if (!isStrings(strings)) return undefined;
    const problems = rows(entry.problems, strings);
    const idPos = entry.idPos;
    if (idPos !== undefined && !(Number.isInteger(idPos.line) && Number.isInteger(idPos.col))) {
      return undefined;
    }
    const base = { problems, ...(idPos ? { idPos: { line: idPos.line, col: idPos.col } } : {}) };
    return entry.deck === undefined ? base : { ...base, deck: deckOf(entry.deck, strings) };
  } catch {
    return undefined;
  }
}

function deckOf(d: NonNullable<Entry['deck']>, strings: readonly string[]): LintDeck {
  const { id, file, keys, notes, kinds, former, gaps } = d;
  if (typeof id !== 'string' || typeof file !== 'string' || typeof kinds !== 'string') {
    throw new Error('bad lint entry');
  }
  if (
    !isStrings(keys) ||
    (notes !== undefined && (!isStrings(notes) || notes.length !== keys.length))
  ) {
    throw new Error('bad lint entry');
  }
  if (kinds.length !== keys.length || !Array.isArray(former) || !Array.isArray(gaps)) {
    throw new Error('bad lint entry');
  }
  const formerOf = new Map<number, string>();
  for (const f of former) {
    if (!Array.isArray(f) || !Number.isInteger(f[0]) || typeof f[1] !== 'string') {
      throw new Error('bad lint entry');
    }
    formerOf.set(f[0], f[1]);
  }
  const gapOf = new Map<number, { gap: number; text: string }>();
  for (const g of gaps) {
    if (!Array.isArray(g) || !Number.isInteger(g[0]) || !Number.isInteger(g[1])) {
      throw new Error('bad lint entry');
    }
    if (typeof g[2] !== 'string') throw new Error('bad lint entry');
    gapOf.set(g[0], { gap: g[1], text: g[2] });
  }
  const cards: KeyedCard[] = [];
  for (let i = 0; i < keys.length; i++) {
    const letter = kinds[i]!;
    const kind = KIND_OF.get(letter.toLowerCase());
    if (kind === undefined) throw new Error('bad lint entry');
    const key = keys[i]!;
    const noteId = notes === undefined ? noteOfKey(key, id) : notes[i]!;
    const implicitId = letter !== letter.toLowerCase();
    const formerNoteId = formerOf.get(i);
    // One shape for every card, so 100k of them stay small.
    if (kind === 'cloze') {
      const gap = gapOf.get(i);
      if (gap === undefined) throw new Error('bad lint entry');
      const parts: ClozeCard['parts'] = [{ type: 'gap', index: gap.gap, text: gap.text }];
      cards.push({ key, deckId: id, noteId, implicitId, formerNoteId, kind, gap: gap.gap, parts });
    } else cards.push({ key, deckId: id, noteId, implicitId, formerNoteId, kind });
  }
  return { id, file, cards, advice: rows(d.advice, strings) };
}

/** The note id a card's key holds: `deck/note` or `deck/note:sub` (ids hold no `:`). */
function noteOfKey(key: string, deckId: string): string {
  const from = deckId.length + 1;
  const colon = key.indexOf(':', from);
  return colon < 0 ? key.slice(from) : key.slice(from, colon);
}

function rows(list: unknown, strings: readonly string[]): Problem[] {
  if (!Array.isArray(list) || list.length % ROW !== 0) throw new Error('bad lint entry');
  const text = (i: unknown) => {
    const s = Number.isInteger(i) ? strings[i as number] : undefined;
    if (s === undefined) throw new Error('bad lint entry');
    return s;
  };
  const out: Problem[] = [];
  for (let i = 0; i < list.length; i += ROW) {
    const line: unknown = list[i + 1];
    const col: unknown = list[i + 2];
    const severity = SEVERITIES[list[i + 3] as number];
    if (!Number.isInteger(line) || !Number.isInteger(col) || severity === undefined) {
      throw new Error('bad lint entry');
    }
    const file = text(list[i]);
    const rule = text(list[i + 4]);
    const message = text(list[i + 5]);
    out.push({ file, line: line as number, col: col as number, severity, rule, message });
  }
  return out;
}

/**
 * Stores `view` as the entry of `key`; not when its cards do not read back as they are (a key
 * of another deck: then it is worked out on every run). Any failure is swallowed.
 */
async function writeEntry(cacheDir: string, key: Key, view: LintFile): Promise<void> {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const at = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  const rowsOf = (list: readonly Problem[]): number[] =>
    list.flatMap((p) => [
      at(p.file),
      p.line,
      p.col,
      SEVERITIES.indexOf(p.severity),
      at(p.rule),
      at(p.message),
    ]);
  const problems = rowsOf(view.problems);
  let deck: Entry['deck'];
  if (view.deck) {
    const { id, file, cards, advice } = view.deck;
    const keys: string[] = [];
    const notes: string[] = [];
    let ownNotes = false;
    let kinds = '';
    const former: [number, string][] = [];
    const gaps: [number, number, string][] = [];
    for (const [i, card] of cards.entries()) {
      if (card.deckId !== id) return;
      keys.push(card.key);
      notes.push(card.noteId);
      if (card.noteId !== noteOfKey(card.key, id)) ownNotes = true;
      const letter: string = KINDS[card.kind];
      kinds += card.implicitId ? letter.toUpperCase() : letter;
      if (card.formerNoteId !== undefined) former.push([i, card.formerNoteId]);
      if (card.kind === 'cloze') {
        const part = card.parts.find((p) => p.type === 'gap' && p.index === card.gap);
        gaps.push([i, card.gap, part?.type === 'gap' ? part.text : '']);
      }
    }
    const noted = ownNotes ? { notes } : {};
    deck = { id, file, advice: rowsOf(advice), keys, ...noted, kinds, former, gaps };
  }
  const entry: Entry = {
    ...key,
    strings,
    problems,
    ...(view.idPos ? { idPos: view.idPos } : {}),
    ...(deck ? { deck } : {}),
  };
  await writeCacheFile(lintCacheFile(cacheDir, key.path), JSON.stringify(entry));
}
