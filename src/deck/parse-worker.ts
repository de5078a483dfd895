/**
 * A worker thread parsing deck files for load.ts (`dist/deck-worker.js` in the bundle). Each
 * message is one file; the answer is the cache entry's text (written to the cache too), which
 * the main thread reads as it reads a cache hit, or the error code of a file it could not read.
 */
import { parentPort } from 'node:worker_threads';
import type { FileStamp } from './cache.js';
import { parseFile } from './parse-file.js';

export type ParseJob = {
  readonly id: number;
  readonly stamp: FileStamp;
  readonly cacheDir: string | undefined;
};
export type ParseAnswer =
  | { readonly id: number; readonly entry: string }
  | { readonly id: number; readonly error: string };

parentPort?.on('message', async ({ id, stamp, cacheDir }: ParseJob) => {
  let answer: ParseAnswer;
  try {
    const { entry } = await parseFile(stamp, cacheDir, true);
    answer = { id, entry: entry! };
  } catch (error) {
    answer = { id, error: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  parentPort?.postMessage(answer);
});
