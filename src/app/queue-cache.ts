/**
 * The queue cache: what the queue rules read of every card of a collection (key, note, group,
 * tags, place in the file; state, due, flags), in deck order as columns, so `recall status`
 * answers, and home draws its first frame, without the decks' cache, the snapshot, YAML or zod.
 * At 100k cards those were most of status's ~2 s: parsing a 48 MB deck cache and a 26 MB
 * state.json, and the objects they make. Home's lines besides the counts (its problem lines)
 * are in the header when the screens wrote the file.
 *
 * Only a cache (paths.ts `queueCacheFile`, docs/storage.md): used when its stamp equals the one
 * worked out now — the deck files (paths, sizes, mtimes, as the deck cache keys an entry), the
 * config file's hash, the progress folder (store/stamp.ts: each log's size and fingerprint, as
 * the snapshot keeps them), the host and both formats. Anything else, a damaged file included,
 * is a miss: status (or home) opens the collection as before and writes the cache anew
 * (atomically, `writeCacheFile`). The counts come from the same rules (`core/queue.ts`) on the
 * same inputs.
 */
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { type Config, configFileHash, configPath, loadConfig } from '../config/config.js';
import type { Card } from '../core/card.js';
import type { CardProgress, FsrsStateName, SrsState } from '../core/model.js';
import type { Mutable } from '../core/mutable.js';
import {
  type Clockwork,
  type IdleFields,
  outlookInputs,
  type QueuedCard,
  type QueueInput,
} from '../core/queue.js';
import type { ExamOutlook } from '../core/recall.js';
import type { Scheduler } from '../core/scheduler.js';
import type { DeckSettings } from '../core/settings.js';
import { CACHE_FORMAT, readCached } from '../deck/cache.js';
import { discoverDeckFiles } from '../deck/discover.js';
import { writeCacheFile } from '../fs/atomic-file.js';
import { decodeColumns, encodeColumns, readCacheBytes } from '../fs/columns-file.js';
import { cacheDir, configDir, dataDir, gapOrderFile, queueCacheFile } from '../fs/paths.js';
import { fileStamp, logsStamp, progressStamp } from '../store/stamp.js';
import { isStrings } from '../text/is-strings.js';
import { sanitize, visible } from '../text/sanitize.js';
import { type Collection, deckExamOutlook } from './collection.js';
import { deckPaths, openCollection } from './open.js';
import { writeProgressKeys } from './progress-keys.js';
import { Schedules } from './schedules.js';
import type { StatusSource } from './status.js';

/** Bump whenever the layout, or what the queue rules read, changes: old files then miss. */
const QUEUE_FORMAT = 3;
const MAGIC = 'recallQ\n';

const STATES: readonly FsrsStateName[] = ['New', 'Learning', 'Review', 'Relearning'];
/** `flags` bits. */
const HAS_PROGRESS = 1;
const SUSPENDED = 2;

type DeckRow = {
  readonly id: string;
  readonly name: string;
  /** The deck file it was read from, as found (the deck cache's `file`). */
  readonly file: string;
  readonly exam?: string;
  readonly cards: number;
};

type Header = {
  readonly format: number;
  readonly stamp: string;
  readonly config: Config;
  /** What status prints on stderr (deck errors, store problems, the warnings' count). */
  readonly brief: readonly string[];
  readonly decks: readonly DeckRow[];
  readonly tagLists: readonly (readonly string[])[];
  readonly groups: readonly string[];
  readonly cards: number;
  readonly keyBytes: number;
  readonly noteBytes: number;
  /** What home shows besides the counts, when the screens wrote the file (status does not). */
  readonly home?: HomeLines;
};

/**
 * Home's lines besides the counts: its problem lines (the lost-progress warning, config.yaml's
 * line, deck and store problems), worked out by the screens' open of the collection. They also
 * read whether deck paths were given (config warnings and lost progress look at every deck only
 * without) and the cloze gap order the lost-progress warning compares with (its size and mtime).
 */
export type HomeLines = {
  readonly given: boolean;
  readonly gaps: readonly number[];
  readonly problems: readonly string[];
};

/** `recall status`'s source: the cache when it is valid, else the collection opened (and cached). */
export async function openStatusSource(
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ source: StatusSource; brief: readonly string[]; cached: boolean }> {
  const file = queueCacheFile(cacheDir(env), dataDir(env));
  const hit = await readQueueCache(file, paths, env);
  if (hit) return { source: hit, brief: hit.header.brief, cached: true };
  const write = await queueCacheWriter(paths, env);
  const { collection, brief } = await openCollection(paths, env, { readOnly: true });
  await write?.write(collection, brief);
  return { source: collection, brief, cached: false };
}

/**
 * Home's first frame from the cache: the counts' source and home's problem lines, when the
 * file is valid and the screens wrote it for the same deck paths; undefined on any miss.
 */
export async function readHomeCache(
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<
  { source: QueueView; problems: readonly string[]; cache: QueueCacheWriter } | undefined
> {
  const hit = await readQueueCache(queueCacheFile(cacheDir(env), dataDir(env)), paths, env);
  const home = hit?.header.home;
  if (!hit || !home || home.given !== paths.length > 0) return undefined;
  if (JSON.stringify(home.gaps) !== JSON.stringify(gapsStamp(env))) return undefined;
  const { stamp, config } = hit.header;
  return { source: hit, problems: home.problems, cache: writer(paths, env, stamp, config) };
}

/**
 * The review screen's first frame from the cache: the queue's inputs and the cache's writer for
 * the session's end, when the file is valid; undefined on any miss. The card shown is read with
 * `cachedCard`.
 */
export async function readReviewCache(
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ source: QueueView; cache: QueueCacheWriter } | undefined> {
  const hit = await readQueueCache(queueCacheFile(cacheDir(env), dataDir(env)), paths, env);
  if (!hit) return undefined;
  return { source: hit, cache: writer(paths, env, hit.header.stamp, hit.header.config) };
}

/**
 * One card as the collection would hold it, from its deck file's entry in the deck cache only
 * (the header names the file): undefined when the entry is missing or of another version of the
 * file, or holds no such deck or card.
 */
export async function cachedCard(
  view: QueueView,
  deckId: string,
  key: string,
  env: NodeJS.ProcessEnv,
): Promise<Card | undefined> {
  const file = view.decks.find((d) => d.id === deckId)?.file;
  if (file === undefined) return undefined;
  const path = resolve(file);
  let size: number;
  let mtimeMs: number;
  try {
    ({ size, mtimeMs } = await stat(path));
  } catch {
    return undefined;
  }
  const result = await readCached(cacheDir(env), { path, file, size, mtimeMs });
  const deck = result?.deck;
  return deck?.id === deckId ? deck.cards.find((c) => c.key === key) : undefined;
}

/** Writes the queue cache: of a collection just read, or at the end of a session. */
export type QueueCacheWriter = {
  /**
   * The cache of the collection read since the writer was made, under the stamp taken then:
   * a file changed meanwhile makes the cache miss next time, never hold the old stamp with the
   * new content. `home`: the lines home shows, from the screens' open (after its lost-progress
   * check, which brings the gap order up to date).
   */
  readonly write: (
    collection: Collection,
    brief: readonly string[],
    home?: readonly string[],
  ) => Promise<void>;
  /**
   * Closes the store at a session's end, and writes the cache anew when the session moved the
   * log on (a rating, an undo) and the cards in memory are what the logs replay to: no other
   * device's log, nothing appended by another session while the logs were read, the decks and
   * the config as they were when the collection was read. A first start after a session then
   * draws home from the cache.
   */
  readonly close: (
    collection: Collection,
    brief: readonly string[],
    home: () => Promise<readonly string[]>,
  ) => Promise<void>;
};

/**
 * A writer of the cache of what is read next, stamped now; undefined when there is no stamp to
 * take (the open reports why). A failure to write is ignored.
 */
export async function queueCacheWriter(
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<QueueCacheWriter | undefined> {
  const config = await loadConfig(env);
  const stamp = await stampNow(paths, env, config);
  return stamp && writer(paths, env, stamp.text, config);
}

function writer(
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
  stamp: string,
  config: Config,
): QueueCacheWriter {
  const file = queueCacheFile(cacheDir(env), dataDir(env));
  const lines = (home: readonly string[] | undefined) =>
    home && { given: paths.length > 0, gaps: gapsStamp(env), problems: home };
  return {
    write: async (collection, brief, home) => {
      await writeCacheFile(file, encodeQueue(stamp, config, collection, brief, lines(home)));
    },
    close: async (collection, brief, home) => {
      const { store } = collection;
      let read: string | undefined;
      let problems: readonly string[] | undefined;
      try {
        // The logs unchanged across the last read of them: memory holds every line they hold.
        const before = logsStamp(store.dir);
        store.refresh();
        read = logsStamp(store.dir);
        if (before !== undefined && before === read && store.foreignLogs === 0) {
          problems = await home();
        }
      } finally {
        // The snapshot a close may write is in the stamp: taken after it.
        await store.close();
      }
      if (!problems) return;
      const now = await stampNow(paths, env, config);
      if (now === undefined || now.text === stamp) return;
      if (now.logs !== read || now.rest !== stampRest(stamp)) return;
      await writeCacheFile(file, encodeQueue(now.text, config, collection, brief, lines(problems)));
      // What lint reads of the store, under the same checks: lint after a session hits too.
      await writeProgressKeys(env, store.cards().keys());
    },
  };
}

/** The cloze gap order file's size and mtime (none: no file). */
function gapsStamp(env: NodeJS.ProcessEnv): readonly number[] {
  return fileStamp(gapOrderFile(cacheDir(env), dataDir(env)));
}

/** The collection's queue inputs as the cache holds them, when its stamp is today's. */
async function readQueueCache(
  file: string,
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<QueueView | undefined> {
  const bytes = await readCacheBytes(file);
  if (!bytes) return undefined;
  const view = decodeQueue(bytes);
  if (!view) return undefined;
  const stamp = await stampNow(paths, env, view.header.config);
  if (stamp === undefined || stamp.text !== view.header.stamp) return undefined;
  return view;
}

/**
 * Everything the status of `paths` is a function of besides the clock, as one string (`text`):
 * the progress folder's part, of which `logs` is the logs', and the `rest` (formats, host,
 * config, deck files). Undefined when it cannot be told (a deck path missing, a file
 * unreadable: the open reports it).
 */
async function stampNow(
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
  config: Pick<Config, 'deckDirs'>,
): Promise<{ text: string; rest: string; logs: string } | undefined> {
  const configFile = configPath(env);
  const configHash = configFileHash(env);
  if (configHash === undefined) return undefined;
  const found = await discoverDeckFiles(deckPaths(paths, config));
  if (found.problems.length > 0) return undefined;
  let files: unknown[];
  try {
    files = await Promise.all(
      found.files.map(async (f) => {
        const s = await stat(resolve(f));
        return [f, resolve(f), s.size, s.mtimeMs];
      }),
    );
  } catch {
    return undefined;
  }
  const logs = logsStamp(dataDir(env));
  const progress = progressStamp(dataDir(env));
  if (progress === undefined || logs === undefined) return undefined;
  const rest = JSON.stringify({
    format: QUEUE_FORMAT,
    decks: CACHE_FORMAT,
    host: hostname(),
    config: [configFile, configDir(env), env.HOME ?? null, configHash],
    files,
  });
  return { text: JSON.stringify([rest, progress]), rest, logs };
}

/** The `rest` of a stamp's text. */
function stampRest(text: string): string | undefined {
  try {
    const [rest] = JSON.parse(text) as unknown[];
    return typeof rest === 'string' ? rest : undefined;
  } catch {
    return undefined;
  }
}

/** The cache file's bytes: the header, then per card the columns below, in deck order. */
export function encodeQueue(
  stamp: string,
  config: Config,
  collection: Collection,
  brief: readonly string[],
  home?: HomeLines,
): Buffer {
  const inputs = collection.inputs();
  const n = inputs.length;
  const f64 = () => new Float64Array(n);
  const [order, due, stability, difficulty, days, steps, reps, lapses] = [
    f64(),
    f64(),
    f64(),
    f64(),
    f64(),
    f64(),
    f64(),
    f64(),
  ];
  const [lastReview, firstReview, flaggedAt, buriedUntil] = [f64(), f64(), f64(), f64()];
  const keyEnd = new Uint32Array(n);
  const noteEnd = new Uint32Array(n);
  const tags = new Uint32Array(n);
  const group = new Int32Array(n);
  const state = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const tagLists: (readonly string[])[] = [];
  const tagIndex = new Map<string, number>();
  const groups: string[] = [];
  const groupIndex = new Map<string, number>();
  const indexOf = <T>(index: Map<string, number>, list: T[], name: string, value: T) => {
    let at = index.get(name);
    if (at === undefined) {
      at = list.push(value) - 1;
      index.set(name, at);
    }
    return at;
  };
  let keys = '';
  let notes = '';
  for (const [i, { card, progress }] of inputs.entries()) {
    keys += card.key;
    notes += card.noteId;
    keyEnd[i] = keys.length;
    noteEnd[i] = notes.length;
    order[i] = card.order;
    tags[i] = indexOf(tagIndex, tagLists, JSON.stringify(card.tags), card.tags);
    group[i] = card.group === undefined ? -1 : indexOf(groupIndex, groups, card.group, card.group);
    const srs = progress?.srs ?? null;
    state[i] = srs === null ? 0 : STATES.indexOf(srs.state) + 1;
    due[i] = srs?.due ?? Number.NaN;
    stability[i] = srs?.stability ?? Number.NaN;
    difficulty[i] = srs?.difficulty ?? Number.NaN;
    days[i] = srs?.scheduledDays ?? Number.NaN;
    steps[i] = srs?.learningSteps ?? Number.NaN;
    reps[i] = srs?.reps ?? Number.NaN;
    lapses[i] = srs?.lapses ?? Number.NaN;
    lastReview[i] = srs?.lastReview ?? Number.NaN;
    firstReview[i] = srs?.firstReview ?? Number.NaN;
    flaggedAt[i] = progress?.flaggedAt ?? Number.NaN;
    buriedUntil[i] = progress?.buriedUntil ?? Number.NaN;
    flags[i] = (progress === undefined ? 0 : HAS_PROGRESS) | (progress?.suspended ? SUSPENDED : 0);
  }
  const keyBytes = Buffer.from(keys, 'utf8');
  const noteBytes = Buffer.from(notes, 'utf8');
  const header: Header = {
    format: QUEUE_FORMAT,
    stamp,
    config,
    brief,
    decks: collection.decks.map((d) => ({
      id: d.id,
      name: d.name,
      file: d.file,
      ...(d.exam === undefined ? {} : { exam: d.exam }),
      cards: d.cards.length,
    })),
    tagLists,
    groups,
    cards: n,
    keyBytes: keyBytes.length,
    noteBytes: noteBytes.length,
    ...(home ? { home } : {}),
  };
  return encodeColumns(MAGIC, header, [
    order,
    due,
    stability,
    difficulty,
    days,
    steps,
    reps,
    lapses,
    lastReview,
    firstReview,
    flaggedAt,
    buriedUntil,
    keyEnd,
    noteEnd,
    tags,
    group,
    state,
    flags,
    keyBytes,
    noteBytes,
  ]);
}

/** The columns of a file this version wrote, as a status source; undefined for any other file. */
export function decodeQueue(file: Uint8Array): QueueView | undefined {
  const found = decodeColumns(file, MAGIC);
  if (!found) return undefined;
  const h = found.header as Header;
  if (!headerOk(h)) return undefined;
  const { take, done } = found.columns;
  const n = h.cards;
  const numbers = NUMBERS.map((name) => [name, take(Float64Array, n)] as const);
  const keyEnd = take(Uint32Array, n);
  const noteEnd = take(Uint32Array, n);
  const tags = take(Uint32Array, n);
  const group = take(Int32Array, n);
  const state = take(Uint8Array, n);
  const flags = take(Uint8Array, n);
  const keyBytes = take(Uint8Array, h.keyBytes);
  const noteBytes = take(Uint8Array, h.noteBytes);
  if (!keyEnd || !noteEnd || !tags || !group || !state || !flags || !keyBytes || !noteBytes) {
    return undefined;
  }
  if (!done() || numbers.some(([, c]) => c === undefined)) return undefined;
  const text = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8');
  const columns = {
    ...(Object.fromEntries(numbers) as { [K in (typeof NUMBERS)[number]]: Float64Array }),
    keyEnd,
    noteEnd,
    tags,
    group,
    state,
    flags,
    keys: text(keyBytes),
    notes: text(noteBytes),
  };
  return columnsOk(h, columns) ? new QueueView(h, columns) : undefined;
}

/** The per-card numbers, named as the state's fields (NaN: absent). */
const NUMBERS = [
  'order',
  'due',
  'stability',
  'difficulty',
  'days',
  'steps',
  'reps',
  'lapses',
  'lastReview',
  'firstReview',
  'flaggedAt',
  'buriedUntil',
] as const;

type Columns = { readonly [K in (typeof NUMBERS)[number]]: Float64Array } & {
  readonly keyEnd: Uint32Array;
  readonly noteEnd: Uint32Array;
  readonly tags: Uint32Array;
  readonly group: Int32Array;
  readonly state: Uint8Array;
  readonly flags: Uint8Array;
  readonly keys: string;
  readonly notes: string;
};

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * Whether the header is one this version wrote. Deck names and the problem lines reach the
 * terminal: a file holding what the parser or `visible` would have changed is someone else's.
 */
function headerOk(h: Header): boolean {
  if (typeof h !== 'object' || h === null) return false;
  if (h.format !== QUEUE_FORMAT || typeof h.stamp !== 'string') return false;
  if (typeof h.config !== 'object' || h.config === null) return false;
  if (typeof h.config.dayStartsAt !== 'number' || !isStrings(h.config.deckDirs)) return false;
  if (!isStrings(h.brief) || !h.brief.every((line) => visible(line) === line)) return false;
  if (!Array.isArray(h.tagLists) || !h.tagLists.every(isStrings) || !isStrings(h.groups)) {
    return false;
  }
  if (!isCount(h.cards) || !isCount(h.keyBytes) || !isCount(h.noteBytes)) return false;
  if (h.home !== undefined && !homeOk(h.home)) return false;
  if (!Array.isArray(h.decks)) return false;
  let cards = 0;
  for (const d of h.decks as unknown[]) {
    const row = d as Partial<DeckRow> | null;
    if (typeof row?.id !== 'string' || typeof row.name !== 'string' || !isCount(row.cards)) {
      return false;
    }
    if (typeof row.file !== 'string') {
      return false;
    }
    if (sanitize(row.name) !== row.name) return false;
    if (row.exam !== undefined && typeof row.exam !== 'string') return false;
    cards += row.cards;
  }
  return cards === h.cards;
}

function homeOk(home: HomeLines): boolean {
  if (typeof home !== 'object' || home === null || typeof home.given !== 'boolean') return false;
  if (!Array.isArray(home.gaps) || !home.gaps.every((n) => typeof n === 'number')) return false;
  return isStrings(home.problems) && home.problems.every((line) => visible(line) === line);
}

/** Every index in range and every string end in order: a file that says otherwise is not used. */
function columnsOk(h: Header, c: Columns): boolean {
  let key = 0;
  let note = 0;
  for (let i = 0; i < h.cards; i++) {
    if (c.keyEnd[i]! < key || c.noteEnd[i]! < note) return false;
    key = c.keyEnd[i]!;
    note = c.noteEnd[i]!;
    if (c.tags[i]! >= h.tagLists.length || c.group[i]! >= h.groups.length || c.group[i]! < -1) {
      return false;
    }
    if (c.state[i]! > STATES.length) return false;
  }
  return key <= c.keys.length && note <= c.notes.length;
}

/** The cached collection, answering what status asks through the same rules. */
export class QueueView implements StatusSource {
  readonly decks: readonly DeckRow[];
  readonly dayStartsAt: number;
  /** What the file says of itself: its stamp, the config and problems it was made with. */
  readonly header: Header;
  readonly #columns: Columns;
  readonly #schedules: Schedules;
  /** Each deck's first card's place in the columns. */
  readonly #start = new Map<string, number>();
  readonly #deck = new Map<string, DeckRow>();

  constructor(header: Header, columns: Columns) {
    this.header = header;
    this.#columns = columns;
    this.decks = header.decks;
    this.dayStartsAt = header.config.dayStartsAt;
    this.#schedules = new Schedules(header.decks, header.config);
    let at = 0;
    for (const d of header.decks) {
      if (!this.#start.has(d.id)) {
        this.#start.set(d.id, at);
        this.#deck.set(d.id, d);
      }
      at += d.cards;
    }
  }

  settingsFor(deckId: string): DeckSettings {
    return this.#schedules.settingsFor(deckId);
  }

  schedulerFor(deckId: string): Scheduler {
    return this.#schedules.schedulerFor(deckId);
  }

  examOutlook(deckId: string, now: number): ExamOutlook | null {
    return deckExamOutlook(
      {
        examFor: (id) => this.#schedules.examFor(id),
        schedulerFor: (id) => this.#schedules.schedulerFor(id),
        inputs: (ids) => this.inputs(ids),
      },
      deckId,
      now,
    );
  }

  /**
   * The cards of the chosen decks (all: undefined), in deck order, made from the columns as they
   * are asked for.
   */
  inputs(deckIds?: ReadonlySet<string>, today?: Clockwork): QueueInput<QueuedCard>[] {
    const chosen = [...(deckIds ?? this.#start.keys())]
      .filter((id) => this.#start.has(id))
      .sort((a, b) => this.#start.get(a)! - this.#start.get(b)!);
    const out: QueueInput<QueuedCard>[] = [];
    for (const id of chosen) {
      const from = this.#start.get(id)!;
      const settings = this.settingsFor(id);
      const input = (i: number): QueueInput<QueuedCard> => ({
        card: this.#card(from + i, id),
        progress: this.#progress(from + i),
        settings,
      });
      const count = this.#deck.get(id)!.cards;
      if (today) outlookInputs(count, (i) => this.#idleFields(from + i), input, today, out);
      else for (let i = 0; i < count; i++) out.push(input(i));
    }
    return out;
  }

  /** One scratch object, refilled per card: `outlookInputs` reads it before asking for the next. */
  readonly #scratch: Mutable<IdleFields> = {
    state: null,
    due: 0,
    lastReview: undefined,
    flagged: false,
    suspended: false,
    buriedUntil: 0,
  };

  #idleFields(i: number): IdleFields {
    const c = this.#columns;
    const f = this.#scratch;
    const has = (c.flags[i]! & HAS_PROGRESS) !== 0;
    const s = c.state[i]!;
    f.state = has && s !== 0 ? STATES[s - 1]! : null;
    f.due = c.due[i]!;
    const last = c.lastReview[i]!;
    f.lastReview = has && !Number.isNaN(last) ? last : undefined;
    f.flagged = has && !Number.isNaN(c.flaggedAt[i]!);
    f.suspended = has && (c.flags[i]! & SUSPENDED) !== 0;
    const buried = c.buriedUntil[i]!;
    f.buriedUntil = has && !Number.isNaN(buried) ? buried : 0;
    return f;
  }

  #card(i: number, deckId: string): QueuedCard {
    const c = this.#columns;
    const card: Mutable<QueuedCard> = {
      key: c.keys.slice(i === 0 ? 0 : c.keyEnd[i - 1], c.keyEnd[i]),
      deckId,
      noteId: c.notes.slice(i === 0 ? 0 : c.noteEnd[i - 1], c.noteEnd[i]),
      tags: this.header.tagLists[c.tags[i]!]!,
      order: c.order[i]!,
    };
    const g = c.group[i]!;
    if (g !== -1) card.group = this.header.groups[g]!;
    return card;
  }

  #progress(i: number): CardProgress | undefined {
    const c = this.#columns;
    const flags = c.flags[i]!;
    if ((flags & HAS_PROGRESS) === 0) return undefined;
    const s = c.state[i]!;
    let srs: Mutable<SrsState> | null = null;
    if (s !== 0) {
      srs = {
        state: STATES[s - 1]!,
        due: c.due[i]!,
        stability: c.stability[i]!,
        difficulty: c.difficulty[i]!,
        scheduledDays: c.days[i]!,
        learningSteps: c.steps[i]!,
        reps: c.reps[i]!,
        lapses: c.lapses[i]!,
      };
      const last = c.lastReview[i]!;
      const first = c.firstReview[i]!;
      if (!Number.isNaN(last)) srs.lastReview = last;
      if (!Number.isNaN(first)) srs.firstReview = first;
    }
    const progress: Mutable<CardProgress> = { srs };
    const flag = c.flaggedAt[i]!;
    const buried = c.buriedUntil[i]!;
    if (!Number.isNaN(flag)) progress.flaggedAt = flag;
    if ((flags & SUSPENDED) !== 0) progress.suspended = true;
    if (!Number.isNaN(buried)) progress.buriedUntil = buried;
    return progress;
  }
}

/** What a card's or state's fields are set on while it is made from the columns. */
