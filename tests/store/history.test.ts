import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/srs/scheduler.js';
import { defaultDeckSettings } from '../../src/srs/settings.js';
import { followMoves, quickReview, readHistory, slim } from '../../src/store/history.js';
import type { LogEntry } from '../../src/store/model.js';
import { ProgressStore } from '../../src/store/progress.js';
import { parseEntry } from '../../src/store/validate.js';
import { Recorder } from '../../src/study/recorder.js';
import { removeTempDirs, tempDir } from './entries.js';

afterAll(removeTempDirs);

/** Review lines exactly as the app writes them: first rating, later ones, a cram reschedule. */
async function writtenLines(): Promise<string[]> {
  const dir = tempDir();
  const { store } = await ProgressStore.open(dir);
  const rec = new Recorder(store, () => new Scheduler(defaultDeckSettings));
  const t = Date.parse('2026-03-10T12:00:00Z');
  rec.rate('d', 'd/a', 3, new Date(t), 1200);
  rec.rate('d', 'd/a', 1, new Date(t + 600_000), 800);
  rec.rate('d', 'd/b', 4, new Date(t), 300, 'cram');
  rec.cram('d/b', 1, new Date(t + 1000), 500);
  await store.close();
  const { readFileSync } = await import('node:fs');
  return readFileSync(join(dir, 'reviews.jsonl'), 'utf8').trim().split('\n');
}

describe('history for statistics', () => {
  it('reads review lines as written by the app without JSON.parse, to the same result', async () => {
    const lines = await writtenLines();
    const reviews = lines.filter((l) => l.includes('"kind":"review"'));
    expect(reviews).toHaveLength(3);
    for (const line of reviews) {
      const full = parseEntry(line) as LogEntry;
      expect(quickReview(line)).toEqual(slim(full));
    }
    expect(quickReview(reviews[2]!)).toMatchObject({ via: 'cram', prev: null, rating: 4 });
    expect(quickReview(reviews[1]!)).toMatchObject({
      prev: { state: 'Learning', scheduledDays: 0 },
    });
  });

  it('leaves anything not in the writer’s own shape to the full parser', async () => {
    const [line] = await writtenLines();
    const entry = JSON.parse(line!) as Record<string, unknown>;
    const reordered = JSON.stringify({ kind: entry.kind, ...entry });
    expect(quickReview(reordered)).toBeNull();
    expect(quickReview(line!.replace('"card":"d/a"', '"card":"d/\\u0061"'))).toBeNull();
    expect(quickReview(line!.replace(/"rating":\d/, '"rating":7'))).toBeNull();
    expect(quickReview('{"v":1,"id":"x","kind":"cram"}')).toBeNull();
  });

  it('reads the whole log, skipping damaged lines, with moves re-keying earlier entries', async () => {
    const dir = tempDir();
    const lines = await writtenLines();
    const move = JSON.stringify({
      v: 1,
      id: 'm1',
      kind: 'move',
      card: 'd/a',
      to: 'd/alpha',
      at: '2026-03-11T00:00:00.000Z',
    });
    writeFileSync(join(dir, 'reviews.jsonl'), `${lines.join('\n')}\n{"broken\n${move}\n`);
    const history = await readHistory(dir);
    expect(history.map((e) => `${e.kind} ${e.card}`)).toEqual([
      'review d/alpha',
      'review d/alpha',
      'review d/b',
      'cram d/b',
      'move d/a',
    ]);
  });

  it('follows chains of moves to the latest key', () => {
    const h = followMoves([
      { kind: 'flag', card: 'd/x' },
      { kind: 'move', card: 'd/x', to: 'd/y' },
      { kind: 'move', card: 'd/y', to: 'd/z' },
    ]);
    expect(h[0]).toEqual({ kind: 'flag', card: 'd/z' });
  });
});
