/**
 * The stats history read through a cache file: the columns of the log's first `logOffset` bytes,
 * so opening stats reads only what was appended since. A million reviews cost ~35 MB of columns
 * plus their ids; reading them back is a file read and typed-array views, no parsing.
 *
 * Only a cache (paths.ts `historyCacheFile`): it is used when its fingerprint matches the
 * log's bytes before `logOffset`, and any trouble with it is a miss. Writes are atomic
 * (`writeCacheFile`), so concurrent sessions at worst redo each other's work.
 */
import { createHash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { History } from '../core/history.js';
import type { CardProgress, SrsState } from '../core/model.js';
import { writeCacheFile } from '../fs/atomic-file.js';
import { type Columns, decodeColumns, encodeColumns, readCacheBytes } from '../fs/columns-file.js';
import { HistoryBuilder, type HistoryState, slim } from './history.js';
import { type Line, type LogFile, OVERLONG } from './log.js';
import { before, type Mark, mergeSources, replayFromStart, type Source } from './merge.js';
import type { LogEntry } from './model.js';
import { type Last, MergedReplay, type Reschedule, type SavedReplay, setHolds } from './replay.js';
import { type CardColumns, cardsOfColumns, columnsOf } from './snapshot.js';

/** Bump whenever the layout or the meaning of a column changes: old files then miss. */
const HISTORY_FORMAT = 4;
const MAGIC = 'recallH\n';
/** Lines read past the cache that make it worth rewriting (a rewrite costs ~50 ms at 1M rows). */
const REWRITE_AFTER = 1000;
/** Bytes read between yields to the event loop, so a first read of a big log stays Ctrl-C-able. */
const SLICE = 16 << 20;

/** The history of one device's log: the cached part, then the lines after it. */
export async function readHistory(log: LogFile, cacheFile?: string): Promise<History> {
  const size = log.size();
  const cached = cacheFile ? await readCache(cacheFile, log, size) : undefined;
  const builder = new HistoryBuilder(cached?.state);
  const { offset, lines } = await readInto(builder, log, cached?.logOffset ?? 0, size);
  if (cacheFile && lines >= REWRITE_AFTER) {
    const bytes = encodeHistory(builder.state(), offset, log.fingerprint(offset));
    await writeCacheFile(cacheFile, bytes);
  }
  return builder.history();
}

/**
 * The history of several devices' logs (synced from other machines). Entries come in the time
 * order replay merges them in (a move on one device re-keys only the other device's rows from
 * before it), and each review's interval and state before it are the replayed card's, not its
 * own `prev`: that was the state on the device that rated, which replay recomputes when another
 * device's ratings landed before it. Like the store, it starts over without a rating whose undo
 * must not discard another device's later ratings.
 *
 * With `cache`, the merge is kept in a file of its own kind (the same path as one log's: a store
 * has one or the other): the columns of every log's first bytes, and the replay's state at that
 * point (`SavedReplay`), so that opening stats again replays only the lines after. Without it,
 * each open replayed every line of every log (15 s at 100k cards and 692k reviews). Going on from
 * the file gives what replaying from the start would only when the merge would put every line
 * after the file's before all of them: the first line past each log's cached bytes sorts after
 * every line the file covers, and none of them makes replay start over. Anything else, the
 * replay `key` changed (the settings a recomputed rating is computed with) or a log's cached
 * bytes no longer the same, replays from the start and writes the file anew.
 */
export async function readMergedHistory(
  logs: readonly DeviceLog[],
  own: string,
  reschedule: Reschedule | undefined,
  cache?: { readonly file: string; readonly key: string },
): Promise<History> {
  const saved = cache ? await readMergedCache(cache.file, logs, own, cache.key) : undefined;
  const merged =
    (saved && goOn(saved, logs, own, reschedule)) ?? replayMerged(logs, own, reschedule);
  if (cache && merged.lines >= REWRITE_AFTER) {
    await writeCacheFile(cache.file, encodeMerged(merged, own, cache.key));
  }
  return merged.builder.history();
}

/** One device's log, as the merge reads it. */
type DeviceLog = { readonly device: string; readonly log: LogFile };

/** A merged replay's outcome: the history, the replay, how far each log was read and the last line. */
type Merged = {
  readonly builder: HistoryBuilder;
  readonly replay: MergedReplay;
  readonly sources: readonly Source[];
  /** The order key of the latest line in the merge (the file's lines sort before any after). */
  readonly mark: Mark | undefined;
  /** Lines read to get here. */
  readonly lines: number;
};

/** The history row of an entry replay applied, with the card's replayed state before it. */
function record(builder: HistoryBuilder, entry: LogEntry, before: SrsState | null): void {
  if (entry.kind === 'set' && !setHolds(entry, before)) return;
  const e = slim(entry);
  builder.entry(
    e.kind === 'review'
      ? { ...e, prev: before && { state: before.state, scheduledDays: before.scheduledDays } }
      : e,
  );
}

/** Lines the sources have been read to. */
const linesIn = (sources: readonly Source[]) => sources.reduce((n, s) => n + s.lines, 0);

const latest = (a: Mark | undefined, b: Mark): Mark => (a === undefined || before(a, b) ? b : a);

function replayMerged(
  logs: readonly DeviceLog[],
  own: string,
  reschedule: Reschedule | undefined,
): Merged {
  let builder = new HistoryBuilder();
  let replay: MergedReplay | undefined;
  let mark: Mark | undefined;
  const sources: Source[] = logs.map(({ device, log }) => ({
    device,
    log,
    offset: 0,
    lines: 0,
    skipped: [],
  }));
  const fresh = (skip: ReadonlySet<string>) => {
    builder = new HistoryBuilder();
    mark = undefined;
    replay = new MergedReplay(new Map(), own, reschedule, skip);
    return replay;
  };
  replayFromStart(sources, fresh, (entry, device, before, at) => {
    record(builder, entry, before);
    mark = latest(mark, { at, device });
  });
  const lines = linesIn(sources);
  return { builder, replay: replay!, sources, mark, lines };
}

/** The merge gone on from a file, or undefined where it would not be what a replay from the start gives. */
function goOn(
  saved: SavedMerge,
  logs: readonly DeviceLog[],
  own: string,
  reschedule: Reschedule | undefined,
): Merged | undefined {
  const builder = new HistoryBuilder(saved.state);
  const replay = MergedReplay.resume(saved.replay, own, reschedule);
  const sources: Source[] = logs.map(({ device, log }) => {
    const at = saved.sources.get(device);
    return { device, log, offset: at?.offset ?? 0, lines: at?.lines ?? 0, skipped: [] };
  });
  const linesBefore = linesIn(sources);
  const started = new Set<string>();
  let mark = saved.mark;
  const ok = mergeSources(
    sources,
    sources.map((s) => s.log.size()),
    (entry, device, at) => {
      const here = { at, device };
      // The first line after a log's cached bytes: a log's own order is kept, so it is the one
      // that could sort before a line the file covers.
      if (!started.has(device)) {
        started.add(device);
        if (saved.mark !== undefined && !before(saved.mark, here)) return false;
      }
      const prior = replay.cards.get(entry.card)?.srs ?? null;
      if (replay.apply(entry, device, true)?.skip !== undefined) return false;
      record(builder, entry, prior);
      mark = latest(mark, here);
      return true;
    },
  );
  if (!ok) return undefined;
  const lines = linesIn(sources) - linesBefore;
  return { builder, replay, sources, mark, lines };
}

/** Feeds the complete lines of [from, size) to the builder; where they end, and how many. */
async function readInto(
  builder: HistoryBuilder,
  log: LogFile,
  from: number,
  size: number,
): Promise<{ offset: number; lines: number }> {
  let offset = from;
  let lines = 0;
  const take = (batch: readonly Line[]) => {
    for (const text of batch) if (text !== OVERLONG) builder.line(text);
    lines += batch.length;
  };
  while (offset < size) {
    let end = log.readText(offset, Math.min(size, offset + SLICE), take);
    // A single line longer than a slice: read on to its end.
    if (end === offset) end = log.readText(offset, size, take);
    if (end === offset) break;
    offset = end;
    if (offset < size) await yieldToLoop();
  }
  return { offset, lines };
}

/** What the columns of a history state need besides them. */
type StateHeader = {
  readonly rows: number;
  readonly idBytes: number;
  readonly slotKeys: readonly string[];
  readonly live: readonly number[];
  readonly pending: readonly string[];
};

type Header = StateHeader & {
  readonly format: number;
  readonly logOffset: number;
  readonly logTail: string;
};

const stateHeader = (state: HistoryState): StateHeader => ({
  rows: state.rows,
  idBytes: state.ids.length,
  slotKeys: state.slotKeys,
  live: state.live,
  pending: state.pending,
});

/** Widest elements first, so every column is aligned (columns-file.ts). */
const stateColumns = (state: HistoryState) => [
  state.at,
  state.durationMs,
  state.prevScheduledDays,
  state.slot,
  state.idEnd,
  state.parent,
  state.slotDays,
  state.rating,
  state.flags,
  state.slotState,
  state.ids,
];

/** The file's bytes for a state covering the log's first `logOffset` bytes. */
export function encodeHistory(state: HistoryState, logOffset: number, logTail: string): Buffer {
  const header: Header = { format: HISTORY_FORMAT, logOffset, logTail, ...stateHeader(state) };
  return encodeColumns(MAGIC, header, stateColumns(state));
}

/** The state a file holds, or undefined when it is not one this version wrote. */
export function decodeHistory(
  file: Uint8Array,
): { state: HistoryState; logOffset: number; logTail: string } | undefined {
  const found = decodeColumns(file, MAGIC);
  if (!found) return undefined;
  const h = found.header as Header;
  if (!headerOk(h)) return undefined;
  const state = takeState(h, found.columns);
  if (!state || !found.columns.done()) return undefined;
  return { state, logOffset: h.logOffset, logTail: h.logTail };
}

/** The state's columns, in the order `stateColumns` writes them; undefined when they do not hold. */
function takeState(h: StateHeader, { take }: Columns): HistoryState | undefined {
  const { rows } = h;
  const slots = h.slotKeys.length;
  const at = take(Float64Array, rows);
  const durationMs = take(Float32Array, rows);
  const prevScheduledDays = take(Float32Array, rows);
  const slot = take(Int32Array, rows);
  const idEnd = take(Uint32Array, rows);
  const parent = take(Int32Array, slots);
  const slotDays = take(Float32Array, slots);
  const rating = take(Uint8Array, rows);
  const flags = take(Uint8Array, rows);
  const slotState = take(Uint8Array, slots);
  const ids = take(Uint8Array, h.idBytes);
  if (
    !at ||
    !durationMs ||
    !prevScheduledDays ||
    !slot ||
    !idEnd ||
    !parent ||
    !slotDays ||
    !rating ||
    !flags ||
    !slotState ||
    !ids
  ) {
    return undefined;
  }
  const state: HistoryState = {
    rows,
    at,
    durationMs,
    prevScheduledDays,
    slot,
    idEnd,
    parent,
    slotDays,
    rating,
    flags,
    slotState,
    ids,
    slotKeys: h.slotKeys,
    live: h.live,
    pending: h.pending,
  };
  const idsEnd = rows > 0 ? idEnd[rows - 1]! : 0;
  if (idsEnd !== h.idBytes || !slotsOk(state, slots)) return undefined;
  return state;
}

const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;

function headerOk(h: Header): boolean {
  return (
    typeof h === 'object' &&
    h !== null &&
    h.format === HISTORY_FORMAT &&
    count(h.logOffset) &&
    typeof h.logTail === 'string' &&
    stateHeaderOk(h)
  );
}

function stateHeaderOk(h: StateHeader): boolean {
  return (
    count(h.rows) &&
    count(h.idBytes) &&
    Array.isArray(h.slotKeys) &&
    h.slotKeys.every((k) => typeof k === 'string') &&
    Array.isArray(h.live) &&
    Array.isArray(h.pending) &&
    h.pending.every((p) => typeof p === 'string')
  );
}

/** Every slot a row or a link names exists: a file that says otherwise is not trusted. */
function slotsOk(state: HistoryState, slots: number): boolean {
  if (!state.live.every((s) => Number.isInteger(s) && s >= 0 && s < slots)) return false;
  const { parent, slot } = state;
  for (let i = 0; i < state.slotState.length; i++) if (state.slotState[i]! > 5) return false;
  for (let i = 0; i < parent.length; i++) {
    if (parent[i] !== -1 && !(parent[i]! >= 0 && parent[i]! < slots)) return false;
  }
  // Int32 values: one unsigned comparison rejects negatives and slots past the end.
  for (let i = 0; i < slot.length; i++) if (slot[i]! >>> 0 >= slots) return false;
  return true;
}

async function readCache(
  file: string,
  log: LogFile,
  size: number,
): Promise<{ state: HistoryState; logOffset: number } | undefined> {
  const bytes = await readCacheBytes(file);
  if (!bytes) return undefined;
  const found = decodeHistory(bytes);
  if (!found || found.logOffset > size || log.fingerprint(found.logOffset) !== found.logTail) {
    return undefined;
  }
  return found;
}

/** Bump whenever the merged file's layout, or what replay keeps in it, changes. */
const MERGED_FORMAT = 1;
const MERGED_MAGIC = 'recallM\n';

type MergedHeader = StateHeader & {
  readonly format: number;
  /** The device reading: replay trusts its own sequence. */
  readonly own: string;
  /** What a recomputed rating was computed with (the store's `replayKey`). */
  readonly key: string;
  /** Each log's bytes the file covers, and their fingerprint. */
  readonly sources: readonly {
    readonly device: string;
    readonly offset: number;
    readonly lines: number;
    readonly tail: string;
  }[];
  readonly mark: Mark | null;
  /** The replay's state (`ReplayColumns` as JSON), the last column, and its hash. */
  readonly replayBytes: number;
  readonly replayHash: string;
};

/** What a merged file holds, checked against the logs it covers. */
type SavedMerge = {
  readonly state: HistoryState;
  readonly replay: SavedReplay;
  readonly sources: ReadonlyMap<string, { readonly offset: number; readonly lines: number }>;
  readonly mark: Mark | undefined;
};

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 32);

function encodeMerged(merged: Merged, own: string, key: string): Buffer {
  const replay = Buffer.from(JSON.stringify(replayColumns(merged.replay.saved())), 'utf8');
  const state = merged.builder.state();
  const header: MergedHeader = {
    format: MERGED_FORMAT,
    own,
    key,
    sources: merged.sources.map((s) => ({
      device: s.device,
      offset: s.offset,
      lines: s.lines,
      tail: s.log.fingerprint(s.offset),
    })),
    mark: merged.mark ?? null,
    replayBytes: replay.length,
    replayHash: hashOf(replay),
    ...stateHeader(state),
  };
  return encodeColumns(MERGED_MAGIC, header, [...stateColumns(state), replay]);
}

/** The merged file when it was written by this device, with this key, over prefixes of these logs. */
async function readMergedCache(
  file: string,
  logs: readonly DeviceLog[],
  own: string,
  key: string,
): Promise<SavedMerge | undefined> {
  const bytes = await readCacheBytes(file);
  if (!bytes) return undefined;
  const found = decodeColumns(bytes, MERGED_MAGIC);
  if (!found) return undefined;
  const h = found.header as MergedHeader;
  if (!mergedHeaderOk(h) || h.own !== own || h.key !== key) return undefined;
  const byDevice = new Map(logs.map((l) => [l.device, l.log]));
  for (const s of h.sources) {
    const log = byDevice.get(s.device);
    if (!log || log.size() < s.offset || log.fingerprint(s.offset) !== s.tail) return undefined;
  }
  const state = takeState(h, found.columns);
  const replayBytes = found.columns.take(Uint8Array, h.replayBytes);
  if (!state || !replayBytes || !found.columns.done() || hashOf(replayBytes) !== h.replayHash) {
    return undefined;
  }
  let replay: SavedReplay | undefined;
  try {
    replay = replayOfColumns(JSON.parse(Buffer.from(replayBytes).toString('utf8')));
  } catch {
    return undefined;
  }
  if (!replay) return undefined;
  return {
    state,
    replay,
    sources: new Map(h.sources.map((s) => [s.device, { offset: s.offset, lines: s.lines }])),
    mark: h.mark ?? undefined,
  };
}

function mergedHeaderOk(h: MergedHeader): boolean {
  return (
    typeof h === 'object' &&
    h !== null &&
    h.format === MERGED_FORMAT &&
    typeof h.own === 'string' &&
    typeof h.key === 'string' &&
    Array.isArray(h.sources) &&
    h.sources.every(
      (s) =>
        typeof s === 'object' &&
        s !== null &&
        typeof s.device === 'string' &&
        count(s.offset) &&
        count(s.lines) &&
        typeof s.tail === 'string',
    ) &&
    (h.mark === null ||
      (typeof h.mark === 'object' &&
        typeof h.mark.at === 'number' &&
        typeof h.mark.device === 'string')) &&
    count(h.replayBytes) &&
    typeof h.replayHash === 'string' &&
    stateHeaderOk(h)
  );
}

/**
 * A saved replay as the file keeps it: the cards as the snapshot's columns (state.json version
 * 2), and each card's last rating as the columns of the states before them beside its id,
 * device (an index into `devices`) and whether it was recomputed, in the same order.
 */
type ReplayColumns = {
  readonly cards: CardColumns;
  readonly last: {
    readonly before: CardColumns;
    readonly ids: readonly string[];
    readonly devices: readonly string[];
    readonly device: readonly number[];
    readonly recomputed: readonly (0 | 1)[];
  };
  readonly skip: readonly string[];
};

function replayColumns(saved: SavedReplay): ReplayColumns {
  const before = new Map<string, CardProgress>();
  const ids: string[] = [];
  const devices: string[] = [];
  const device: number[] = [];
  const recomputed: (0 | 1)[] = [];
  for (const [key, last] of saved.last) {
    before.set(key, { srs: last.before });
    ids.push(last.id);
    let d = devices.indexOf(last.device);
    if (d === -1) d = devices.push(last.device) - 1;
    device.push(d);
    recomputed.push(last.recomputed ? 1 : 0);
  }
  return {
    cards: columnsOf(saved.cards),
    last: { before: columnsOf(before), ids, devices, device, recomputed },
    skip: saved.skip,
  };
}

/** The saved replay a file's columns hold, checked as the snapshot's are; undefined if they do not hold one. */
function replayOfColumns(v: unknown): SavedReplay | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { cards, last, skip } = v as Partial<ReplayColumns>;
  if (!cards || !last || !Array.isArray(skip) || !skip.every((s) => typeof s === 'string')) {
    return undefined;
  }
  const progress = cardsOfColumns(cards, new Map());
  const before = cardsOfColumns(last.before, new Map());
  if (typeof progress === 'string' || typeof before === 'string') return undefined;
  const { ids, devices, device, recomputed } = last;
  const n = before.size;
  if (
    !Array.isArray(ids) ||
    !Array.isArray(devices) ||
    !Array.isArray(device) ||
    !Array.isArray(recomputed) ||
    ids.length !== n ||
    device.length !== n ||
    recomputed.length !== n ||
    !devices.every((d) => typeof d === 'string')
  ) {
    return undefined;
  }
  const lasts = new Map<string, Last>();
  let i = 0;
  for (const [key, p] of before) {
    const id = ids[i];
    const from = devices[device[i]!];
    const again = recomputed[i];
    if (typeof id !== 'string' || from === undefined || (again !== 0 && again !== 1)) {
      return undefined;
    }
    lasts.set(key, { id, device: from, before: p.srs, recomputed: again === 1 });
    i++;
  }
  return { cards: progress, last: lasts, skip };
}
