import { createHash } from 'node:crypto';
/**
 * Settings: built-in defaults, overridden by config.yaml's `defaults:`, then by `decks.<id>:`,
 * then by the deck file's own `exam:`. Errors name the file, line, column and key; an unknown
 * key or a deck folder that is not there is a warning, and recall starts without it.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { StepUnit } from 'ts-fsrs';
import type { Problem, SourcePos } from '../core/card.js';
import { easyDaysFrom } from '../core/load-balance.js';
import { DEFAULT_QUIZ_TYPOS, type QuizTypos } from '../core/quiz-score.js';
import {
  type DeckSettings,
  defaultDayStartsAt,
  defaultDeckSettings,
  type NewMix,
  type NewOrder,
  type PersonalParameters,
  type ReviewOrder,
} from '../core/settings.js';
import { configDir } from '../fs/paths.js';
import { ConfigError } from './config-error.js';
import { MAX_CONFIG_BYTES, megabytes } from './limits.js';
import type { DeckEntryFile, DeckSettingsFile, FsrsFile } from './schema.js';
import type { FsrsTarget } from './write.js';

export type Config = {
  /** Where the config came from (null: none, defaults only). */
  readonly file: string | null;
  readonly dayStartsAt: number;
  /** The user's deck folder first, then any `deck_dirs`. */
  readonly deckDirs: readonly string[];
  readonly defaults: DeckSettings;
  readonly perDeck: Readonly<Record<string, DeckEntryFile>>;
  /** `presets:` by name; a deck's `preset:` names one (checked when the file is read). */
  readonly presets: Readonly<Record<string, DeckSettingsFile>>;
  /** `sync.remote` (a leading `~/` expanded; null: not set) and `sync.auto`. */
  readonly sync: { readonly remote: string | null; readonly auto: boolean };
  /** `quiz.typos`: whether a mock test counts a typed answer off by a typo as right. */
  readonly quiz: { readonly typos: QuizTypos };
  /** What config.yaml asks that recall ignores: unknown keys, `deck_dirs` that are not there. */
  readonly warnings: readonly Problem[];
  /** Where each `decks.<id>:` key is, to say which name no deck (check.ts). */
  readonly deckIdPos: Readonly<Record<string, SourcePos>>;
};

export function configPath(env: NodeJS.ProcessEnv): string {
  return env.RECALL_CONFIG || join(configDir(env), 'config.yaml');
}

/**
 * The config file's bytes as a hash, for a cache of anything the config decides: null when
 * there is none, undefined when it cannot be read (no cache then; the open says why).
 */
export function configFileHash(env: NodeJS.ProcessEnv): string | null | undefined {
  try {
    return createHash('sha256')
      .update(readFileSync(configPath(env)))
      .digest('hex');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
}

/**
 * Reads config.yaml. Without one, nothing YAML- or zod-shaped is even imported: `status` runs in
 * shell prompts, and those two are most of its start-up.
 */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const file = configPath(env);
  let text: string | null = null;
  try {
    text = readConfigFile(file);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`${file}: cannot read: ${(e as Error).message}`);
    }
  }
  const read = text === null ? undefined : (await import('./parse.js')).parseConfig(text, file);
  const parsed = read?.config ?? {};
  const home = env.HOME || homedir();
  const expand = (p: string) => resolve(p.startsWith('~/') ? join(home, p.slice(2)) : p);
  // Only a leading ~/ : `host:~/repo` and `ssh://host/~me/repo` are git's and the server's.
  const expandHome = (p: string) => (p.startsWith('~/') ? join(home, p.slice(2)) : p);
  const extraDirs = (parsed.deck_dirs ?? []).map(expand);
  const dirWarnings = extraDirs.flatMap((dir, i) => {
    const problem = folderProblem(dir);
    const pos = read?.deckDirPos[i];
    if (problem === undefined || pos === undefined) return [];
    const message = `deck_dirs: ${JSON.stringify(dir)} ${problem}`;
    return [{ ...pos, severity: 'warning' as const, rule: 'missing-deck-dir', message }];
  });
  return {
    file: text === null ? null : file,
    dayStartsAt: parsed.day_starts_at ?? defaultDayStartsAt,
    deckDirs: [join(configDir(env), 'decks'), ...extraDirs],
    defaults: merge(defaultDeckSettings, parsed.defaults),
    perDeck: parsed.decks ?? {},
    presets: parsed.presets ?? {},
    sync: {
      remote: parsed.sync?.remote === undefined ? null : expandHome(parsed.sync.remote),
      auto: parsed.sync?.auto ?? false,
    },
    quiz: { typos: (parsed.quiz?.typos as QuizTypos | undefined) ?? DEFAULT_QUIZ_TYPOS },
    warnings: [...(read?.warnings ?? []), ...dirWarnings],
    deckIdPos: read?.deckIdPos ?? {},
  };
}

/** Why a configured deck folder gives no decks, if it does not: missing, or not a folder. */
function folderProblem(dir: string): string | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : 'is not a folder';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code})`;
  }
}

/** The file's text; a folder, a device or a file over the limit is refused before reading. */
function readConfigFile(file: string): string {
  const st = statSync(file);
  if (!st.isFile()) throw new ConfigError(`${file}: not a file`);
  if (st.size > MAX_CONFIG_BYTES) {
    throw new ConfigError(
      `${file}: ${megabytes(st.size)}; the limit is ${megabytes(MAX_CONFIG_BYTES)} (is this the right file?)`,
    );
  }
  return readFileSync(file, 'utf8');
}

/** The settings in force for one deck: defaults, then its preset's, then its own. */
export function settingsFor(config: Config, deckId: string, deckExam?: string): DeckSettings {
  const own = Object.hasOwn(config.perDeck, deckId) ? config.perDeck[deckId] : undefined;
  const preset = own?.preset === undefined ? undefined : config.presets[own.preset];
  const merged = merge(merge(config.defaults, preset), own);
  const exam = merged.exam ?? deckExam;
  return exam ? { ...merged, exam } : merged;
}

function merge(base: DeckSettings, over: DeckSettingsFile | undefined): DeckSettings {
  if (!over) return base;
  return {
    retention: over.desired_retention ?? base.retention,
    maxInterval: over.maximum_interval ?? base.maxInterval,
    learningSteps: (over.learning_steps as StepUnit[] | undefined) ?? base.learningSteps,
    relearningSteps: (over.relearning_steps as StepUnit[] | undefined) ?? base.relearningSteps,
    fuzz: over.fuzz ?? base.fuzz,
    loadBalance: over.load_balance ?? base.loadBalance,
    // A deck's `easy_days:` is its whole week, not a change to the one it would inherit.
    easyDays: over.easy_days ? easyDaysFrom(over.easy_days) : base.easyDays,
    newPerDay: over.new_per_day ?? base.newPerDay,
    reviewsPerDay: over.reviews_per_day ?? base.reviewsPerDay,
    leechThreshold: over.leech_threshold ?? base.leechThreshold,
    leechAction: over.leech_action ?? base.leechAction,
    newOrder: (over.new_order as NewOrder | undefined) ?? base.newOrder,
    reviewOrder: (over.review_order as ReviewOrder | undefined) ?? base.reviewOrder,
    newMix: (over.new_mix as NewMix | undefined) ?? base.newMix,
    ...((over.exam ?? base.exam) ? { exam: over.exam ?? base.exam } : {}),
    ...((over.fsrs ?? base.fsrs) ? { fsrs: over.fsrs ? personal(over.fsrs) : base.fsrs! } : {}),
  };
}

function personal(f: FsrsFile): PersonalParameters {
  return {
    w: f.parameters,
    trained: f.trained,
    reviews: f.reviews,
    logLoss: f.log_loss,
    rmse: f.rmse,
  };
}

/**
 * The settings trained parameters are judged against and trained for: `defaults:` for every
 * deck, a deck's own, or a preset's over `defaults:` (`recall optimize`).
 */
export function targetSettings(config: Config, target: FsrsTarget): DeckSettings {
  switch (target.kind) {
    case 'defaults':
      return config.defaults;
    case 'deck':
      return settingsFor(config, target.deck);
    case 'preset':
      return merge(
        config.defaults,
        Object.hasOwn(config.presets, target.preset) ? config.presets[target.preset] : undefined,
      );
  }
}
