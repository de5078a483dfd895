/**
 * Lint's advice on each deck file, kept beside the deck cache: the advice is a pure function of
 * the parsed deck (advice.ts) and took 1.65 s of lint's 2.9 s on 100k unchanged cards, computed
 * again on every run. An entry is used only for the exact deck file version its deck came from
 * (path, size, mtime, as the deck cache checks them) and the exact build of recall that wrote
 * it (the size and mtime of the code file holding this module: a new version or a rebuild
 * rewrites it, and the advice rules may have changed with it). Trouble is a miss, never an
 * error; a tampered entry (a control character, raw or escaped) is a miss too.
 */
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Deck, DeckFileVersion, Problem } from '../core/card.js';
import { writeCacheFile } from '../fs/atomic-file.js';
import { adviceCacheFile } from '../fs/paths.js';
import { adviseDeck } from './advice.js';
import { asWritten, CACHE_FORMAT } from './cache.js';

/** Bump whenever an entry's layout changes. */
const ADVICE_FORMAT = 1;

type Entry = {
  readonly format: number;
  readonly deckFormat: number;
  readonly code: string;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly advice: readonly Problem[];
};

let build: Promise<string> | undefined;
/** This build of recall: the code file's size and mtime ('' when it cannot be read). */
function buildStamp(): Promise<string> {
  build ??= stat(fileURLToPath(import.meta.url)).then(
    (s) => `${s.size}:${s.mtimeMs}`,
    () => '',
  );
  return build;
}

/**
 * `adviseDeck(deck)`, read from the cache when this file version's advice is there, else worked
 * out and stored. Without the file's version (a deck not read from a file) it is worked out.
 */
export async function cachedAdvice(
  deck: Deck,
  version: DeckFileVersion | undefined,
  cacheDir: string,
): Promise<Problem[]> {
  const code = await buildStamp();
  if (!version || code === '') return adviseDeck(deck);
  const file = adviceCacheFile(cacheDir, version.path);
  const key = {
    format: ADVICE_FORMAT,
    deckFormat: CACHE_FORMAT,
    code,
    path: version.path,
    size: version.size,
    mtimeMs: version.mtimeMs,
  };
  try {
    const text = await readFile(file, 'utf8');
    if (asWritten(text)) {
      const entry = JSON.parse(text) as Partial<Entry>;
      const same = (Object.keys(key) as (keyof typeof key)[]).every((k) => entry[k] === key[k]);
      if (same && Array.isArray(entry.advice)) return entry.advice as Problem[];
    }
  } catch {
    // No entry, or not one of ours: worked out below.
  }
  const advice = adviseDeck(deck);
  await writeCacheFile(file, JSON.stringify({ ...key, advice } satisfies Entry));
  return advice;
}
