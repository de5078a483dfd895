import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { History } from '../../src/core/history.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { readMergedHistory } from '../../src/store/history-cache.js';
import { deviceLogPath, LogFile } from '../../src/store/log.js';
import type { ReviewEntry } from '../../src/store/model.js';
import type { Reschedule } from '../../src/store/replay.js';
import { removeTempDirs, review, state, tempDir, undo } from './entries.js';

afterAll(removeTempDirs);
afterEach(() => {
  vi.restoreAllMocks();
});

const scheduler = new Scheduler(defaultDeckSettings);
const reschedule: Reschedule = (key, prev, rating, at) => scheduler.rate(key, prev, rating, at);
const A = 'aa-0a0a';
const B = 'bb-0b0b';
const minute = 60_000;
const t0 = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * `n` reviews of 30 cards by `device`, one every two minutes from `start`, each built on the
 * device's own previous state of the card: where the other device rated the card in between,
 * replay recomputes it.
 */
function ratings(n: number, start: number, seed: number): ReviewEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const at = iso(start + i * 2 * minute);
    const reps = Math.floor(i / 30) + 1;
    const prev = reps > 1 ? state(reps - 1, iso(start + (i - 30) * 2 * minute)) : null;
    return review(`d/c${(i * 7 + seed) % 30}`, state(reps, at), prev, {
      rating: ((i + seed) % 4) + 1,
    } as Partial<ReviewEntry>);
  });
}

const text = (entries: readonly object[]) => entries.map((e) => `${JSON.stringify(e)}\n`).join('');
const add = (dir: string, device: string, entries: readonly object[]) =>
  appendFileSync(deviceLogPath(dir, device), text(entries));

/** Two devices' logs whose ratings interleave in time (B's a minute after each of A's). */
function folder(n = 700): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'log'));
  writeFileSync(deviceLogPath(dir, A), text(ratings(n, t0, 0)));
  writeFileSync(deviceLogPath(dir, B), text(ratings(n, t0 + minute, 3)));
  return dir;
}

async function read(
  dir: string,
  cache?: { file: string; key: string },
  devices: readonly string[] = [A, B],
  own = A,
): Promise<History> {
  const logs = devices.map((device) => ({ device, log: LogFile.open(deviceLogPath(dir, device)) }));
  try {
    return await readMergedHistory(logs, own, reschedule, cache);
  } finally {
    for (const { log } of logs) log.close();
  }
}

/** A history as plain rows, to compare two. */
function rowsOf(h: History) {
  return Array.from({ length: h.rows }, (_, i) => ({
    card: h.keys[h.slot[i]!],
    at: h.at[i],
    rating: h.rating[i],
    flags: h.flags[i],
    prevDays: h.prevScheduledDays[i],
  }));
}

/** Where each read of a log started, as [device, offset]. */
function readsOf(spy: { mock: { calls: unknown[][]; contexts: unknown[] } }) {
  return spy.mock.calls.map((c, i) => [(spy.mock.contexts[i] as LogFile).path, c[0]]);
}

const size = (dir: string, device: string) => statSync(deviceLogPath(dir, device)).size;

describe('the stats history of several devices’ logs, cached', () => {
  it('goes on from the file for lines after it, to the rows a replay from the start gives', async () => {
    const dir = folder();
    const cache = { file: join(tempDir(), 'history.bin'), key: 'k1' };
    const first = await read(dir, cache);
    expect(rowsOf(first)).toEqual(rowsOf(await read(dir)));
    expect(first.rows).toBe(1400);
    const [sizeA, sizeB] = [size(dir, A), size(dir, B)];
    expect(readFileSync(cache.file).length).toBeGreaterThan(1400 * 20);

    const later = t0 + 3000 * minute;
    add(dir, A, ratings(40, later, 1));
    add(dir, B, ratings(40, later + minute, 2));
    const spy = vi.spyOn(LogFile.prototype, 'readText');
    const second = await read(dir, cache);
    expect(readsOf(spy)).toEqual([
      [deviceLogPath(dir, A), sizeA],
      [deviceLogPath(dir, B), sizeB],
    ]);
    spy.mockRestore();
    expect(rowsOf(second)).toEqual(rowsOf(await read(dir)));
    expect(second.rows).toBe(1480);
  });

  it('replays from the start when a line after the file sorts before one it covers', async () => {
    const dir = folder();
    const cache = { file: join(tempDir(), 'history.bin'), key: 'k1' };
    await read(dir, cache);
    // B's clock was behind: its new line's time is among the lines the file covers.
    add(dir, B, ratings(1, t0 + 500 * minute, 5));
    const spy = vi.spyOn(LogFile.prototype, 'readText');
    const cached = await read(dir, cache);
    expect(readsOf(spy).map(([, offset]) => offset)).toContain(0);
    spy.mockRestore();
    expect(rowsOf(cached)).toEqual(rowsOf(await read(dir)));
  });

  it('replays from the start when an undo after the file makes replay start over', async () => {
    const dir = folder();
    const cache = { file: join(tempDir(), 'history.bin'), key: 'k1' };
    await read(dir, cache);
    // B rates a card, A rates it after, then B undoes its rating: A's must be re-applied.
    const later = t0 + 3000 * minute;
    const [mine] = ratings(1, later, 0);
    add(dir, B, [mine!]);
    add(dir, A, [review(mine!.card, state(9, iso(later + minute)), null)]);
    add(dir, B, [undo(mine!, iso(later + 2 * minute))]);
    const cached = await read(dir, cache);
    const fresh = await read(dir);
    expect(rowsOf(cached)).toEqual(rowsOf(fresh));
    expect(cached.rows).toBe(fresh.rows);
  });

  it('is not used under another key, for another device, a log edited at its end, or a log gone', async () => {
    const dir = folder();
    const file = join(tempDir(), 'history.bin');
    await read(dir, { file, key: 'k1' });
    const fromStart = async (run: () => Promise<History>) => {
      const spy = vi.spyOn(LogFile.prototype, 'readText');
      const h = await run();
      const offsets = readsOf(spy).map(([, offset]) => offset);
      spy.mockRestore();
      expect(offsets.slice(0, 2)).toEqual([0, 0]);
      return h;
    };
    // Another key: the settings a recomputed rating is computed with changed.
    await fromStart(() => read(dir, { file, key: 'k2' }));
    // Read by the other device: replay trusts another device's sequence.
    const asB = await fromStart(() => read(dir, { file, key: 'k2' }, [A, B], B));
    expect(rowsOf(asB)).toEqual(rowsOf(await read(dir, undefined, [A, B], B)));
    await read(dir, { file, key: 'k1' });
    // A's last line edited (as the one-log cache, the fingerprint is of the bytes before the
    // offset: an append-only log changes there when it is replaced or edited).
    const log = deviceLogPath(dir, A);
    const bytes = readFileSync(log, 'utf8');
    const at = bytes.lastIndexOf('"rating":');
    writeFileSync(log, `${bytes.slice(0, at)}"rating":9${bytes.slice(at + 10)}`);
    const edited = await fromStart(() => read(dir, { file, key: 'k1' }));
    expect(rowsOf(edited)).toEqual(rowsOf(await read(dir)));
    // A log the file covers is gone (the other device's log not synced here).
    const alone = async () => read(dir, { file, key: 'k1' }, [A]);
    const spy = vi.spyOn(LogFile.prototype, 'readText');
    await alone();
    expect(readsOf(spy).map(([, offset]) => offset)[0]).toBe(0);
  });

  it('treats a damaged file as absent and writes it anew', async () => {
    const dir = folder();
    const cache = { file: join(tempDir(), 'history.bin'), key: 'k1' };
    await read(dir, cache);
    const good = readFileSync(cache.file);
    for (const damage of [
      good.subarray(0, good.length - 7),
      Buffer.concat([good, Buffer.from('x')]),
      Buffer.from(good.map((b, i) => (i === good.length - 100 ? b ^ 1 : b))),
    ]) {
      writeFileSync(cache.file, damage);
      expect(rowsOf(await read(dir, cache))).toEqual(rowsOf(await read(dir)));
      expect(readFileSync(cache.file).equals(good)).toBe(true);
    }
  });
});
