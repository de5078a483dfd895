/**
 * Deck paths → decks and problems. Each file is read and parsed on its own (a broken file
 * never stops the others), through the parse cache when a cache folder is given, and only the
 * files that missed it are parsed: on every core when there is enough to parse (parallel.ts);
 * then deck ids must be unique across files (a later duplicate is skipped, the first one kept).
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deck, DeckFileVersion, LoadResult, Problem } from '../core/card.js';
import { packageRoot } from '../fs/package-root.js';
import { type FileStamp, fromEntry, readCached } from './cache.js';
import { discoverDeckFiles } from './discover.js';
import { MAX_DECK_BYTES } from './limits.js';
import type { ParseResult } from './parse.js';

export type LoadOptions = {
  /** Folder for cached parse results; without it every file is parsed. */
  readonly cacheDir?: string;
  /** Told of the files to parse (those the cache has not), then after each: done of total. */
  readonly onParsed?: (done: number, total: number) => void;
  /**
   * The parse worker's script (default: the bundle's `dist/deck-worker.js`, when there is one);
   * `false` parses in this thread only.
   */
  readonly workerFile?: string | false;
  /** Parse in workers from this much YAML to parse on (default `PARALLEL_MIN_BYTES`; for tests). */
  readonly parallelFrom?: number;
};

/**
 * Below this much YAML to parse, a worker's start (loading yaml and zod again, ~60 ms) costs
 * more than sharing the work saves.
 */
export const PARALLEL_MIN_BYTES = 512 * 1024;

/** Deck files looked up (stat, cache entry read and decoded) at once. */
const READS_AT_ONCE = 4;

/** Loads every deck under `paths` (files or folders). Never throws for a bad deck or path. */
export async function loadDecks(
  paths: readonly string[],
  opts: LoadOptions = {},
): Promise<LoadResult> {
  const discovered = await discoverDeckFiles(paths);
  const { results, stamps } = await loadDeckFiles(discovered.files, opts);
  const { kept, problems } = uniqueDecks(discovered.files, results, discovered.problems);
  const decks: Deck[] = [];
  const versions = new Map<Deck, DeckFileVersion>();
  for (const i of kept) {
    const deck = results[i]!.deck!;
    decks.push(deck);
    const stamp = stamps[i];
    if (stamp) versions.set(deck, { path: stamp.path, size: stamp.size, mtimeMs: stamp.mtimeMs });
  }
  return { decks, problems, versions };
}

/**
 * Each file's parse result, in order, through the cache (only the misses are parsed), with the
 * file version each result is of (none for a file that could not be read or is too large).
 */
export async function loadDeckFiles(
  files: readonly string[],
  opts: LoadOptions = {},
): Promise<{ results: ParseResult[]; stamps: (FileStamp | undefined)[] }> {
  const stamps: (FileStamp | undefined)[] = files.map(() => undefined);
  const looked: (ParseResult | Miss)[] = new Array(files.length);
  // A few files at a time, not all at once: each read holds its entry's bytes, its text and its
  // JSON until it is decoded, and 40 at once raised the peak at 100k cards by ~35 MB (176 → 144
  // MB for the decks alone) for no gain in time; libuv runs four file operations at once anyway.
  let next = 0;
  const reader = async () => {
    while (next < files.length) {
      const i = next++;
      looked[i] = await lookUp(files[i]!, opts.cacheDir, (stamp) => {
        stamps[i] = stamp;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, files.length) }, reader));
  return { results: await parseMisses(looked, opts), stamps };
}

/** What `uniqueDecks` reads of one file's result. */
type Loaded = {
  readonly deck?: { readonly id: string };
  readonly problems: readonly Problem[];
  readonly idPos?: { readonly line: number; readonly col: number };
};

/**
 * Deck ids must be unique across files: the files whose deck is kept (indexes, in order; a
 * later duplicate is skipped, the first one kept), and every problem in file order, `first`
 * before them, each duplicate reported where its id is.
 */
export function uniqueDecks(
  files: readonly string[],
  results: readonly Loaded[],
  first: readonly Problem[] = [],
): { kept: number[]; problems: Problem[] } {
  const kept: number[] = [];
  const problems: Problem[] = [...first];
  const firstFile = new Map<string, string>();
  for (const [i, result] of results.entries()) {
    const file = files[i]!;
    problems.push(...result.problems);
    const deck = result.deck;
    if (!deck) continue;
    const seen = firstFile.get(deck.id);
    if (seen !== undefined) {
      const pos = result.idPos ?? { line: 1, col: 1 };
      problems.push({
        file,
        ...pos,
        severity: 'error',
        rule: 'duplicate-deck-id',
        message: `deck id \`${deck.id}\` is already used by ${seen}; this deck is skipped (set a different \`id\`)`,
      });
      continue;
    }
    firstFile.set(deck.id, file);
    kept.push(i);
  }
  return { kept, problems };
}

/** One deck file → its parse result, from the cache when the file has not changed. */
export async function loadDeckFile(file: string, opts: LoadOptions = {}): Promise<ParseResult> {
  const [result] = await parseMisses([await lookUp(file, opts.cacheDir)], opts);
  return result!;
}

/** A file the cache has no entry for: to parse. */
type Miss = { readonly miss: FileStamp };

/** The file's result when it needs no parse (cached, too large, unreadable), else its stamp. */
async function lookUp(
  file: string,
  cacheDir: string | undefined,
  /** Told the version of the file that the result is of. */
  seen?: (stamp: FileStamp) => void,
): Promise<ParseResult | Miss> {
  const path = resolve(file);
  try {
    const info = await stat(path);
    // The parser (yaml + zod) loads only on a cache miss: most starts never need it.
    if (info.size > MAX_DECK_BYTES) return (await import('./parse.js')).tooLarge(file, info.size);
    const stamp: FileStamp = { path, file, size: info.size, mtimeMs: info.mtimeMs };
    seen?.(stamp);
    const cached = cacheDir === undefined ? undefined : await readCached(cacheDir, stamp);
    return cached ?? { miss: stamp };
  } catch (error) {
    return unreadable(file, error);
  }
}

/** Every miss parsed: in workers when there is enough of it, else here, one after another. */
async function parseMisses(
  looked: readonly (ParseResult | Miss)[],
  opts: LoadOptions,
): Promise<ParseResult[]> {
  const results = [...looked];
  const misses = looked.flatMap((r, i) => ('miss' in r ? [i] : []));
  if (misses.length === 0) return results as ParseResult[];
  const stamps = misses.map((i) => (looked[i] as Miss).miss);
  let done = 0;
  opts.onParsed?.(0, misses.length);
  const parsed = (at: number, result: ParseResult) => {
    results[misses[at]!] = result;
    opts.onParsed?.(++done, misses.length);
  };
  let left = stamps.map((_, at) => at);
  const unread: number[] = [];
  const workerFile = opts.workerFile ?? bundledWorker();
  const threads = Math.min(availableParallelism(), stamps.length);
  const bytes = stamps.reduce((n, s) => n + s.size, 0);
  if (workerFile && threads > 1 && bytes >= (opts.parallelFrom ?? PARALLEL_MIN_BYTES)) {
    const { parseInWorkers } = await import('./parallel.js');
    left = await parseInWorkers(workerFile, stamps, opts.cacheDir, threads, (answer) => {
      const stamp = stamps[answer.id]!;
      const result =
        'error' in answer
          ? unreadable(stamp.file, Object.assign(new Error(answer.error), { code: answer.error }))
          : fromEntry(answer.entry, stamp);
      // An entry that does not read back would be a bug: parse that file here instead.
      if (result) parsed(answer.id, result);
      else unread.push(answer.id);
    });
    left.push(...unread);
  }
  if (left.length > 0) {
    const { parseFile } = await import('./parse-file.js');
    for (const at of left) {
      const stamp = stamps[at]!;
      try {
        parsed(at, (await parseFile(stamp, opts.cacheDir)).result);
      } catch (error) {
        parsed(at, unreadable(stamp.file, error));
      }
    }
  }
  return results as ParseResult[];
}

/**
 * The worker script shipped beside the bundle's cli.js, when this code is the bundle's; none
 * when it runs from the sources (the tests), which then name a worker they built themselves.
 */
function bundledWorker(): string | undefined {
  const dist = join(packageRoot(), 'dist');
  const file = join(dist, 'deck-worker.js');
  return fileURLToPath(import.meta.url).startsWith(dist) && existsSync(file) ? file : undefined;
}

function unreadable(file: string, error: unknown): ParseResult {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return {
    problems: [
      {
        file,
        line: 1,
        col: 1,
        severity: 'error',
        rule: 'unreadable',
        message: `cannot read deck (${code})`,
      },
    ],
  };
}
