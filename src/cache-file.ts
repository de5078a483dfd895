/**
 * Writing a cache file (parsed decks, the stats history): atomic, so a reader sees the old file or
 * the new one, never half; and best effort, since a cache is only an optimisation, so any failure
 * is swallowed and the next run simply misses.
 */
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeDirs } from './make-dirs.js';

/** A temp file this old was left by a write that never finished (killed mid-write). */
const ORPHAN_MS = 60 * 60_000;

export async function writeCacheFile(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    makeDirs(dirname(file));
    await removeOrphans(dirname(file), Date.now());
    await writeFile(temp, data);
    await rename(temp, file);
  } catch {
    await rm(temp, { force: true }).catch(() => {});
  }
}

/** Removes temp files that interrupted writes left behind (the stats history's are ~50 MB). */
async function removeOrphans(dir: string, now: number): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.tmp')) continue;
    const path = join(dir, name);
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: now }));
    if (now - mtimeMs > ORPHAN_MS) await rm(path, { force: true });
  }
}
