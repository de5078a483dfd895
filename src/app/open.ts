/** Opens what a command works on: config, decks (from paths or the defaults), progress store. */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { clockFromEnv } from '../clock.js';
import { unknownDeckIds } from '../config/check.js';
import { type Config, loadConfig } from '../config/config.js';
import type { Deck, KeyedDeck, Problem } from '../core/card.js';
import { loadDecks } from '../deck/load.js';
import { UserError } from '../errors.js';
import { packageRoot } from '../fs/package-root.js';
import { cacheDir, dataDir, gapOrderFile, historyCacheFile } from '../fs/paths.js';
import { DEVICE_FILE, deviceOf, knownDevice } from '../store/device.js';
import { ProgressStore, unusable } from '../store/progress.js';
import { counted } from '../text/plural.js';
import { visible } from '../text/sanitize.js';
import { Collection, formatProblem, formatStoreProblem } from './collection.js';
import { checkGapOrder, reorderedGapsText } from './gap-order.js';
import { parseProgress } from './progress-line.js';
import { type HeldKeys, lostProgress, lostProgressText, reattachFormerKeys } from './reattach.js';
import { Schedules } from './schedules.js';

/** This machine's device id, made on first use; a folder that cannot be written is one line. */
async function openDevice(dir: string, now: number) {
  try {
    return await deviceOf(dir, { hostname: hostname(), now });
  } catch (e) {
    throw unusable(e, dir);
  }
}

export type Opened = {
  readonly collection: Collection;
  /** Deck and store problems, one located line each, to show once. */
  readonly problems: readonly string[];
  /** config.yaml's warnings (`recall doctor` lists them; home says them in one line). */
  readonly configWarnings: readonly Problem[];
  /**
   * What a printing command shows of them on stderr (it may run in a shell prompt): each error
   * and store problem, and the deck warnings only as a count (`recall lint` lists them).
   */
  readonly brief: readonly string[];
  /** The store's problems alone, as `problems` has them. */
  readonly stored: readonly string[];
  /**
   * Progress no card matches any more, with the `doctor --move` to run: the study screens show
   * it first. Worked out when asked, so the commands that never show it do not pay for it.
   */
  readonly lost: () => Promise<readonly string[]>;
};

/** The `decks/` folder shipped with the package. */
export function shippedDecksDir(): string {
  return join(packageRoot(), 'decks');
}

/** The paths given, or else the shipped decks and the user's deck folders that exist. */
export function deckPaths(
  paths: readonly string[],
  config: Pick<Config, 'deckDirs'>,
): readonly string[] {
  if (paths.length > 0) return paths;
  return [shippedDecksDir(), ...config.deckDirs.filter((d) => existsSync(d))];
}

/**
 * A path that was given and is not there is a mistake in the command, not a deck problem: every
 * command stops on it the same way (`recall: PATH: no such file or folder`, exit 1).
 */
export function refuseMissing(problems: readonly Problem[]): void {
  const missing = problems.find((p) => p.rule === 'missing-path');
  if (missing) throw new UserError(`${missing.file}: ${missing.message}`);
}

/**
 * `readOnly`, for the commands that only print (status, stats, export): the progress folder is
 * only read, so they work on a read-only folder or file system and never write a snapshot.
 */
export async function openCollection(
  paths: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  { readOnly = false }: { readonly readOnly?: boolean } = {},
): Promise<Opened> {
  const config = await loadConfig(env);
  const dir = dataDir(env);
  const now = clockFromEnv(env)();
  const device = readOnly
    ? { id: knownDevice(dir, hostname()), notice: null }
    : await openDevice(dir, now);
  const progress = parseProgress();
  const loading = loadDecks(deckPaths(paths, config), {
    cacheDir: cacheDir(env),
    onParsed: progress.onParsed,
  }).finally(progress.end);
  const schedules = loading.then(({ decks }) => new Schedules(decks, config));
  const [{ decks, problems }, { store, problems: storeProblems }] = await Promise.all([
    loading,
    ProgressStore.open(dir, {
      historyCache: historyCacheFile(cacheDir(env), dir),
      readOnly,
      ...(device.id === undefined ? {} : { device: device.id }),
      reschedule: async () => (await schedules).reschedule(),
      replayKey: async () => (await schedules).replayKey(),
      onWarning: (p) => process.stderr.write(`${formatStoreProblem(p)}\n`),
    }),
  ]);
  if (device.notice)
    storeProblems.unshift({ file: join(dir, DEVICE_FILE), message: device.notice });
  try {
    refuseMissing(problems);
    reattachFormerKeys(decks, store, readOnly, now);
  } catch (error) {
    await store.close();
    throw error;
  }
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  const errors = problems.filter((p) => p.severity === 'error').map(formatProblem);
  const stored = storeProblems.map(formatStoreProblem);
  const lost = () => lostWarning(decks, store, paths, env);
  const configured = configWarnings(config, { decks, problems }, paths);
  return {
    collection: new Collection(decks, store, config, await schedules),
    problems: [...problems.map(formatProblem), ...stored],
    configWarnings: configured,
    stored,
    lost,
    brief: [
      ...errors,
      ...stored,
      ...oneConfigLine(configured),
      ...(warnings > 0 ? [`${counted(warnings, 'deck warning')}: run recall lint`] : []),
    ],
  };
}

/**
 * The progress store and the configured scheduling alone, without decks: for `recall import`,
 * which writes decks and the history of their cards.
 */
export async function openProgress(
  env: NodeJS.ProcessEnv = process.env,
  {
    readOnly = false,
    onWarning = (line) => process.stderr.write(`${line}\n`),
  }: {
    readonly readOnly?: boolean;
    /** Told each store problem as the open finds it (default: printed on stderr). */
    readonly onWarning?: (line: string) => void;
  } = {},
): Promise<{
  store: ProgressStore;
  schedules: Schedules;
  problems: readonly string[];
  /** When a study day starts (config.yaml's `day_starts_at`). */
  dayStartsAt: number;
}> {
  const config = await loadConfig(env);
  const dir = dataDir(env);
  const device = readOnly
    ? { id: knownDevice(dir, hostname()) }
    : await openDevice(dir, clockFromEnv(env)());
  const schedules = new Schedules([], config);
  const { store, problems } = await ProgressStore.open(dir, {
    historyCache: historyCacheFile(cacheDir(env), dir),
    readOnly,
    ...(device.id === undefined ? {} : { device: device.id }),
    reschedule: async () => schedules.reschedule(),
    replayKey: async () => schedules.replayKey(),
    onWarning: (p) => onWarning(formatStoreProblem(p)),
  });
  return {
    store,
    schedules,
    problems: problems.map(formatStoreProblem),
    dayStartsAt: config.dayStartsAt,
  };
}

/**
 * The decks under `paths` read again (through the deck cache: only changed files are parsed),
 * on the same store and config: a deck edited while recall is open. Null when nothing changed.
 */
export async function reloadDecks(
  collection: Collection,
  paths: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ collection: Collection; problems: readonly string[] } | null> {
  const { config, store } = collection;
  const { decks, problems } = await loadDecks(deckPaths(paths, config), {
    cacheDir: cacheDir(env),
  });
  if (JSON.stringify(decks) === JSON.stringify(collection.decks)) return null;
  reattachFormerKeys(decks, store, false, clockFromEnv(env)());
  return {
    collection: new Collection(decks, store, config, new Schedules(decks, config)),
    problems: [
      ...(await lostWarning(decks, store, paths, env)),
      ...oneConfigLine(configWarnings(config, { decks, problems }, paths)),
      ...problems.map(formatProblem),
    ],
  };
}

/**
 * config.yaml's warnings: unknown keys and missing deck folders, and, when every deck was read
 * (no paths, and no deck file left unread by an error), `decks.<id>:` settings no deck has.
 */
export function configWarnings(
  config: Config,
  {
    decks,
    problems,
  }: {
    readonly decks: readonly Pick<Deck, 'id' | 'file'>[];
    readonly problems: readonly Problem[];
  },
  paths: readonly string[],
): Problem[] {
  const read = new Set(decks.map((d) => d.file));
  const unread = problems.some((p) => p.severity === 'error' && !read.has(p.file));
  if (paths.length > 0 || unread) return [...config.warnings];
  return [
    ...config.warnings,
    ...unknownDeckIds(
      config,
      decks.map((d) => d.id),
    ),
  ].sort((a, b) => a.line - b.line || a.col - b.col);
}

/**
 * config.yaml's warnings as home and the printing commands show them: one line, the warning
 * itself when it is the only one, else how many (`recall lint` and `recall doctor` list them;
 * `advice: false` where the line sits under "run recall lint" already, as on home).
 */
export function oneConfigLine(warnings: readonly Problem[], advice = true): string[] {
  const [first] = warnings;
  if (first === undefined) return [];
  if (warnings.length === 1) return [formatProblem(first)];
  const many = `${first.file}: ${counted(warnings.length, 'warning')}`;
  return [visible(advice ? `${many}: run recall lint` : many)];
}
/**
 * "N cards' progress no longer matches a card", with the `doctor --move` to run, and progress
 * under another gap of a reordered cloze, or nothing: the lines lint and home show first
 * (after the former keys are re-attached).
 */
export function lostWarning(
  decks: readonly Deck[],
  store: ProgressStore,
  paths: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  return lostLines(decks, store.cards(), store.dir, paths, env);
}

/** `lostWarning` on the keys that hold progress in the store at `dataDir` (`held`). */
export async function lostLines(
  decks: readonly KeyedDeck[],
  held: HeldKeys,
  dataDir: string,
  paths: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  const lost = lostProgress(decks, held, paths.length === 0);
  const reordered = await checkGapOrder(decks, held, gapOrderFile(cacheDir(env), dataDir));
  return [
    ...(lost.count === 0 ? [] : [lostProgressText(lost)]),
    ...(reordered.length === 0 ? [] : [reorderedGapsText(reordered)]),
  ];
}
