/**
 * Parsed decks cached as JSON: `yaml` takes ~700 ms on a 2 MB deck, `JSON.parse` ~20 ms.
 * An entry is used only when the file's absolute path, size and mtime and the cache format all
 * match; problems are cached with the deck. Cache trouble is never fatal: a failed read is a
 * miss, a failed write is ignored, and writes are atomic (`writeCacheFile`).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeCacheFile } from '../fs/atomic-file.js';
import { sanitize } from '../text/sanitize.js';
import type { ParseResult } from './parse.js';

/** Bump whenever parse output changes (new rules, new fields, other keys): old entries miss. */
export const CACHE_FORMAT = 4;

/** What identifies one version of one deck file. */
export type FileStamp = {
  /** Absolute path. */
  readonly path: string;
  /** The path as shown in messages (cached results carry it). */
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
};

type Entry = FileStamp & { readonly format: number; readonly result: ParseResult };

/** The cache file for one deck file. */
export function cacheFileFor(cacheDir: string, absPath: string): string {
  const name = createHash('sha256').update(absPath).digest('hex').slice(0, 32);
  return join(cacheDir, 'decks', `${name}.json`);
}

/** The cached parse of this exact file version, if any. */
export async function readCached(
  cacheDir: string,
  stamp: FileStamp,
): Promise<ParseResult | undefined> {
  try {
    const text = await readFile(cacheFileFor(cacheDir, stamp.path), 'utf8');
    if (!asWritten(text)) return undefined;
    const entry = JSON.parse(text) as Partial<Entry>;
    const hit =
      entry.format === CACHE_FORMAT &&
      entry.path === stamp.path &&
      entry.file === stamp.file &&
      entry.size === stamp.size &&
      entry.mtimeMs === stamp.mtimeMs &&
      entry.result !== undefined &&
      Array.isArray(entry.result.problems);
    return hit ? entry.result : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Escapes JSON.stringify never writes for sanitised text: `\b \f \r \t` and `\u` but for a
 * lone surrogate (a C0 control would come out as `\u00XX`, and deck text has none; a file name
 * may, and such a file simply misses). An odd run of backslashes makes the last one an escape.
 */
const FOREIGN_ESCAPE = /(?<!\\)(?:\\\\)*\\(?:[bfrt]|u(?![dD][89a-fA-F]))/;

/**
 * Whether a cache file's text could have come from `writeCached`: the parser sanitised every
 * string in it, so a control or format character, raw or escaped, means someone else wrote it.
 * Checked on the text, once, before parsing: a tampered entry is a miss and the deck is parsed.
 */
function asWritten(text: string): boolean {
  return sanitize(text) === text && !FOREIGN_ESCAPE.test(text);
}

/** Stores a parse result; any failure is swallowed (the cache is only an optimisation). */
export async function writeCached(
  cacheDir: string,
  stamp: FileStamp,
  result: ParseResult,
): Promise<void> {
  const entry: Entry = { format: CACHE_FORMAT, ...stamp, result };
  await writeCacheFile(cacheFileFor(cacheDir, stamp.path), JSON.stringify(entry));
}
