/**
 * This build of recall, for the caches of what its rules decide (lint's view of a deck file,
 * the keys holding progress): the size and mtime of the bundle's `dist/cli.js`, which every
 * build writes anew. Not of the file holding this module: that is a chunk of the ESM bundle for
 * `recall lint` and the screens' CommonJS bundle for a study session, so the keys a session's end
 * wrote never matched lint's. From the sources (the tests), this module's own file.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from './package-root.js';

let build: Promise<string> | undefined;

/** The stamp, worked out once per process ('' when the file cannot be read: no cache then). */
export function buildStamp(): Promise<string> {
  build ??= stat(stampedFile()).then(
    (s) => `${s.size}:${s.mtimeMs}`,
    () => '',
  );
  return build;
}

function stampedFile(): string {
  const own = fileURLToPath(import.meta.url);
  const dist = join(packageRoot(), 'dist');
  return own.startsWith(dist) ? join(dist, 'cli.js') : own;
}
