/**
 * Which keys hold progress in the store, in the store's order, for `recall lint`'s
 * lost-progress checks (reattach.ts, gap-order.ts): all they read of it. Opening the store for
 * them (state.json's 26 MB parsed and checked, the log past it replayed, a state object per
 * card) was most of lint's time and memory at 100k cards; the keys are kept in the cache folder
 * (paths.ts `progressKeysFile`, docs/storage.md) with the lines the open printed.
 *
 * Only a cache: used when its stamp equals the one worked out now — the progress folder
 * (store/stamp.ts: each log's size and fingerprint, state.json's and device.json's size and
 * mtime, as the queue cache keys it), the host (which log is this device's), the config file's
 * bytes (a merged replay reschedules by its parameters) and the build of recall. Anything else,
 * a damaged file included, is a miss: the store is opened read-only, as before, and the keys
 * written anew. A study session's end writes them too (`writeProgressKeys`).
 */
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { configFileHash, configPath } from '../config/config.js';
import { asWritten } from '../deck/cache.js';
import { writeCacheFile } from '../fs/atomic-file.js';
import { buildStamp } from '../fs/build-stamp.js';
import { cacheDir, dataDir, progressKeysFile } from '../fs/paths.js';
import { progressStamp } from '../store/stamp.js';
import { isStrings } from '../text/is-strings.js';
import { openProgress } from './open.js';

/** Bump whenever the file's layout changes. */
const KEYS_FORMAT = 1;

type Entry = {
  readonly stamp: string;
  /** What opening the store printed on stderr, line by line. */
  readonly warnings: readonly string[];
  readonly keys: readonly string[];
};

/**
 * The keys holding progress in the store `env` names (a set in the store's order, for the
 * checks to change as a read-only open would), after printing on stderr what opening it prints.
 */
export async function progressKeys(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ held: Set<string>; dir: string }> {
  const dir = dataDir(env);
  const file = progressKeysFile(cacheDir(env), dir);
  const stamp = await stampNow(env, dir);
  const hit = stamp === undefined ? undefined : await readEntry(file, stamp);
  if (hit) {
    for (const line of hit.warnings) process.stderr.write(`${line}\n`);
    return { held: new Set(hit.keys), dir };
  }
  const warnings: string[] = [];
  const { store } = await openProgress(env, {
    readOnly: true,
    onWarning: (line) => {
      warnings.push(line);
      process.stderr.write(`${line}\n`);
    },
  });
  let keys: string[];
  try {
    keys = [...store.cards().keys()];
  } finally {
    await store.close();
  }
  // The stamp was taken before the open: a log that grew meanwhile makes the entry miss.
  if (stamp !== undefined) {
    await writeCacheFile(file, JSON.stringify({ stamp, warnings, keys } satisfies Entry));
  }
  return { held: new Set(keys), dir: store.dir };
}

/**
 * The keys of a store a session has just closed, written as a read-only open's would be: only
 * when the cards in memory are what the logs replay to and the open reported no store problem
 * (the queue cache's session end checks both, `queue-cache.ts`), so that `recall lint` after a
 * session of ratings reads them instead of opening the store.
 */
export async function writeProgressKeys(
  env: NodeJS.ProcessEnv,
  keys: Iterable<string>,
): Promise<void> {
  const dir = dataDir(env);
  const stamp = await stampNow(env, dir);
  if (stamp === undefined) return;
  const entry: Entry = { stamp, warnings: [], keys: [...keys] };
  await writeCacheFile(progressKeysFile(cacheDir(env), dir), JSON.stringify(entry));
}

async function readEntry(file: string, stamp: string): Promise<Entry | undefined> {
  try {
    const text = await readFile(file, 'utf8');
    if (!asWritten(text)) return undefined;
    const entry = JSON.parse(text) as Partial<Entry>;
    if (entry.stamp !== stamp || !isStrings(entry.keys) || !isStrings(entry.warnings)) {
      return undefined;
    }
    return entry as Entry;
  } catch {
    return undefined;
  }
}

/** Everything the keys and the open's lines are a function of; undefined when it cannot be told. */
async function stampNow(env: NodeJS.ProcessEnv, dir: string): Promise<string | undefined> {
  const code = await buildStamp();
  const config = configFileHash(env);
  const progress = progressStamp(dir);
  if (code === '' || config === undefined || progress === undefined) return undefined;
  return JSON.stringify({
    format: KEYS_FORMAT,
    code,
    host: hostname(),
    config: [configPath(env), config],
    progress,
  });
}
