/**
 * The stats history read through a cache file: the columns of the log's first `logOffset` bytes,
 * so opening stats reads only what was appended since. A million reviews cost ~35 MB of columns
 * plus their ids; reading them back is a file read and typed-array views, no parsing.
 *
 * Only a cache (paths.ts `historyCacheFile`): it is used when its fingerprint matches the
 * log's bytes before `logOffset`, and any trouble with it is a miss. Writes are atomic
 * (`writeCacheFile`), so concurrent sessions at worst redo each other's work.
 */
import { open } from 'node:fs/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { History } from '../core/history.js';
import { writeCacheFile } from '../fs/atomic-file.js';
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

/** Column byte lengths in file order: widest elements first, so every view is aligned. */
function layout(rows: number, slots: number, idBytes: number): number[] {
  return [
    rows * 8,
    rows * 4,
    rows * 4,
    rows * 4,
    rows * 4,
    slots * 4,
    slots * 4,
    rows,
    rows,
    slots,
    idBytes,
  ];
}

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
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const start = align8(12 + head.length);
  const columns = [
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
  ].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const out = Buffer.alloc(start + columns.reduce((n, c) => n + c.length, 0));
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(head.length, 8);
  head.copy(out, 12);
  let at = start;
  for (const c of columns) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The state a file holds, or undefined when it is not one this version wrote. */
export function decodeHistory(
  file: Uint8Array,
): { state: HistoryState; logOffset: number; logTail: string } | undefined {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.length);
  if (bytes.length < 12 || bytes.toString('latin1', 0, 8) !== MAGIC) return undefined;
  const headLength = bytes.readUInt32LE(8);
  if (12 + headLength > bytes.length) return undefined;
  let h: Header;
  try {
    h = JSON.parse(bytes.toString('utf8', 12, 12 + headLength)) as Header;
  } catch {
    return undefined;
  }
  if (!headerOk(h)) return undefined;
  const slots = h.slotKeys.length;
  const sizes = layout(h.rows, slots, h.idBytes);
  const start = align8(12 + headLength);
  if (start + sizes.reduce((a, b) => a + b, 0) !== bytes.length) return undefined;
  // Typed-array views need their element size's alignment in the underlying buffer.
  const base = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  const ab = base.buffer;
  let at = base.byteOffset + start;
  const next = (i: number) => {
    const from = at;
    at += sizes[i]!;
    return from;
  };
  const state: HistoryState = {
    rows: h.rows,
    at: new Float64Array(ab, next(0), h.rows),
    durationMs: new Float32Array(ab, next(1), h.rows),
    prevScheduledDays: new Float32Array(ab, next(2), h.rows),
    slot: new Int32Array(ab, next(3), h.rows),
    idEnd: new Uint32Array(ab, next(4), h.rows),
    parent: new Int32Array(ab, next(5), slots),
    slotDays: new Float32Array(ab, next(6), slots),
    rating: new Uint8Array(ab, next(7), h.rows),
    flags: new Uint8Array(ab, next(8), h.rows),
    slotState: new Uint8Array(ab, next(9), slots),
    ids: new Uint8Array(ab, next(10), h.idBytes),
    slotKeys: h.slotKeys,
    live: h.live,
    pending: h.pending,
  };
  const idsEnd = h.rows > 0 ? state.idEnd[h.rows - 1]! : 0;
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

const align8 = (n: number) => Math.ceil(n / 8) * 8;

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

/**
 * The file in one read into a fresh, 8-byte-aligned buffer: readFile reads a big file in
 * chunks through the thread pool, several times slower for tens of megabytes.
 */
async function readWhole(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(size);
    let got = 0;
    while (got < size) {
      const { bytesRead } = await handle.read(bytes, got, size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return bytes.subarray(0, got);
  } finally {
    await handle.close();
  }
}
