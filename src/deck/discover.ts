/**
 * Deck paths as the user gave them → the deck files to read: a file is taken as is, a folder
 * is searched for `*.yaml` / `*.yml` (recursively, sorted, dot-folders skipped). Only regular
 * files are read (a FIFO would block the read, `/dev/zero` never end it), and whatever is
 * skipped is said, located: an unreadable folder, a dangling link, a FIFO or device.
 */
import type { Dirent, Stats } from 'node:fs';
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
    if (!info.isDirectory() && !info.isFile()) {
      problems.push(located(path, 'error', `not a regular file (${kindOf(info)}): not read`));
      continue;
    }
    const found = info.isDirectory() ? await deckFilesIn(path, problems) : [path];
    for (const file of found) {
      const key = resolve(file);
      if (seen.has(key)) continue;
      seen.add(key);
      files.push(file);
    }
  }
  return { files, problems };
}

function located(file: string, severity: Problem['severity'], message: string): Problem {
  return { file, line: 1, col: 1, severity, rule: 'not-read', message };
}

function kindOf(info: Dirent | Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a file or folder';
}

const reason = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file or folder' : (code ?? String(error));
};

/** Deck files under `root`; what looks like a deck or folder and cannot be read goes to `problems`. */
async function deckFilesIn(root: string, problems: Problem[]): Promise<string[]> {
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
    } catch (error) {
      problems.push(located(dir, 'warning', `skipped: cannot read the folder (${reason(error)})`));
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      const deckName = DECK_FILE.test(entry.name);
      let info: Dirent | Stats = entry;
      if (entry.isSymbolicLink()) {
        try {
          info = await stat(path);
        } catch (error) {
          if (deckName) {
            problems.push(
              located(path, 'warning', `skipped: a link to nothing (${reason(error)})`),
            );
          }
          continue;
        }
      }
      if (info.isDirectory()) await walk(path);
      else if (!deckName) continue;
      else if (info.isFile()) out.push(path);
      else {
        problems.push(located(path, 'warning', `skipped: not a regular file (${kindOf(info)})`));
      }
    }
  };
  await walk(root);
  // Sorted by path below the root, byte-wise: the same order on every machine and locale.
  return out
    .map((p) => [relative(root, p).split(/[\\/]/).join('/'), p] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, p]) => p);
}
