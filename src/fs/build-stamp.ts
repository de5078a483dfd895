/**
 * This build of recall, for the caches of what its rules decide (lint's view of a deck file,
 * the keys holding progress): the size and mtime of the code file holding this module. A new
 * version or a rebuild rewrites it, and the rules may have changed with it.
 */
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

let build: Promise<string> | undefined;

/** The stamp, worked out once per process ('' when the file cannot be read: no cache then). */
export function buildStamp(): Promise<string> {
  build ??= stat(fileURLToPath(import.meta.url)).then(
    (s) => `${s.size}:${s.mtimeMs}`,
    () => '',
  );
  return build;
}
