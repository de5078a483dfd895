import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveProgress, Recorder } from '../../src/app/recorder.js';
import type { CardProgress } from '../../src/core/model.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import type { ReviewEntry } from '../../src/store/model.js';
import { ProgressStore } from '../../src/store/progress.js';
import { applyEntry, stateFingerprint } from '../../src/store/replay.js';
import { parseEntry } from '../../src/store/validate.js';
import { removeTempDirs, tempDir } from '../store/entries.js';
import { bundleWorker } from '../support/worker.js';

const t0 = Date.parse('2026-03-10T08:00:00Z');
const minute = 60_000;
const scheduler = new Scheduler(defaultDeckSettings);

async function session(dir: string) {
  const { store } = await ProgressStore.open(dir);
  return { store, recorder: new Recorder(store, () => scheduler) };
}

afterAll(removeTempDirs);

describe('two sessions rating one card', () => {
  it('show on the buttons what the rating will give, from the other session’s result', async () => {
    const dir = tempDir();
    const a = await session(dir);
    const b = await session(dir);
    // Both queued the card while it was new; A rates it first.
    const byA = a.recorder.rate('d', 'd/c0', 3, t0, 4000);
    const shown = b.recorder.preview('d', 'd/c0', t0 + minute);
    expect(shown).toStrictEqual(scheduler.preview('d/c0', byA.next, t0 + minute));
    expect(shown).not.toStrictEqual(scheduler.preview('d/c0', null, t0 + minute));
    const byB = b.recorder.rate('d', 'd/c0', 3, t0 + minute, 4000);
    expect(byB.prev).toStrictEqual(byA.next);
    expect(byB.next).toStrictEqual(shown[3]);
    await a.store.close();
    await b.store.close();
  });

  it('rate only if unchanged: the card another session rated since is left to it', async () => {
    const dir = tempDir();
    const a = await session(dir);
    const b = await session(dir);
    // Both queued the card while it was new.
    const byA = a.recorder.rateIfUnchanged('d', 'd/c0', null, 3, t0, 4000);
    expect(byA).not.toBeNull();
    expect(b.recorder.rateIfUnchanged('d', 'd/c0', null, 1, t0 + minute, 4000)).toBeNull();
    b.store.refresh();
    expect(b.store.get('d/c0')?.srs).toStrictEqual(byA!.next);
    // A's next step builds on the state its own rating gave; so does a rating after an undo.
    const again = a.recorder.rateIfUnchanged('d', 'd/c0', byA!.next, 3, t0 + 10 * minute, 4000);
    expect(again?.prev).toStrictEqual(byA!.next);
    expect(a.recorder.undo(again!.entryId, t0 + 11 * minute)).toBeUndefined();
    expect(
      a.recorder.rateIfUnchanged('d', 'd/c0', byA!.next, 4, t0 + 12 * minute, 4000),
    ).not.toBeNull();
    const reviews = readFileSync(join(dir, 'reviews.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).kind);
    expect(reviews).toEqual(['review', 'review', 'undo', 'review']);
    await a.store.close();
    await b.store.close();
  });

  it('undo only their own rating, never discarding the other’s', async () => {
    const dir = tempDir();
    const a = await session(dir);
    const b = await session(dir);
    const byA = a.recorder.rate('d', 'd/c0', 3, t0, 4000);
    const byB = b.recorder.rate('d', 'd/c0', 4, t0 + minute, 4000);
    // A's undo would restore the card to new, wiping B's rating: refused.
    expect(a.recorder.undo(byA.entryId, t0 + 2 * minute)).toBe('rated-since');
    a.store.refresh();
    expect(a.store.get('d/c0')?.srs).toStrictEqual(b.store.get('d/c0')?.srs);
    expect(a.store.get('d/c0')?.srs?.reps).toBe(2);
    // B undoes its own; then A's is the latest again and may go.
    expect(b.recorder.undo(byB.entryId, t0 + 3 * minute)).toBeUndefined();
    expect(b.store.get('d/c0')?.srs?.reps).toBe(1);
    expect(a.recorder.undo(byA.entryId, t0 + 4 * minute)).toBeUndefined();
    expect(a.store.get('d/c0')?.srs ?? null).toBeNull();
    // An entry this session did not write is not its to undo.
    expect(a.recorder.undo(byB.entryId, t0 + 5 * minute)).toBe('unknown');
    await a.store.close();
    await b.store.close();
  });

  it('follow a move another process logged (lint --fix gave the card an id)', async () => {
    const dir = tempDir();
    const review = await session(dir);
    const first = review.recorder.rate('d', 'd/h-0123456789', 3, t0, 4000);
    const fixer = await session(dir);
    moveProgress(fixer.store, 'd/h-0123456789', 'd/named', t0 + minute);
    await fixer.store.close();
    // The open session still shows the card under its old key.
    const second = review.recorder.rate('d', 'd/h-0123456789', 3, t0 + 10 * minute, 4000);
    expect(second.prev).toStrictEqual(first.next);
    expect(review.store.get('d/h-0123456789')).toBeUndefined();
    expect(review.store.get('d/named')?.srs).toStrictEqual(second.next);
    expect(review.recorder.undo(second.entryId, t0 + 11 * minute)).toBeUndefined();
    expect(review.store.get('d/named')?.srs).toStrictEqual(first.next);
    await review.store.close();
    const log = readFileSync(join(dir, 'reviews.jsonl'), 'utf8').trim().split('\n');
    expect(log.map((l) => JSON.parse(l).card)).toEqual([
      'd/h-0123456789',
      'd/h-0123456789',
      'd/named',
      'd/named',
    ]);
  });
});

describe('sessions in several processes', () => {
  const run = promisify(execFile);
  const here = dirname(fileURLToPath(import.meta.url));
  let worker = '';
  let workerDir = '';

  beforeAll(async () => {
    ({ file: worker, dir: workerDir } = await bundleWorker(join(here, 'rate-worker.ts')));
  });
  afterAll(() => rmSync(workerDir, { recursive: true, force: true }));

  it('build every rating on the card’s latest state: none computed from a stale one', async () => {
    const dir = tempDir();
    (await ProgressStore.open(dir)).store.close();
    const processes = 3;
    const each = 40;
    const startAt = Date.now() + 300;
    await Promise.all(
      Array.from({ length: processes }, () =>
        run(process.execPath, [
          worker,
          'rate',
          dir,
          '2',
          String(each),
          String(startAt),
          String(t0),
        ]),
      ),
    );
    const entries = readFileSync(join(dir, 'reviews.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => parseEntry(l) as ReviewEntry);
    expect(entries).toHaveLength(processes * each);
    // In log order, each rating was built on exactly the state the card's previous rating gave.
    const cards = new Map<string, CardProgress>();
    let stale = 0;
    for (const entry of entries) {
      expect(entry.on).toBeDefined();
      if (entry.on !== stateFingerprint(cards.get(entry.card)?.srs ?? null)) stale++;
      applyEntry(cards, entry);
    }
    expect(stale).toBe(0);
  });
});
