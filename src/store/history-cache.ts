/**
 * The stats history read through a cache file: the columns of the log's first `logOffset` bytes,
 * so opening stats reads only what was appended since. A million reviews cost ~35 MB of columns
 * plus their ids; reading them back is a file read and typed-array views, no parsing.
 *
 * Only a cache (paths.ts `historyCacheFile`): it is used when its fingerprint matches the
 * log's bytes before `logOffset`, and any trouble with it is a miss. Writes are atomic
 * (`writeCacheFile`), so concurrent sessions at worst redo each other's work.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { History } from '../core/history.js';
import { writeCacheFile } from '../fs/atomic-file.js';
import { decodeColumns, encodeColumns, readWhole } from '../fs/columns-file.js';
import { HistoryBuilder, type HistoryState, slim } from './history.js';
import { type Line, type LogFile, OVERLONG } from './log.js';
import { replayFromStart, type Source } from './merge.js';
import { MergedReplay, type Reschedule, setHolds } from './replay.js';

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
 * The history of several devices' logs (synced from other machines), without the cache, which
 * records a prefix of one log. Entries come in the time order replay merges them in (a move on
 * one device re-keys only the other device's rows from before it), and each review's interval
 * and state before it are the replayed card's, not its own `prev`: that was the state on the
 * device that rated, which replay recomputes when another device's ratings landed before it.
 * Like the store, it starts over without a rating whose undo must not discard another device's
 * later ratings.
 */
export function readMergedHistory(
  logs: readonly { readonly device: string; readonly log: LogFile }[],
  own: string,
  reschedule: Reschedule | undefined,
): History {
  let builder = new HistoryBuilder();
  const sources: Source[] = logs.map(({ device, log }) => ({
    device,
    log,
    offset: 0,
    lines: 0,
    skipped: [],
  }));
  const fresh = (skip: ReadonlySet<string>) => {
    builder = new HistoryBuilder();
    return new MergedReplay(new Map(), own, reschedule, skip);
  };
  replayFromStart(sources, fresh, (entry, _device, before) => {
    if (entry.kind === 'set' && !setHolds(entry, before)) return;
    const e = slim(entry);
    builder.entry(
      e.kind === 'review'
        ? { ...e, prev: before && { state: before.state, scheduledDays: before.scheduledDays } }
        : e,
    );
  });
  return builder.history();
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

type Header = {
  readonly format: number;
  readonly logOffset: number;
  readonly logTail: string;
  readonly rows: number;
  readonly idBytes: number;
  readonly slotKeys: readonly string[];
  readonly live: readonly number[];
  readonly pending: readonly string[];
};

/** The file's bytes for a state covering the log's first `logOffset` bytes. */
export function encodeHistory(state: HistoryState, logOffset: number, logTail: string): Buffer {
  const header: Header = {
    format: HISTORY_FORMAT,
    logOffset,
    logTail,
    rows: state.rows,
    idBytes: state.ids.length,
    slotKeys: state.slotKeys,
    live: state.live,
    pending: state.pending,
  };
  // Widest elements first, so every column is aligned (columns-file.ts).
  return encodeColumns(MAGIC, header, [
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
  ]);
}

/** The state a file holds, or undefined when it is not one this version wrote. */
export function decodeHistory(
  file: Uint8Array,
): { state: HistoryState; logOffset: number; logTail: string } | undefined {
  const found = decodeColumns(file, MAGIC);
  if (!found) return undefined;
  const h = found.header as Header;
  if (!headerOk(h)) return undefined;
  const { take, done } = found.columns;
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
    !ids ||
    !done()
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
  return { state, logOffset: h.logOffset, logTail: h.logTail };
}

function headerOk(h: Header): boolean {
  const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  return (
    typeof h === 'object' &&
    h !== null &&
    h.format === HISTORY_FORMAT &&
    count(h.logOffset) &&
    typeof h.logTail === 'string' &&
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
  let bytes: Uint8Array;
  try {
    bytes = await readWhole(file);
  } catch {
    return undefined;
  }
  const found = decodeHistory(bytes);
  if (!found || found.logOffset > size || log.fingerprint(found.logOffset) !== found.logTail) {
    return undefined;
  }
  return found;
}
