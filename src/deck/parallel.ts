/**
 * Deck files parsed on every core at once: a cold start (no deck cache: first run, a new
 * version, an import of many decks) is YAML parsing, and one thread does one file at a time.
 * Each worker (parse-worker.ts) takes the next file when it is done with one, the largest
 * first, so no core is left with the last big file alone.
 */
import { Worker } from 'node:worker_threads';
import type { FileStamp } from './cache.js';
import type { ParseAnswer, ParseJob } from './parse-worker.js';

/**
 * Parses the files of `stamps` in `threads` workers started from `workerFile`, calling `done`
 * with each answer as it comes. Returns the indexes no worker answered (a worker that failed
 * to start or died): the caller parses those itself.
 */
export async function parseInWorkers(
  workerFile: string,
  stamps: readonly FileStamp[],
  cacheDir: string | undefined,
  threads: number,
  done: (answer: ParseAnswer) => void,
): Promise<number[]> {
  const order = stamps.map((_, i) => i).sort((a, b) => stamps[b]!.size - stamps[a]!.size);
  let next = 0;
  const left: number[] = [];
  const run = (worker: Worker) =>
    new Promise<void>((resolve) => {
      let current: number | undefined;
      const give = () => {
        if (next >= order.length) {
          current = undefined;
          void worker.terminate();
          resolve();
          return;
        }
        current = order[next++]!;
        worker.postMessage({ id: current, stamp: stamps[current]!, cacheDir } satisfies ParseJob);
      };
      const fail = () => {
        if (current !== undefined) left.push(current);
        current = undefined;
        resolve();
      };
      worker.on('message', (answer: ParseAnswer) => {
        done(answer);
        give();
      });
      worker.on('error', fail);
      worker.on('exit', fail);
      give();
    });
  await Promise.all(Array.from({ length: threads }, () => run(new Worker(workerFile))));
  // Every worker failed before the queue was empty: what none took is left too.
  left.push(...order.slice(next));
  return left;
}
