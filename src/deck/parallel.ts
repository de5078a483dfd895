/**
 * Deck files parsed on every core at once: a cold start (no deck cache: first run, a new
 * version, an import of many decks) is YAML parsing, and one thread does one file at a time.
 * Each worker (parse-worker.ts) takes the next file when it is done with one, the largest
 * first, so no core is left with the last big file alone; the calling thread can take files
 * from the same queue, which spares one worker's start and the warm-up of its parser.
 */
import { Worker } from 'node:worker_threads';
import type { FileStamp } from './cache.js';
import type { ParseAnswer, ParseJob } from './parse-worker.js';

/**
 * Files a worker holds at once: the one it parses and the next, so that it need not wait for
 * this thread, busy with a parse of its own, to hand it another.
 */
const AHEAD = 2;

/**
 * Parses the files of `stamps` in `workers` workers started from `workerFile`, calling `done`
 * with each answer as it comes, and with `here`, when given, on this thread too, one file at a
 * time from the same queue. Returns the indexes no one parsed (a worker that failed to start
 * or died): the caller parses those itself.
 */
export async function parseInWorkers(
  workerFile: string,
  stamps: readonly FileStamp[],
  cacheDir: string | undefined,
  workers: number,
  done: (answer: ParseAnswer) => void,
  here?: (at: number) => Promise<void>,
): Promise<number[]> {
  const order = stamps.map((_, i) => i).sort((a, b) => stamps[b]!.size - stamps[a]!.size);
  let next = 0;
  const left: number[] = [];
  const run = (worker: Worker) =>
    new Promise<void>((resolve) => {
      const held = new Set<number>();
      const give = () => {
        while (held.size < AHEAD && next < order.length) {
          const id = order[next++]!;
          held.add(id);
          worker.postMessage({ id, stamp: stamps[id]!, cacheDir } satisfies ParseJob);
        }
        if (held.size === 0) {
          void worker.terminate();
          resolve();
        }
      };
      const fail = () => {
        left.push(...held);
        held.clear();
        resolve();
      };
      worker.on('message', (answer: ParseAnswer) => {
        held.delete(answer.id);
        done(answer);
        give();
      });
      worker.on('error', fail);
      worker.on('exit', fail);
      give();
    });
  // The workers are handed their first files before this thread starts on its own.
  const running = Array.from({ length: workers }, () => run(new Worker(workerFile)));
  if (here) while (next < order.length) await here(order[next++]!);
  await Promise.all(running);
  // Every worker failed before the queue was empty: what none took is left too.
  left.push(...order.slice(next));
  return left;
}
