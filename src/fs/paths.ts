/**
 * Where recall keeps its files, following the XDG base-directory spec. Pure: the environment and
 * the home directory are arguments, so tests never touch the real ones.
 */
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** Progress (review log + snapshot): `$RECALL_HOME`, else `$XDG_DATA_HOME/recall`, else `~/.local/share/recall`. */
export function dataDir(env: Env = process.env, home: string = homedir()): string {
  if (env.RECALL_HOME) return env.RECALL_HOME;
  return join(xdg(env.XDG_DATA_HOME) ?? join(home, '.local', 'share'), 'recall');
}

/** Config and the user's decks: `$XDG_CONFIG_HOME/recall`, else `~/.config/recall`. */
export function configDir(env: Env = process.env, home: string = homedir()): string {
  return join(xdg(env.XDG_CONFIG_HOME) ?? join(home, '.config'), 'recall');
}

/** Rebuildable caches (parsed decks): `$XDG_CACHE_HOME/recall`, else `~/.cache/recall`. */
export function cacheDir(env: Env = process.env, home: string = homedir()): string {
  return join(xdg(env.XDG_CACHE_HOME) ?? join(home, '.cache'), 'recall');
}

/** The stats history cache of the store in `dataDir`: one file per store, named by its path. */
export function historyCacheFile(cacheDir: string, dataDir: string): string {
  return join(cacheDir, 'history', `${pathName(dataDir)}.bin`);
}

/** The cloze gap order the store in `dataDir` last learned on (app/gap-order.ts), per store. */
export function gapOrderFile(cacheDir: string, dataDir: string): string {
  return join(cacheDir, 'gaps', `${pathName(dataDir)}.json`);
}

/** The keys holding progress in the store in `dataDir` (app/progress-keys.ts), per store. */
export function progressKeysFile(cacheDir: string, dataDir: string): string {
  return join(cacheDir, 'keys', `${pathName(dataDir)}.json`);
}

/** The queue cache (`recall status`) of the store in `dataDir`, named as its history cache. */
export function queueCacheFile(cacheDir: string, dataDir: string): string {
  return join(cacheDir, 'queue', `${pathName(dataDir)}.bin`);
}

/** A deck file's entry in the deck cache (deck/cache.ts): one per deck file, named by its path. */
export function deckCacheFile(cacheDir: string, deckPath: string): string {
  return join(cacheDir, 'decks', `${pathName(deckPath)}.json`);
}

/** What lint reads of a deck file (deck/lint-cache.ts): one per deck file, named by its path. */
export function lintCacheFile(cacheDir: string, deckPath: string): string {
  return join(cacheDir, 'lint', `${pathName(deckPath)}.json`);
}

/** The V8 code cache of the TUI's bundle (fs/code-cache.ts): one per installed bundle name. */
export function codeCacheFile(cacheDir: string, bundle: string): string {
  return join(cacheDir, 'code', `${bundle}.bin`);
}

/** A cache file's name for what lives at `path` (a progress folder, a deck file). */
const pathName = (path: string) =>
  createHash('sha256').update(resolve(path)).digest('hex').slice(0, 32);

/** The spec: an unset, empty or relative value is ignored. */
function xdg(value: string | undefined): string | undefined {
  return value && isAbsolute(value) ? value : undefined;
}
