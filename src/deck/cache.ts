/**
 * Parsed decks cached as JSON: `yaml` takes ~700 ms on a 2 MB deck, `JSON.parse` ~20 ms.
 * An entry is used only when the file's absolute path, size and mtime and the cache format all
 * match; problems are cached with the deck. Cache trouble is never fatal: a failed read is a
 * miss, a failed write is ignored, and writes are atomic (`writeCacheFile`).
 *
 * Cards share what their note has once in memory (a pairs card's every right side, a cloze's
 * text, an aliased explanation); written out per card, a 66 kB pairs deck made a 3.9 MB entry
 * and a 22 kB cloze an 11.7 MB one. So each array or object met twice, and each long string
 * repeated, is written once in `shared` and referred to by its index, and reading restores
 * the sharing; every list and object is written as a list (`encodeShared`). An entry that would still be larger than `MAX_ENTRY_RATIO` times the file (plus
 * a little) is not written: the deck is then parsed on every start rather than cached huge.
 */
import { readFile } from 'node:fs/promises';
import { writeCacheFile } from '../fs/atomic-file.js';
import { deckCacheFile } from '../fs/paths.js';
import { sanitize } from '../text/sanitize.js';
import type { ParseResult } from './parse.js';

/** Bump whenever parse output changes (new rules, new fields, other keys): old entries miss. */
export const CACHE_FORMAT = 12;

/** What identifies one version of one deck file. */
export type FileStamp = {
  /** Absolute path. */
  readonly path: string;
  /** The path as shown in messages (cached results carry it). */
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
};

type Entry = FileStamp & {
  readonly format: number;
  readonly shared: readonly unknown[];
  readonly result: unknown;
};

/** An entry is written only up to this many times the deck file's size, plus `ENTRY_SLACK`. */
export const MAX_ENTRY_RATIO = 8;
/** What any entry may take whatever the file's size: the stamp, a small deck's own fields. */
export const ENTRY_SLACK = 64 * 1024;

/** Strings shorter than this are written where they occur: a reference would be as long. */
const SHARED_STRING_MIN = 16;

/** The cached parse of this exact file version, if any. */
export async function readCached(
  cacheDir: string,
  stamp: FileStamp,
): Promise<ParseResult | undefined> {
  try {
    const text = await readFile(deckCacheFile(cacheDir, stamp.path), 'utf8');
    return asWritten(text) ? fromEntry(text, stamp) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An entry's text → the parse result it holds, if it is of this exact file version. A deck
 * parsed in a worker comes back as this same text (load.ts), so it is read as a cache hit is.
 */
export function fromEntry(text: string, stamp: FileStamp): ParseResult | undefined {
  try {
    const entry = JSON.parse(text) as Partial<Entry>;
    const stamped =
      entry.format === CACHE_FORMAT &&
      entry.path === stamp.path &&
      entry.file === stamp.file &&
      entry.size === stamp.size &&
      entry.mtimeMs === stamp.mtimeMs &&
      Array.isArray(entry.shared);
    if (!stamped) return undefined;
    const result = decodeShared(entry.result, entry.shared as unknown[]) as Partial<ParseResult>;
    return result !== null && typeof result === 'object' && Array.isArray(result.problems)
      ? (result as ParseResult)
      : undefined;
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
 * Whether a cache file's text could have come from recall (the deck cache, the advice cache):
 * every string in it was sanitised, so a control or format character, raw or escaped, means
 * someone else wrote it. Checked on the text, once, before parsing: a tampered entry is a miss.
 */
export function asWritten(text: string): boolean {
  return sanitize(text) === text && !FOREIGN_ESCAPE.test(text);
}

/** A parse result as the entry text the cache stores for `stamp`. */
export function toEntry(stamp: FileStamp, result: ParseResult): string {
  const { shared, value } = encodeShared(result);
  return JSON.stringify({
    format: CACHE_FORMAT,
    ...stamp,
    shared,
    result: value,
  } satisfies Entry);
}

/** Stores an entry unless it is too large; any failure is swallowed (the cache is only an optimisation). */
export async function writeEntry(cacheDir: string, stamp: FileStamp, text: string): Promise<void> {
  if (text.length > MAX_ENTRY_RATIO * stamp.size + ENTRY_SLACK) return;
  await writeCacheFile(deckCacheFile(cacheDir, stamp.path), text);
}

/**
 * Every array or object is written as an array whose first element says what it is, so that
 * `JSON.parse` makes no object of the entry at all (an object per card and per position, each
 * with its own key lookups, were most of the read): `[PLAIN, ...items]` a list, `[REF, i]` the
 * value `shared[i]`, `[i, ...values]` (i ≥ 0) an object with the keys `shared[i]`, in that order,
 * and these values.
 */
const PLAIN = -1;
const REF = -2;

/**
 * `value` with every array or object that occurs more than once (the same one, not an equal
 * one) and every string of `SHARED_STRING_MIN` characters or more that occurs more than once
 * written once in `shared` and replaced by a reference; objects are written as their values
 * after a reference to their list of keys (cards share a handful of shapes, and their key names
 * were most of a small card's entry). An entry of `shared` only refers to earlier ones.
 */
export function encodeShared(value: unknown): { shared: unknown[]; value: unknown } {
  const seen = new Map<unknown, number>();
  const count = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.length >= SHARED_STRING_MIN) seen.set(v, (seen.get(v) ?? 0) + 1);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const n = (seen.get(v) ?? 0) + 1;
    seen.set(v, n);
    if (n > 1) return;
    if (Array.isArray(v)) for (const child of v) count(child);
    else for (const key of Object.keys(v)) count((v as Record<string, unknown>)[key]);
  };
  count(value);

  const shared: unknown[] = [];
  const index = new Map<unknown, number>();
  const shapes = new Map<string, number>();
  const share = (out: unknown): number => shared.push(out) - 1;
  const shapeOf = (keys: string[]): number => {
    const name = keys.join('\0');
    let at = shapes.get(name);
    if (at === undefined) {
      at = share([PLAIN, ...keys]);
      shapes.set(name, at);
    }
    return at;
  };
  const encodeObject = (v: Record<string, unknown>): unknown[] => {
    const keys = Object.keys(v);
    const values: unknown[] = [shapeOf(keys)];
    for (const key of keys) values.push(encode(v[key]));
    return values;
  };
  const encode = (v: unknown): unknown => {
    // A short string is never shared: no lookup (they are most of an entry's values).
    if (typeof v === 'string') {
      if (v.length < SHARED_STRING_MIN) return v;
    } else if (v === null || typeof v !== 'object') return v;
    const many = (seen.get(v) ?? 0) > 1;
    if (many) {
      const known = index.get(v);
      if (known !== undefined) return [REF, known];
    }
    let out: unknown = v;
    if (Array.isArray(v)) {
      const items: unknown[] = [PLAIN];
      for (const item of v) items.push(encode(item));
      out = items;
    } else if (typeof v === 'object') {
      out = encodeObject(v as Record<string, unknown>);
    }
    if (!many) return out;
    const at = share(out);
    index.set(v, at);
    return [REF, at];
  };
  return { value: encode(value), shared };
}

/** `encodeShared` undone; the references become one shared value again. Throws on a bad one. */
export function decodeShared(value: unknown, shared: readonly unknown[]): unknown {
  // `value` and `shared` are consumed: their lists are reused.
  const decoded: unknown[] = [];
  // Read on every start that hits the cache: plain loops, no intermediate arrays.
  const decode = (v: unknown, below: number): unknown => {
    if (!Array.isArray(v)) {
      if (v !== null && typeof v === 'object') throw new Error('bad cache value');
      return v;
    }
    const tag: unknown = v[0];
    if (tag === PLAIN) {
      // JSON.parse's own list, decoded in place after its tag is dropped.
      v.shift();
      for (let i = 0; i < v.length; i++) v[i] = decode(v[i], below);
      return v;
    }
    if (tag === REF) {
      if (v.length !== 2) throw new Error('bad cache reference');
      return earlier(v[1], below);
    }
    const keys = earlier(tag, below);
    if (!Array.isArray(keys) || keys.length !== v.length - 1) {
      throw new Error('bad cache shape');
    }
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (typeof key !== 'string') throw new Error('bad cache key');
      const child = decode(v[i + 1], below);
      // Assigning `__proto__` would set the prototype: define it, as the parser did.
      if (key === '__proto__') {
        Object.defineProperty(out, key, { value: child, enumerable: true, writable: true });
      } else out[key] = child;
    }
    return out;
  };
  const earlier = (i: unknown, below: number): unknown => {
    if (!Number.isInteger(i) || (i as number) < 0 || (i as number) >= below) {
      throw new Error(`bad cache reference ${String(i)}`);
    }
    return decoded[i as number];
  };
  for (let i = 0; i < shared.length; i++) decoded.push(decode(shared[i], i));
  return decode(value, shared.length);
}
