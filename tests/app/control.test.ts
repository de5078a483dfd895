/** Suspend, bury and mark: log entries that hold cards out of the queue, each undoable. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Recorder } from '../../src/app/recorder.js';
import type { CardProgress } from '../../src/core/model.js';
import { buildQueue, nextDue } from '../../src/core/queue.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { UserError } from '../../src/errors.js';
import { ProgressStore } from '../../src/store/progress.js';
import { removeTempDirs, tempDir } from '../store/entries.js';
import { basic } from '../support/cards.js';

const t0 = Date.parse('2026-03-10T10:00:00.000Z');
const minute = 60_000;
const tomorrow = Date.parse('2026-03-11T04:00:00.000Z');
const scheduler = new Scheduler(defaultDeckSettings);
const clock = (now: number) => ({ now, dayStartsAt: 4 });
const cards = [basic('a'), basic('b', { note: 'n' }), basic('c', { note: 'n' }), basic('d')];

async function session(dir: string) {
  const { store } = await ProgressStore.open(dir);
  return { store, recorder: new Recorder(store, () => scheduler) };
}

const queued = (store: ProgressStore, now: number): string[] => {
  const q = buildQueue(
    cards.map((card) => ({ card, progress: store.get(card.key), settings: defaultDeckSettings })),
    clock(now),
  );
  return [...q.learning, ...q.review, ...q.fresh].map((i) => i.card.key);
};

afterAll(removeTempDirs);

describe('suspend', () => {
  it('holds a card out of every queue until undone, and survives a rebuild from the log', async () => {
    const dir = tempDir();
    const { store, recorder } = await session(dir);
    recorder.rate('d', 'd/a', 1, t0, 3000);
    expect(queued(store, t0 + 20 * minute)).toContain('d/a');
    recorder.control(['d/a'], { kind: 'suspend' }, t0 + minute);
    expect(store.get('d/a')?.suspended).toBe(true);
    expect(queued(store, t0 + 20 * minute)).not.toContain('d/a');
    // Suspending again changes nothing and writes nothing.
    expect(recorder.control(['d/a'], { kind: 'suspend' }, t0 + 2 * minute)).toBeUndefined();
    await store.close();

    const again = await session(dir);
    expect(again.store.get('d/a')).toMatchObject({ suspended: true, srs: { reps: 1 } });
    // A rating (from a session that had it queued) keeps it suspended.
    again.recorder.rate('d', 'd/a', 3, t0 + 3 * minute, 3000);
    expect(again.store.get('d/a')).toMatchObject({ suspended: true, srs: { reps: 2 } });
    await again.store.close();

    const { store: fresh } = await ProgressStore.open(dir, { checkpointAfter: 0 });
    expect(fresh.get('d/a')?.suspended).toBe(true);
    await fresh.close();
  });

  it('is undone like a rating, by the session that did it', async () => {
    const dir = tempDir();
    const { store, recorder } = await session(dir);
    const id = recorder.control(['d/b'], { kind: 'suspend' }, t0)!;
    expect(queued(store, t0)).not.toContain('d/b');
    expect(recorder.undo(id, t0 + minute)).toBeUndefined();
    expect(store.get('d/b')?.suspended).toBeUndefined();
    expect(queued(store, t0 + minute)).toContain('d/b');
    expect(recorder.undo(id, t0 + 2 * minute)).toBe('unknown');
    await store.close();
    const lines = readFileSync(`${dir}/reviews.jsonl`, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).kind)).toEqual(['suspend', 'unsuspend']);
    expect(lines.every((l) => l.startsWith('{"v":2,'))).toBe(true);
  });
});

describe('bury', () => {
  it('holds a note’s cards out until the next study day, and nextDue says when they return', async () => {
    const dir = tempDir();
    const { store, recorder } = await session(dir);
    const id = recorder.control(['d/b', 'd/c'], { kind: 'bury', until: tomorrow }, t0)!;
    expect(queued(store, t0)).toEqual(['d/a', 'd/d']);
    expect(queued(store, tomorrow)).toEqual(['d/a', 'd/b', 'd/d']);
    const held = cards
      .filter((c) => c.noteId === 'n')
      .map((card) => ({ card, progress: store.get(card.key), settings: defaultDeckSettings }));
    expect(nextDue(held, clock(t0))).toBe(tomorrow);
    // Undone: both cards come back now.
    expect(recorder.undo(id, t0 + minute)).toBeUndefined();
    expect(store.get('d/b')?.buriedUntil).toBeUndefined();
    expect(store.get('d/c')?.buriedUntil).toBeUndefined();
    expect(queued(store, t0 + minute)).toContain('d/b');
    await store.close();
  });
});

describe('mark', () => {
  it('sets, replaces and clears a mark; undo puts back the one before', async () => {
    const dir = tempDir();
    const { store, recorder } = await session(dir);
    recorder.control(['d/a'], { kind: 'mark', mark: 'todo' }, t0);
    const id = recorder.control(['d/a'], { kind: 'mark', mark: 'red' }, t0 + minute)!;
    expect(store.get('d/a')?.mark).toBe('red');
    expect(recorder.undo(id, t0 + 2 * minute)).toBeUndefined();
    expect(store.get('d/a')?.mark).toBe('todo');
    recorder.control(['d/a'], { kind: 'mark', mark: '' }, t0 + 3 * minute);
    expect(store.get('d/a')).toStrictEqual({ srs: null } satisfies CardProgress);
    // Marks do not hold a card out.
    expect(queued(store, t0)).toContain('d/a');
    expect(() => recorder.control(['d/a'], { kind: 'mark', mark: 'x'.repeat(41) }, t0)).toThrow(
      UserError,
    );
    await store.close();
  });

  it('travels with the card’s progress when it moves', async () => {
    const dir = tempDir();
    const { store, recorder } = await session(dir);
    recorder.rate('d', 'd/a', 3, t0, 3000);
    recorder.control(['d/a'], { kind: 'mark', mark: 'red' }, t0 + minute);
    recorder.control(['d/a'], { kind: 'suspend' }, t0 + minute);
    store.append({
      v: 1,
      id: 'm1',
      kind: 'move',
      card: 'd/a',
      to: 'd/z',
      at: new Date(t0 + 2 * minute).toISOString(),
    });
    expect(store.get('d/z')).toMatchObject({ mark: 'red', suspended: true, srs: { reps: 1 } });
    expect(store.get('d/a')).toBeUndefined();
    await store.close();
  });
});
