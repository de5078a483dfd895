/**
 * Writing an import safely: every file goes into a temporary folder inside the destination
 * first, and only once all of them are written (and synced) is each renamed into place, so a
 * failure or a kill leaves either the old files or the new ones, never half a deck. Existing
 * files are checked before anything is written (plan.ts): nothing the user wrote is replaced.
 */
import {
  closeSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { makeDirs } from '../fs/make-dirs.js';

export type StagedFile = {
  /** Absolute destination. */
  readonly path: string;
  readonly bytes: () => Uint8Array | string;
};

/** Writes `files` under `root` through a staging folder; returns the paths written. */
export function stageAndRename(root: string, files: readonly StagedFile[]): string[] {
  if (files.length === 0) return [];
  makeDirs(root);
  const stage = mkdtempSync(join(root, '.recall-import-'));
  try {
    const staged = files.map((f, i) => {
      const tmp = join(stage, String(i));
      const fd = openSync(tmp, 'wx');
      try {
        const data = f.bytes();
        writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return { tmp, path: f.path };
    });
    for (const { tmp, path } of staged) {
      makeDirs(dirname(path));
      renameSync(tmp, path);
    }
    return staged.map((s) => relative(root, s.path));
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
