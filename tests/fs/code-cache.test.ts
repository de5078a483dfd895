import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeCacheKey, loadWithCodeCache } from '../../src/fs/code-cache.js';

const root = mkdtempSync(join(tmpdir(), 'recall-code-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/**
 * A CommonJS bundle that requires a built-in and a file beside it, and its cache's place. Each
 * text is new: V8 would take a script this process compiled before from its memory instead.
 */
function bundle(
  body = 'module.exports = { sep: require("node:path").sep, n: require("./two.cjs") + 1 };',
) {
  const dir = join(root, String(n++));
  mkdirSync(dir);
  writeFileSync(join(dir, 'two.cjs'), 'module.exports = 41;');
  const file = join(dir, 'bundle.cjs');
  writeFileSync(
    file,
    `${body}\n// bundle ${n}\nfunction later() { return [1, 2, 3].map((x) => x * 2); }\nlater();`,
  );
  return { file, cache: join(dir, 'cache', 'code', 'bundle.bin') };
}

const exportsOf = (file: string, cache: string) => loadWithCodeCache(file, cache).exports;

describe('loadWithCodeCache', () => {
  it('runs the bundle as a CommonJS module on a miss, and writes the cache when asked', async () => {
    const { file, cache } = bundle();
    const loaded = loadWithCodeCache(file, cache);
    expect(loaded.state).toBe('miss');
    expect(loaded.exports).toEqual({ sep: '/', n: 42 });
    expect(existsSync(cache)).toBe(false);
    await loaded.save();
    expect(existsSync(cache)).toBe(true);
  });

  it('uses the cache it wrote: a hit, which it does not write again', async () => {
    const { file, cache } = bundle();
    await loadWithCodeCache(file, cache).save();
    const written = readFileSync(cache);
    const loaded = loadWithCodeCache(file, cache);
    expect(loaded.state).toBe('hit');
    expect(loaded.exports).toEqual({ sep: '/', n: 42 });
    writeFileSync(cache, written); // same bytes, new mtime: a write would replace the file
    await loaded.save();
    expect(readFileSync(cache)).toEqual(written);
  });

  it('runs a bundle that is not ASCII as UTF-8, from its cache too', async () => {
    const { file, cache } = bundle('module.exports = "naïve — ✓";');
    expect(exportsOf(file, cache)).toBe('naïve — ✓');
    await loadWithCodeCache(file, cache).save();
    const loaded = loadWithCodeCache(file, cache);
    expect(loaded.state).toBe('hit');
    expect(loaded.exports).toBe('naïve — ✓');
  });

  it('is a miss when the bundle changed: the key is its bytes', async () => {
    const { file, cache } = bundle();
    await loadWithCodeCache(file, cache).save();
    writeFileSync(file, 'module.exports = "new";');
    const loaded = loadWithCodeCache(file, cache);
    expect(loaded.state).toBe('miss');
    expect(loaded.exports).toBe('new');
    await loaded.save();
    expect(loadWithCodeCache(file, cache).state).toBe('hit');
  });

  it('rewrites data V8 rejects', async () => {
    const { file, cache } = bundle();
    const other = bundle('module.exports = "another script";');
    await loadWithCodeCache(other.file, other.cache).save();
    // Another script's data under this bundle's key, with a matching payload hash.
    const otherData = readFileSync(other.cache);
    const payload = otherData.subarray(otherData.indexOf(10) + 1);
    const hash = createHash('sha256').update(payload).digest('hex').slice(0, 32);
    const key = codeCacheKey(readFileSync(file));
    mkdirSync(dirname(cache), { recursive: true });
    writeFileSync(cache, Buffer.concat([Buffer.from(`${key} ${hash}\n`), payload]));
    const loaded = loadWithCodeCache(file, cache);
    expect(loaded.state).toBe('rejected');
    expect(loaded.exports).toEqual({ sep: '/', n: 42 });
    await loaded.save();
    expect(loadWithCodeCache(file, cache).state).toBe('hit');
  });

  it('takes a damaged, truncated or foreign cache file for a miss, never an error', async () => {
    const { file, cache } = bundle();
    await loadWithCodeCache(file, cache).save();
    const good = readFileSync(cache);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 10]! ^= 0xff;
    const damaged = [
      flipped,
      good.subarray(0, good.length - 100),
      good.subarray(0, good.indexOf(10)),
      Buffer.from('not a cache'),
      Buffer.alloc(0),
      Buffer.from(`x${good.toString('latin1')}`, 'latin1'),
    ];
    for (const bytes of damaged) {
      writeFileSync(cache, bytes);
      const loaded = loadWithCodeCache(file, cache);
      expect(loaded.state).toBe('miss');
      expect(loaded.exports).toEqual({ sep: '/', n: 42 });
    }
    rmSync(cache);
    mkdirSync(cache); // a folder where the file should be: unreadable
    expect(exportsOf(file, cache)).toEqual({ sep: '/', n: 42 });
  });

  it('runs from a cache folder it cannot write to, a miss each time', async () => {
    const { file } = bundle();
    // A file where the folder should be: no write can succeed, even as root.
    const blocked = join(root, `blocked-${n++}`);
    writeFileSync(blocked, '');
    const cache = join(blocked, 'code', 'bundle.bin');
    const loaded = loadWithCodeCache(file, cache);
    await expect(loaded.save()).resolves.toBeUndefined();
    expect(loadWithCodeCache(file, cache).state).toBe('miss');
  });
});
