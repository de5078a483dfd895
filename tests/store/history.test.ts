import { appendFileSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Recorder } from '../../src/app/recorder.js';
import { type History, ROW_CRAM, ROW_FIRST, ROW_UNDONE } from '../../src/core/history.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import {
  HistoryBuilder,
  type HistoryEntry,
  historyOf,
  quickReview,
  slim,
} from '../../src/store/history.js';
import { decodeHistory, encodeHistory, readHistory } from '../../src/store/history-cache.js';
import { LogFile } from '../../src/store/log.js';
import type { LogEntry } from '../../src/store/model.js';
import { ProgressStore } from '../../src/store/progress.js';
import { parseEntry } from '../../src/store/validate.js';
import { cram, removeTempDirs, review, state, tempDir, undo } from './entries.js';

afterAll(removeTempDirs);
afterEach(() => {
  vi.restoreAllMocks();
});

/** Review lines exactly as the app writes them: first rating, later ones, a cram reschedule. */
async function writtenLines(): Promise<string[]> {
  const dir = tempDir();
  const { store } = await ProgressStore.open(dir);
  const rec = new Recorder(store, () => new Scheduler(defaultDeckSettings));
  const t = Date.parse('2026-03-10T12:00:00Z');
  rec.rate('d', 'd/a', 3, t, 1200);
  rec.rate('d', 'd/a', 1, t + 600_000, 800);
  rec.rate('d', 'd/b', 4, t, 300, 'cram');
  rec.cram('d/b', 1, t + 1000, 500);
  await store.close();
  return readFileSync(join(dir, 'reviews.jsonl'), 'utf8').trim().split('\n');
}

/** A history as plain rows, to compare two histories or state what one should hold. */
function rowsOf(h: History) {
  return Array.from({ length: h.rows }, (_, i) => ({
    card: h.keys[h.slot[i]!],
    at: new Date(h.at[i]!).toISOString(),
    rating: h.rating[i],
    flags: h.flags[i],
    durationMs: h.durationMs[i],
    prevDays: h.prevScheduledDays[i],
  }));
}

/**
 * The meaning of moves and undos, written the plain way: every entry re-keyed through the moves
 * after it (chains followed), and a review cancelled by an undo anywhere in the log.
 */
function expectedRows(entries: readonly HistoryEntry[]) {
  const renamed = new Map<string, string>();
  const keyAt: string[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.kind === 'move') renamed.set(e.card, renamed.get(e.to) ?? e.to);
    else keyAt[i] = renamed.get(e.card) ?? e.card;
  }
  const undone = new Set(entries.flatMap((e) => (e.kind === 'undo' ? [e.undoes] : [])));
  return entries.flatMap((e, i) => {
    if (e.kind !== 'review' && e.kind !== 'cram') return [];
    const isUndone = (e.kind === 'review' || e.kind === 'cram') && undone.has(e.id);
    return [{ card: keyAt[i], cram: e.kind === 'cram', undone: isUndone }];
  });
}

const shape = (h: History) =>
  rowsOf(h).map((r) => ({
    card: r.card,
    cram: (r.flags! & ROW_CRAM) !== 0,
    undone: (r.flags! & ROW_UNDONE) !== 0,
  }));

describe('reading review lines', () => {
  it('reads lines as the app writes them without JSON.parse, to the same result', async () => {
    const lines = await writtenLines();
    const reviews = lines.filter((l) => l.includes('"kind":"review"'));
    expect(reviews).toHaveLength(3);
    for (const line of reviews) {
      const full = parseEntry(line) as LogEntry;
      expect(quickReview(line)).toEqual(slim(full));
    }
    // Compact lines carry no state before them: the builder follows each card's.
    expect(reviews.every((l) => l.startsWith('{"v":2,'))).toBe(true);
    expect(quickReview(reviews[2]!)).toMatchObject({ via: 'cram', rating: 4 });
    const b = new HistoryBuilder();
    for (const line of lines) b.line(line);
    expect(rowsOf(b.history()).map((r) => [r.card, r.flags! & ROW_FIRST])).toEqual([
      ['d/a', ROW_FIRST],
      ['d/a', 0],
      ['d/b', ROW_FIRST],
      ['d/b', 0],
    ]);
  });

  it('reads full (v1) lines, with the state before them, the same way', () => {
    const before = state(1);
    const line = JSON.stringify(review('d/a', state(2), before, { via: 'cram' }));
    expect(quickReview(line)).toEqual(slim(parseEntry(line) as LogEntry));
    expect(quickReview(line)).toMatchObject({
      state: 'Review',
      scheduledDays: 2,
      prev: { state: 'Review', scheduledDays: 1 },
      via: 'cram',
    });
  });

  it('leaves anything not in the writer’s own shape to the full parser', async () => {
    const [line] = await writtenLines();
    const entry = JSON.parse(line!) as Record<string, unknown>;
    const reordered = JSON.stringify({ kind: entry.kind, ...entry });
    expect(quickReview(reordered)).toBeNull();
    expect(quickReview(line!.replace('"card":"d/a"', '"card":"d/\\u0061"'))).toBeNull();
    expect(quickReview(line!.replace(/"rating":\d/, '"rating":7'))).toBeNull();
    expect(quickReview(line!.replace(/"id":"[^"]+"/, '"id":""'))).toBeNull();
    expect(quickReview('{"v":1,"id":"x","kind":"cram"}')).toBeNull();
  });

  it('gives the same rows from the fast path and the full parser', async () => {
    const lines = await writtenLines();
    const fast = new HistoryBuilder();
    const slow = new HistoryBuilder();
    for (const line of lines) {
      fast.line(line);
      slow.entry(slim(parseEntry(line) as LogEntry));
    }
    expect(rowsOf(fast.history())).toEqual(rowsOf(slow.history()));
    expect(rowsOf(fast.history()).map((r) => [r.card, r.rating, r.durationMs])).toEqual([
      ['d/a', 3, 1200],
      ['d/a', 1, 800],
      ['d/b', 4, 300],
      ['d/b', 0, 500],
    ]);
  });
});

describe('moves and undos', () => {
  const r = (card: string, id: string): HistoryEntry => ({
    kind: 'review',
    id,
    card,
    rating: 3,
    reviewedAt: '2026-03-10T12:00:00.000Z',
    durationMs: 1000,
    state: 'Learning',
    scheduledDays: 0,
    prev: null,
  });
  const mv = (card: string, to: string): HistoryEntry => ({ kind: 'move', card, to });
  const un = (card: string, undoes: string): HistoryEntry => ({
    kind: 'undo',
    card,
    undoes,
    restore: null,
  });

  it('re-keys earlier entries through chains of moves, and merges into a key in use', () => {
    const log = [
      r('d/x', 'x1'),
      r('d/y', 'y1'),
      mv('d/x', 'd/y'), // x's history joins y's
      r('d/x', 'x2'), // a new card that happens to reuse the old key
      mv('d/y', 'd/z'),
      r('d/z', 'z1'),
    ];
    expect(shape(historyOf(log)).map((row) => row.card)).toEqual(['d/z', 'd/z', 'd/x', 'd/z']);
    expect(shape(historyOf(log))).toEqual(expectedRows(log));
  });

  it('cancels the review an undo names, even one logged after it', () => {
    const log = [r('d/a', 'a1'), un('d/b', 'b1'), r('d/a', 'a2'), un('d/a', 'a1'), r('d/b', 'b1')];
    expect(shape(historyOf(log)).map((row) => row.undone)).toEqual([true, false, true]);
  });

  it('agrees with the plain reading on random logs', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const keys = ['d/a', 'd/b', 'd/c', 'e/a'];
    for (let round = 0; round < 200; round++) {
      const log: HistoryEntry[] = [];
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) {
        const key = keys[rand(keys.length)]!;
        const kind = rand(10);
        if (kind < 5) {
          const id = `r${round}-${i}`;
          ids.push(id);
          log.push(r(key, id));
        } else if (kind < 6) {
          const id = `c${round}-${i}`;
          ids.push(id);
          log.push({ kind: 'cram', id, card: key, at: '2026-03-10T12:00:00.000Z', durationMs: 5 });
        } else if (kind < 8) {
          log.push(mv(key, keys[rand(keys.length)]!));
        } else if (ids.length > 0) {
          log.push(un(key, ids[rand(ids.length)]!));
        }
      }
      expect(shape(historyOf(log)), `round ${round}`).toEqual(expectedRows(log));
    }
  });
});

describe('the history cache', () => {
  /** A log of `n` reviews over 50 cards, in the app's own line format. */
  function logLines(n: number, from = 0): string[] {
    return Array.from({ length: n }, (_, i) => {
      const k = from + i;
      const at = new Date(Date.UTC(2026, 0, 1) + k * 60_000).toISOString();
      const prev = k >= 50 ? state(1, at) : null;
      return JSON.stringify(review(`d/c${k % 50}`, state(2, at), prev, { rating: 3 }));
    });
  }

  const write = (dir: string, lines: readonly string[]) =>
    writeFileSync(join(dir, 'reviews.jsonl'), lines.map((l) => `${l}\n`).join(''));

  async function read(dir: string, cache?: string): Promise<History> {
    const log = LogFile.open(join(dir, 'reviews.jsonl'));
    try {
      return await readHistory(log, cache);
    } finally {
      log.close();
    }
  }

  it('is written once enough lines were read, then only the lines after it are read', async () => {
    const dir = tempDir();
    const cache = join(tempDir(), 'history.bin');
    const lines = logLines(1500);
    write(dir, lines);
    const first = await read(dir, cache);
    expect(first.rows).toBe(1500);
    expect(readFileSync(cache).length).toBeGreaterThan(1500 * 30);

    const extra = logLines(3, 1500);
    appendFileSync(join(dir, 'reviews.jsonl'), extra.map((l) => `${l}\n`).join(''));
    const readText = vi.spyOn(LogFile.prototype, 'readText');
    const second = await read(dir, cache);
    const cachedBytes = Buffer.byteLength(lines.map((l) => `${l}\n`).join(''));
    expect(readText.mock.calls.map((c) => c[0])).toEqual([cachedBytes]);
    expect(rowsOf(second)).toEqual(rowsOf(await read(dir)));
    expect(second.rows).toBe(1503);
  });

  it('applies undos and moves in the new lines to rows from the cache', async () => {
    const dir = tempDir();
    const cache = join(tempDir(), 'history.bin');
    const lines = logLines(1200);
    write(dir, lines);
    await read(dir, cache);

    const target = JSON.parse(lines[1100]!) as LogEntry & { kind: 'review' };
    const tail = [
      JSON.stringify(undo(target, '2026-02-01T00:00:00.000Z')),
      JSON.stringify({
        v: 1,
        id: 'mv-1',
        kind: 'move',
        card: 'd/c7',
        to: 'd/seven',
        at: '2026-02-01T00:00:00.000Z',
      }),
      JSON.stringify(cram('d/c7', '2026-02-01T00:01:00.000Z')),
    ];
    appendFileSync(join(dir, 'reviews.jsonl'), tail.map((l) => `${l}\n`).join(''));

    const cached = await read(dir, cache);
    const fresh = await read(dir);
    expect(rowsOf(cached)).toEqual(rowsOf(fresh));
    const rows = rowsOf(cached);
    expect(rows[1100]!.flags! & ROW_UNDONE).toBe(ROW_UNDONE);
    expect(rows.filter((row) => row.card === 'd/seven')).toHaveLength(24);
    expect(rows.at(-1)).toMatchObject({ card: 'd/c7', flags: ROW_CRAM });
  });

  it('is not used for a log that was replaced, shortened or edited near its end', async () => {
    const dir = tempDir();
    const cache = join(tempDir(), 'history.bin');
    write(dir, logLines(1100));
    await read(dir, cache);

    write(dir, logLines(1100, 5)); // same length, other content
    expect(rowsOf(await read(dir, cache))).toEqual(rowsOf(await read(dir)));
    write(dir, logLines(10));
    expect((await read(dir, cache)).rows).toBe(10);
  });

  it('treats a damaged cache file as absent and replaces it', async () => {
    const dir = tempDir();
    const cache = join(tempDir(), 'history.bin');
    write(dir, logLines(1100));
    const good = rowsOf(await read(dir, cache));
    const bytes = readFileSync(cache);
    for (const damaged of [
      bytes.subarray(0, bytes.length - 1),
      Buffer.concat([bytes, Buffer.from([0])]),
      Buffer.from('not a cache at all'),
      Buffer.alloc(0),
    ]) {
      writeFileSync(cache, damaged);
      expect(rowsOf(await read(dir, cache))).toEqual(good);
      expect(readFileSync(cache).equals(bytes)).toBe(true);
    }
  });

  it('clears temp files an interrupted write left an hour ago, not a write in progress', async () => {
    const dir = tempDir();
    const cacheDir = tempDir();
    const cache = join(cacheDir, 'history.bin');
    const stale = join(cacheDir, '.history.bin.0123456789ab.tmp');
    const fresh = join(cacheDir, '.history.bin.456789abcdef.tmp');
    writeFileSync(stale, 'x');
    writeFileSync(fresh, 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    write(dir, logLines(1100));
    await read(dir, cache);
    expect(readdirSync(cacheDir).sort()).toEqual(['.history.bin.456789abcdef.tmp', 'history.bin']);
  });

  it('round-trips its state, also from a buffer that is not 8-byte aligned', () => {
    const b = new HistoryBuilder();
    for (const line of logLines(30)) b.line(line);
    b.entry({ kind: 'undo', card: 'd/zz', undoes: 'never-seen', restore: null });
    const bytes = encodeHistory(b.state(), 1234, 'abcd');
    const shifted = new Uint8Array(bytes.length + 3).subarray(3);
    shifted.set(bytes);
    const back = decodeHistory(shifted);
    expect(back).toMatchObject({ logOffset: 1234, logTail: 'abcd' });
    expect(back!.state.pending).toEqual(['never-seen']);
    expect(rowsOf(new HistoryBuilder(back!.state).history())).toEqual(rowsOf(b.history()));
  });
});
