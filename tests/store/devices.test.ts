import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { moveProgress, Recorder } from '../../src/app/recorder.js';
import { lastStep, recordSet, undoSet } from '../../src/app/set-state.js';
import type { History } from '../../src/core/history.js';
import type { SrsState } from '../../src/core/model.js';
import type { QuizResult } from '../../src/core/quiz-score.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { deviceLogPath } from '../../src/store/log.js';
import { MIGRATED_LOG, ProgressStore } from '../../src/store/progress.js';
import {
  appendQuizResult,
  quizHistoryPath,
  readQuizHistory,
} from '../../src/store/quiz-history.js';
import type { Reschedule } from '../../src/store/replay.js';
import { removeTempDirs, review, state, tempDir } from './entries.js';

afterAll(removeTempDirs);

const day = 86_400_000;
const t0 = Date.parse('2026-01-01T09:00:00Z');
const scheduler = new Scheduler(defaultDeckSettings);
const reschedule: Reschedule = (key, prev, rating, at) => scheduler.rate(key, prev, rating, at);
const LAPTOP = 'laptop-0a0a';
const DESKTOP = 'desktop-0b0b';

async function machine(dir: string, device: string) {
  const { store, problems } = await ProgressStore.open(dir, {
    device,
    reschedule: async () => reschedule,
  });
  return { store, problems, recorder: new Recorder(store, () => scheduler) };
}

/** What a sync does to the files: each device's log copied to the other folder. */
function sync(from: string, to: string, device: string): void {
  mkdirSync(join(to, 'log'), { recursive: true });
  copyFileSync(deviceLogPath(from, device), deviceLogPath(to, device));
}

/** The card's state after these ratings, given in time order on one machine. */
function replayed(ratings: readonly [1 | 2 | 3 | 4, number][]): SrsState | null {
  let s: SrsState | null = null;
  for (const [r, at] of ratings) s = scheduler.rate('d/c', s, r, at);
  return s;
}

describe('progress from two devices', () => {
  it('replays both devices’ ratings in time order: the lapse is not lost', async () => {
    const a = tempDir();
    const b = tempDir();
    const laptop = await machine(a, LAPTOP);
    // Both machines know the card from a month of reviews on the laptop.
    for (const [i, at] of [t0, t0 + day, t0 + 4 * day, t0 + 14 * day].entries()) {
      laptop.recorder.rate('d', 'd/c', 3, at + i, 3000);
    }
    await laptop.store.close();
    sync(a, b, LAPTOP);
    // Laptop: Again on day 30. Desktop, not synced since: Good on day 31.
    const l = await machine(a, LAPTOP);
    l.recorder.rate('d', 'd/c', 1, t0 + 30 * day, 3000);
    await l.store.close();
    const d = await machine(b, DESKTOP);
    const good = d.recorder.rate('d', 'd/c', 3, t0 + 31 * day, 3000);
    await d.store.close();

    const expected = replayed([
      [3, t0],
      [3, t0 + day + 1],
      [3, t0 + 4 * day + 2],
      [3, t0 + 14 * day + 3],
      [1, t0 + 30 * day],
      [3, t0 + 31 * day],
    ]);
    expect(expected?.lapses).toBe(1);
    // Newest-state-wins would keep the desktop's own result, with no lapse.
    expect(good.next.lapses).toBe(0);

    sync(a, b, LAPTOP);
    sync(b, a, DESKTOP);
    const onA = await machine(a, LAPTOP);
    const onB = await machine(b, DESKTOP);
    expect(onA.store.get('d/c')?.srs).toStrictEqual(expected);
    expect(onB.store.get('d/c')?.srs).toStrictEqual(expected);
    await onA.store.close();
    await onB.store.close();
    // The snapshots written at close give the same state again.
    const again = await machine(b, DESKTOP);
    expect(again.store.get('d/c')?.srs).toStrictEqual(expected);
    await again.store.close();
  });

  it('a device’s next rating, built on its own rating that replay recomputed, is recomputed too', async () => {
    const a = tempDir();
    const b = tempDir();
    const laptop = await machine(a, LAPTOP);
    laptop.recorder.rate('d', 'd/c', 3, t0, 3000);
    await laptop.store.close();
    // The desktop, never synced, rates the card twice: its second rating is built on its first,
    // which knew nothing of the laptop's.
    const desktop = await machine(b, DESKTOP);
    desktop.recorder.rate('d', 'd/c', 3, t0 + day, 3000);
    const second = desktop.recorder.rate('d', 'd/c', 3, t0 + 3 * day, 3000);
    await desktop.store.close();
    const expected = replayed([
      [3, t0],
      [3, t0 + day],
      [3, t0 + 3 * day],
    ]);
    expect(second.next.reps).toBe(2);
    expect(expected?.reps).toBe(3);

    sync(a, b, LAPTOP);
    sync(b, a, DESKTOP);
    for (const [dir, device] of [
      [a, LAPTOP],
      [b, DESKTOP],
    ] as const) {
      const m = await machine(dir, device);
      expect(m.store.get('d/c')?.srs).toStrictEqual(expected);
      await m.store.close();
    }
  });

  it('takes in another device’s lines while a session is open, in either order', async () => {
    const a = tempDir();
    const b = tempDir();
    const laptop = await machine(a, LAPTOP);
    const desktop = await machine(b, DESKTOP);
    laptop.recorder.rate('d', 'd/c', 3, t0, 3000);
    desktop.recorder.rate('d', 'd/c', 2, t0 + day, 3000);
    laptop.recorder.rate('d', 'd/c', 4, t0 + 2 * day, 3000);
    sync(a, b, LAPTOP);
    sync(b, a, DESKTOP);
    laptop.store.refresh();
    desktop.store.refresh();
    const expected = replayed([
      [3, t0],
      [2, t0 + day],
      [4, t0 + 2 * day],
    ]);
    expect(laptop.store.get('d/c')?.srs).toStrictEqual(expected);
    expect(desktop.store.get('d/c')?.srs).toStrictEqual(expected);
    await laptop.store.close();
    await desktop.store.close();
  });

  it('an undo on one device cancels only its rating: the other device’s later one stays', async () => {
    const a = tempDir();
    const b = tempDir();
    const laptop = await machine(a, LAPTOP);
    const first = laptop.recorder.rate('d', 'd/c', 3, t0, 3000);
    await laptop.store.close();
    sync(a, b, LAPTOP);
    const desktop = await machine(b, DESKTOP);
    desktop.recorder.rate('d', 'd/c', 2, t0 + day, 3000);
    await desktop.store.close();
    // The laptop, not synced, undoes its rating after the desktop's.
    const l = await machine(a, LAPTOP);
    const recorder = new Recorder(l.store, () => scheduler);
    // (A new session cannot undo an old one's rating: write the undo as that session would.)
    l.store.append({
      v: 1,
      id: 'zzzzzzzzz-000000000001',
      kind: 'undo',
      card: 'd/c',
      undoes: first.entryId,
      at: new Date(t0 + 2 * day).toISOString(),
      restore: null,
    });
    expect(recorder.current('d/c')).toBeNull();
    await l.store.close();
    sync(a, b, LAPTOP);
    sync(b, a, DESKTOP);
    const expected = replayed([[2, t0 + day]]);
    for (const [dir, device] of [
      [a, LAPTOP],
      [b, DESKTOP],
    ] as const) {
      const m = await machine(dir, device);
      expect(m.store.get('d/c')?.srs).toStrictEqual(expected);
      await m.store.close();
    }
  });
});

describe('a reschedule on one device and ratings on another', () => {
  /** The desktop's reschedule of d/c and d/k at `at`: each card's state, due a week later. */
  async function rescheduleOnDesktop(dir: string, at: number) {
    const d = await machine(dir, DESKTOP);
    const step = recordSet(
      d.store,
      ['d/c', 'd/k'],
      (_, cur) => cur && { ...cur, due: cur.due + 7 * day, stability: cur.stability * 2 },
      'reschedule',
      at,
    );
    expect(step.changed).toHaveLength(2);
    await d.store.close();
    return step;
  }

  it('keep every rating: one given before the reschedule wins over it, one after is built on it', async () => {
    const a = tempDir();
    const b = tempDir();
    const laptop = await machine(a, LAPTOP);
    laptop.recorder.rate('d', 'd/c', 3, t0, 3000);
    laptop.recorder.rate('d', 'd/k', 3, t0, 3000);
    await laptop.store.close();
    sync(a, b, LAPTOP);
    // The laptop, not synced, rates d/c before the desktop's reschedule and d/k after it.
    const l = await machine(a, LAPTOP);
    l.recorder.rate('d', 'd/c', 1, t0 + 2 * day, 3000);
    l.recorder.rate('d', 'd/k', 2, t0 + 4 * day, 3000);
    await l.store.close();
    const step = await rescheduleOnDesktop(b, t0 + 3 * day);
    const set = new Map(step.changed.map((c) => [c.key, c.srs!]));

    sync(a, b, LAPTOP);
    sync(b, a, DESKTOP);
    // d/c: the reschedule was computed without the Again, so it gives way to it.
    const c = replayed([
      [3, t0],
      [1, t0 + 2 * day],
    ]);
    // d/k: the Hard is recomputed on the rescheduled state.
    const k = scheduler.rate('d/k', set.get('d/k')!, 2, t0 + 4 * day);
    for (const [dir, device] of [
      [a, LAPTOP],
      [b, DESKTOP],
    ] as const) {
      const m = await machine(dir, device);
      expect(m.store.get('d/c')?.srs).toStrictEqual(c);
      expect(m.store.get('d/k')?.srs).toStrictEqual(k);
      await m.store.close();
    }
  });

  it('undone on the laptop, puts back the states on both machines', async () => {
    const a = tempDir();
    const b = tempDir();
    const laptop = await machine(a, LAPTOP);
    laptop.recorder.rate('d', 'd/c', 3, t0, 3000);
    laptop.recorder.rate('d', 'd/k', 4, t0, 3000);
    const before = [laptop.store.get('d/c')?.srs, laptop.store.get('d/k')?.srs];
    await laptop.store.close();
    sync(a, b, LAPTOP);
    await rescheduleOnDesktop(b, t0 + 3 * day);
    sync(b, a, DESKTOP);
    const l = await machine(a, LAPTOP);
    expect(l.store.get('d/c')?.srs?.due).toBe(before[0]!.due + 7 * day);
    const last = lastStep(l.store, 'reschedule')!;
    expect(undoSet(l.store, last.batch, last.changed, t0 + 4 * day).changed).toHaveLength(2);
    expect(lastStep(l.store, 'reschedule')).toBeUndefined();
    await l.store.close();
    sync(a, b, LAPTOP);
    for (const [dir, device] of [
      [a, LAPTOP],
      [b, DESKTOP],
    ] as const) {
      const m = await machine(dir, device);
      expect([m.store.get('d/c')?.srs, m.store.get('d/k')?.srs]).toStrictEqual(before);
      await m.store.close();
    }
  });
});

/** A history's rows as statistics read them: card (by its key now), time, rating, interval, flags. */
const rows = (h: History) =>
  Array.from({ length: h.rows }, (_, r) => ({
    card: h.keys[h.slot[r]!],
    at: h.at[r],
    rating: h.rating[r],
    prevDays: h.prevScheduledDays[r],
    flags: h.flags[r],
  }));

describe('the stats history of two devices', () => {
  it('is the one machine’s that gave every rating in time order, moves included', async () => {
    type Step = (r: Recorder, store: ProgressStore) => void;
    const steps: [typeof LAPTOP | typeof DESKTOP, Step][] = [
      [LAPTOP, (r) => r.rate('d', 'd/h', 3, t0, 3000)],
      [LAPTOP, (r) => r.rate('d', 'd/c', 3, t0 + 1000, 3000)],
      [DESKTOP, (r) => r.rate('d', 'd/c', 3, t0 + day, 3000)],
      // The desktop's log is read first (its id sorts first): its move must still come after
      // the laptop's rating of d/h in time, not before it.
      [DESKTOP, (_, store) => moveProgress(store, 'd/h', 'd/x', t0 + 2 * day)],
      [LAPTOP, (r) => r.rate('d', 'd/c', 1, t0 + 3 * day, 3000)],
    ];
    const alone = tempDir();
    const one = await machine(alone, 'one-0c0c');
    for (const [, step] of steps) step(one.recorder, one.store);
    const expected = rows(await one.store.history());
    await one.store.close();
    expect(expected.map((r) => r.card)).toEqual(['d/x', 'd/c', 'd/c', 'd/c']);

    // Neither machine syncs until the end: each rates the card from its own view of it.
    const a = tempDir();
    const b = tempDir();
    const laptop = await machine(a, LAPTOP);
    const desktop = await machine(b, DESKTOP);
    for (const [device, step] of steps) {
      const m = device === LAPTOP ? laptop : desktop;
      step(m.recorder, m.store);
    }
    await laptop.store.close();
    await desktop.store.close();
    sync(a, b, LAPTOP);
    sync(b, a, DESKTOP);
    for (const [dir, device] of [
      [a, LAPTOP],
      [b, DESKTOP],
    ] as const) {
      const m = await machine(dir, device);
      expect(rows(await m.store.history()), device).toEqual(expected);
      await m.store.close();
    }
  });
});

describe('the single reviews.jsonl of an older recall', () => {
  it('becomes this device’s log, byte for byte, and is kept under another name', async () => {
    const dir = tempDir();
    const text = `${JSON.stringify(review('d/a', state(1), null))}\n${JSON.stringify(review('d/b', state(2), null))}\n{"torn":`;
    writeFileSync(join(dir, 'reviews.jsonl'), text);
    const old = await ProgressStore.open(dir, { readOnly: true });
    const states = new Map(old.store.cards());
    await old.store.close();

    const m = await machine(dir, LAPTOP);
    expect(new Map(m.store.cards())).toStrictEqual(states);
    expect(m.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^incomplete last line/),
    ]);
    await m.store.close();
    expect(existsSync(join(dir, 'reviews.jsonl'))).toBe(false);
    expect(readFileSync(join(dir, MIGRATED_LOG), 'utf8')).toBe(text);
    expect(readFileSync(deviceLogPath(dir, LAPTOP), 'utf8').startsWith(text)).toBe(true);

    // Opened again, nothing moves twice.
    const again = await machine(dir, LAPTOP);
    expect(new Map(again.store.cards())).toStrictEqual(states);
    await again.store.close();
    expect(readFileSync(join(dir, MIGRATED_LOG), 'utf8')).toBe(text);
  });
});

describe('mock-test results from several devices', () => {
  const result = (id: string, at: number): QuizResult => ({
    id,
    at,
    seed: id,
    selection: { decks: [], tags: [] },
    count: 1,
    correct: 1,
    durationMs: 1000,
    questions: [{ card: 'd/c', correct: true }],
  });

  it('are kept per device and read together, oldest first', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'quizzes.jsonl'),
      `${JSON.stringify({ ...result('old', 0), at: new Date(t0).toISOString() })}\n`,
    );
    const m = await machine(dir, LAPTOP);
    // The old single file moved to this device's, and kept.
    expect(existsSync(join(dir, 'quizzes.jsonl.migrated'))).toBe(true);
    m.store.appendQuiz(result('laptop', t0 + 2 * day));
    await m.store.close();
    appendQuizResult(dir, result('desktop', t0 + day), DESKTOP);
    const { results, problems } = await readQuizHistory(dir);
    expect(problems).toEqual([]);
    expect(results.map((r) => r.id)).toEqual(['old', 'desktop', 'laptop']);
    expect(existsSync(quizHistoryPath(dir, LAPTOP))).toBe(true);
  });
});
