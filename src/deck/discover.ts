/**
 * Deck paths as the user gave them → the deck files to read: a file is taken as is, a folder
 * is searched for `*.yaml` / `*.yml` (recursively, sorted, dot-folders skipped).
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Problem } from '../core/card.js';

export type Discovered = {
  /** Deck files, as paths to show (the given path joined with what was found under it). */
  readonly files: readonly string[];
  readonly problems: readonly Problem[];
};

const DECK_FILE = /\.ya?ml$/i;

/** The deck files under `paths`, each once, in the order given (folders sorted inside). */
export async function discoverDeckFiles(paths: readonly string[]): Promise<Discovered> {
  const files: string[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message =
        code === 'ENOENT' ? 'no such file or folder' : `cannot open (${code ?? error})`;
      problems.push({
        file: path,
        line: 1,
        col: 1,
        severity: 'error',
        rule: 'missing-path',
        message,
      });
      continue;
    }
    const found = info.isDirectory() ? await deckFilesIn(path) : [path];
    for (const file of found) {
      const key = resolve(file);
      if (seen.has(key)) continue;
      seen.add(key);
      files.push(file);
    }
  }
  return { files, problems };
}

async function deckFilesIn(root: string): Promise<string[]> {
  const out: string[] = [];
  const visited = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    // Symlinked folders are followed, once each (a link to a parent must not loop).
    const real = await realpath(dir).catch(() => dir);
    if (visited.has(real)) return;
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(path).catch(() => undefined);
        isDir = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDir) await walk(path);
      else if (isFile && DECK_FILE.test(entry.name)) out.push(path);
    }
  };
  await walk(root);
  // Sorted by path below the root, byte-wise: the same order on every machine and locale.
  return out
    .map((p) => [relative(root, p).split(/[\\/]/).join('/'), p] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, p]) => p);
}
