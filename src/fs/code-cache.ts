/**
 * Runs a CommonJS bundle (dist/screens.cjs) through a V8 code cache, so that a start of the TUI
 * deserialises the bundle's compiled functions instead of compiling them again.
 *
 * The cache file holds one header line, the key (a hash of the bundle's bytes, Node's version and
 * the architecture) and a hash of the payload, then the payload: V8's cached data. A file whose
 * key is another bundle's or Node's, whose payload does not match its hash, or that cannot be
 * read at all is a miss, never an error (V8 checks no checksum of its own outside debug builds,
 * so a damaged payload is caught here, before V8 sees it). V8 may still reject data it made
 * (`cachedDataRejected`: other flags): that too is a miss, and the file is rewritten.
 *
 * The cache is written by `save`, best effort (a read-only cache folder is only a miss each
 * time), after the first frame: V8's data then holds every function that ran to draw it.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { writeCacheFile } from './atomic-file.js';

export type CodeCacheState = 'hit' | 'miss' | 'rejected';

export type CachedBundle = {
  /** What the bundle put on `module.exports`. */
  readonly exports: unknown;
  readonly state: CodeCacheState;
  /** Writes the cache unless it was a hit; once per load, and never throws. */
  save(): Promise<void>;
};

const hash = (data: string | Uint8Array) =>
  createHash('sha256').update(data).digest('hex').slice(0, 32);

/** The key of the bundle `bytes` on this Node and machine: a cache made under another is a miss. */
export function codeCacheKey(bytes: Uint8Array): string {
  return createHash('sha256')
    .update(`${process.version}\0${process.arch}\0`)
    .update(bytes)
    .digest('hex')
    .slice(0, 32);
}

/** The cached data for `key` in `file`, or undefined when it is absent, another's or damaged. */
function readCache(file: string, key: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  const end = data.indexOf(10);
  if (end < 0) return undefined;
  const [fileKey, payloadHash] = data.subarray(0, end).toString('latin1').split(' ');
  if (fileKey !== key) return undefined;
  const payload = data.subarray(end + 1);
  return payload.length > 0 && hash(payload) === payloadHash ? payload : undefined;
}

/**
 * Loads the CommonJS bundle `file` as Node's own loader would (its `require` resolves from its
 * folder), with the code cache kept in `cacheFile`.
 */
export function loadWithCodeCache(file: string, cacheFile: string): CachedBundle {
  // Bytes, not text: hashing a string encodes it to UTF-8 again, and esbuild's output is ASCII,
  // which decodes as Latin-1 without UTF-8's validation (for 1.4 MB, ~10 against ~26 ms).
  const bytes = readFileSync(file);
  const key = codeCacheKey(bytes);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cachedData = readCache(cacheFile, key);
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: file, ...(cachedData ? { cachedData } : {}) },
  );
  const state: CodeCacheState = !cachedData
    ? 'miss'
    : script.cachedDataRejected
      ? 'rejected'
      : 'hit';
  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  let saved = false;
  return {
    exports: module.exports,
    state,
    async save() {
      if (saved || state === 'hit') return;
      saved = true;
      let payload: Buffer;
      try {
        payload = script.createCachedData();
      } catch {
        return;
      }
      const header = Buffer.from(`${key} ${hash(payload)}\n`, 'latin1');
      await writeCacheFile(cacheFile, Buffer.concat([header, payload]));
    },
  };
}
