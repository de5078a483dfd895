/**
 * One deck file that missed the cache → its parse result and the cache entry of it, written
 * when the file did not change while it was read. Used in process and by the parse workers,
 * so both give the same results; loaded only on a cache miss (it pulls in yaml and zod).
 */
import { readFile, stat } from 'node:fs/promises';
import { type FileStamp, toEntry, writeEntry } from './cache.js';
import { type ParseResult, parseDeck } from './parse.js';

/**
 * The entry is made when it is cached or `encode` asks for it (a worker sends it back). Throws
 * when the file cannot be read (load.ts reports it at file:1:1).
 */
export async function parseFile(
  stamp: FileStamp,
  cacheDir: string | undefined,
  encode = false,
): Promise<{ result: ParseResult; entry: string | undefined }> {
  const result = parseDeck(await readFile(stamp.path), stamp.file);
  if (cacheDir === undefined && !encode) return { result, entry: undefined };
  const entry = toEntry(stamp, result);
  if (cacheDir === undefined) return { result, entry };
  // Only cache what was read from the version stamped: a file saved meanwhile would otherwise
  // be cached under the old stamp's twin and look fresh.
  const after = await stat(stamp.path).catch(() => undefined);
  if (after && after.size === stamp.size && after.mtimeMs === stamp.mtimeMs) {
    await writeEntry(cacheDir, stamp, entry);
  }
  return { result, entry };
}
