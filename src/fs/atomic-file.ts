/**
 * Replacing a whole file so that a reader, a crash or a power cut finds the old file or the new
 * one, never half of each: the data goes to a temp file in the same folder (a rename is atomic
 * only within one file system), which is renamed over the target. A rename alone is not enough
 * after a power cut: some file systems (ext4 with delayed allocation, XFS) may commit the rename
 * before the data and leave an empty file, so a durable write flushes the temp file before the
 * rename and the folder after it.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { makeDirs } from './make-dirs.js';

export type AtomicWriteOptions = {
  /** Permission bits of the new file (default: 0o666 less the umask). */
  readonly mode?: number;
  /**
   * Flush to disk before and after the rename (default). Caches pass false: they are checked
   * when read, so a file a power cut emptied is a miss, and flushing a 50 MB stats history
   * would cost every run that rewrites it.
   */
  readonly durable?: boolean;
};

/** A temp file this old was left by a write that never finished (killed mid-write). */
const ORPHAN_MS = 60 * 60_000;

/** Writes `data` to `file` atomically (see above); throws what the file system throws. */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  { mode, durable = true }: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(file);
  // A name of its own per write, so two processes replacing the same file never share one.
  const temp = join(dir, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  await removeOrphans(dir, basename(file), Date.now());
  try {
    const handle = await open(temp, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(data);
      // open's mode is masked by the umask; an explicit mode is meant exactly.
      if (mode !== undefined) await handle.chmod(mode);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  if (durable) await syncDir(dir);
}

/**
 * A cache file (parsed decks, the stats history): written atomically and best effort, since a
 * cache is only an optimisation: any failure is swallowed and the next run simply misses.
 */
export async function writeCacheFile(file: string, data: string | Uint8Array): Promise<void> {
  try {
    makeDirs(dirname(file));
    await writeFileAtomic(file, data, { durable: false });
  } catch {
    // The next read misses and parses again.
  }
}

/** Makes the rename itself durable: the folder's entry is what points at the new file. */
async function syncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Windows cannot open a folder as a file, and some file systems refuse to sync one.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') {
      throw error;
    }
  } finally {
    await handle?.close();
  }
}

/**
 * Removes temp files of `name` that interrupted writes left behind (the stats history's are
 * ~50 MB); only names this writer makes, so a user's own `.tmp` files beside a deck are safe.
 */
async function removeOrphans(dir: string, name: string, now: number): Promise<void> {
  const prefix = `.${name}.`;
  const ours = (entry: string) =>
    entry.startsWith(prefix) && /^[0-9a-f]{12}\.tmp$/.test(entry.slice(prefix.length));
  for (const entry of await readdir(dir).catch(() => [])) {
    if (!ours(entry)) continue;
    const path = join(dir, entry);
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: now }));
    if (now - mtimeMs > ORPHAN_MS) await rm(path, { force: true }).catch(() => {});
  }
}
