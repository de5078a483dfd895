/**
 * Deck paths → decks and problems. Each file is read and parsed on its own (a broken file
 * never stops the others), through the parse cache when a cache folder is given; then deck ids
 * must be unique across files (a later duplicate is skipped, the first one kept).
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Deck, LoadResult, Problem } from '../core/card.js';
import { type FileStamp, readCached, writeCached } from './cache.js';
import { discoverDeckFiles } from './discover.js';
import { MAX_DECK_BYTES } from './limits.js';
import type { ParseResult } from './parse.js';

export type LoadOptions = {
  /** Folder for cached parse results; without it every file is parsed. */
  readonly cacheDir?: string;
};

/** Loads every deck under `paths` (files or folders). Never throws for a bad deck or path. */
export async function loadDecks(
  paths: readonly string[],
  opts: LoadOptions = {},
): Promise<LoadResult> {
  const discovered = await discoverDeckFiles(paths);
  const results = await Promise.all(discovered.files.map((f) => loadDeckFile(f, opts)));
  const decks: Deck[] = [];
  const problems: Problem[] = [...discovered.problems];
  const firstFile = new Map<string, string>();
  for (const [i, result] of results.entries()) {
    const file = discovered.files[i]!;
    problems.push(...result.problems);
    const deck = result.deck;
    if (!deck) continue;
    const first = firstFile.get(deck.id);
    if (first !== undefined) {
      const pos = result.idPos ?? { line: 1, col: 1 };
      problems.push({
        file,
        ...pos,
        severity: 'error',
        rule: 'duplicate-deck-id',
        message: `deck id \`${deck.id}\` is already used by ${first}; this deck is skipped (set a different \`id\`)`,
      });
      continue;
    }
    firstFile.set(deck.id, file);
    decks.push(deck);
  }
  return { decks, problems };
}

/** One deck file → its parse result, from the cache when the file has not changed. */
export async function loadDeckFile(file: string, opts: LoadOptions = {}): Promise<ParseResult> {
  const path = resolve(file);
  try {
    const before = await stat(path);
    // The parser (yaml + zod) loads only on a cache miss: most starts never need it.
    const parser = () => import('./parse.js');
    if (before.size > MAX_DECK_BYTES) return (await parser()).tooLarge(file, before.size);
    const stamp: FileStamp = { path, file, size: before.size, mtimeMs: before.mtimeMs };
    if (opts.cacheDir) {
      const cached = await readCached(opts.cacheDir, stamp);
      if (cached) return cached;
    }
    const result = (await parser()).parseDeck(await readFile(path), file);
    if (opts.cacheDir) {
      // Only cache what was read from the version stamped: a file saved meanwhile would
      // otherwise be cached under the old stamp's twin and look fresh.
      const after = await stat(path).catch(() => undefined);
      if (after && after.size === before.size && after.mtimeMs === before.mtimeMs) {
        await writeCached(opts.cacheDir, stamp, result);
      }
    }
    return result;
  } catch (error) {
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
}
