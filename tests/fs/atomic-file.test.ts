import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { writeCacheFile, writeFileAtomic } from '../../src/fs/atomic-file.js';

const root = mkdtempSync(join(tmpdir(), 'recall-atomic-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

let n = 0;
const folder = () => {
  const dir = join(root, String(n++));
  mkdirSync(dir);
  return dir;
};

/** Counts fsyncs: the file handle's class is not exported, so it is reached through a handle. */
async function countSyncs(): Promise<() => number> {
  const probe = await open(join(root, 'probe'), 'w');
  const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
  await probe.close();
  const spy = vi.spyOn(proto, 'sync');
  return () => spy.mock.calls.length;
}

describe('writeFileAtomic', () => {
  it('replaces the file and leaves nothing else in the folder', async () => {
    const dir = folder();
    const file = join(dir, 'state.json');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new');
    await writeFileAtomic(file, new TextEncoder().encode('newer'));
    expect(readFileSync(file, 'utf8')).toBe('newer');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('flushes the file and its folder, unless told the file is a cache', async () => {
    const syncs = await countSyncs();
    const dir = folder();
    await writeFileAtomic(join(dir, 'state.json'), '{}');
    expect(syncs()).toBe(2);
    await writeFileAtomic(join(dir, 'cache.json'), '{}', { durable: false });
    await writeCacheFile(join(dir, 'more.json'), '{}');
    expect(syncs()).toBe(2);
  });

  it('gives the file exactly the mode asked for, whatever the umask', async () => {
    const file = join(folder(), 'deck.yaml');
    await writeFileAtomic(file, 'name: x\n', { mode: 0o664 });
    expect(statSync(file).mode & 0o7777).toBe(0o664);
    await writeFileAtomic(file, 'name: y\n', { mode: 0o600 });
    expect(statSync(file).mode & 0o7777).toBe(0o600);
  });

  it('throws when it cannot replace the file, leaving the old one and no temp file', async () => {
    const dir = folder();
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'x');
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    await expect(writeFileAtomic(join(dir, 'missing', 'f'), 'data')).rejects.toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
  });

  it('removes its own temp files that a killed write left an hour ago, and nothing else', async () => {
    const dir = folder();
    const file = join(dir, 'deck.yaml');
    const stale = '.deck.yaml.0123456789ab.tmp';
    const fresh = '.deck.yaml.456789abcdef.tmp';
    const others = ['.other.yaml.0123456789ab.tmp', 'notes.tmp', '.deck.yaml.backup.tmp'];
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    for (const name of [stale, fresh, ...others]) {
      writeFileSync(join(dir, name), 'x');
      if (name !== fresh) utimesSync(join(dir, name), twoHoursAgo, twoHoursAgo);
    }
    await writeFileAtomic(file, 'name: x\n');
    expect(readdirSync(dir).sort()).toEqual([...others, fresh, 'deck.yaml'].sort());
  });
});

describe('writeCacheFile', () => {
  it('makes the folders it needs', async () => {
    const file = join(folder(), 'cache', 'decks', 'a.json');
    await writeCacheFile(file, '{"a":1}');
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}');
  });

  it('swallows failures: a cache that cannot be written is a miss next time', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'file'), 'x');
    await expect(writeCacheFile(join(dir, 'file', 'a.json'), '{}')).resolves.toBeUndefined();
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
