import { afterAll, describe, expect, it } from 'vitest';
import { DayLoads } from '../../src/app/day-load.js';
import { Recorder } from '../../src/app/recorder.js';
import { dayStart } from '../../src/core/day.js';
import { easyDaysFrom } from '../../src/core/load-balance.js';
import type { CardProgress, SrsState } from '../../src/core/model.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { type DeckSettings, defaultDeckSettings } from '../../src/core/settings.js';
import { ProgressStore } from '../../src/store/progress.js';
import { removeTempDirs, tempDir } from '../store/entries.js';

afterAll(removeTempDirs);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// 10:00 local on a study day starting at 04:00.
const today = dayStart(Date.parse('2026-03-10T12:00:00Z'), 4);
const now = today + 6 * HOUR;

function review(due: number): SrsState {
  return {
    state: 'Review',
    due,
    stability: 10,
    difficulty: 5,
    scheduledDays: 10,
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    lastReview: due - 10 * DAY,
  };
}

const settings =
  (over: Partial<DeckSettings> = {}) =>
  () => ({ ...defaultDeckSettings, ...over });

describe('DayLoads', () => {
  it('counts the cards due on each study day ahead, suspended and overdue ones left out', () => {
    const cards = new Map<string, CardProgress>([
      ['d/a', { srs: review(dayStart(now, 4, 3) + HOUR) }],
      ['d/b', { srs: review(dayStart(now, 4, 4) - HOUR) }], // 03:00 on day 4: still day 3
      ['d/c', { srs: review(dayStart(now, 4, 4)) }],
      ['d/d', { srs: review(dayStart(now, 4, 3)), suspended: true }],
      ['d/e', { srs: review(now - 5 * DAY) }],
      ['d/f', { srs: null }],
      ['d/g', { srs: review(dayStart(now, 4, 200)) }],
    ]);
    const b = new DayLoads(() => cards, 4, settings()).balancingFor('d', now)!;
    expect([0, 1, 2, 3, 4, 5].map((d) => b.load.due(d))).toEqual([0, 0, 0, 2, 1, 0]);
    expect(b.load.weekday).toBe(new Date(today).getDay());
  });

  it('gives no balancing to a deck with load_balance or fuzz off; easy days per deck', () => {
    const cards = new Map<string, CardProgress>();
    expect(
      new DayLoads(() => cards, 4, settings({ loadBalance: false })).balancingFor('d', now),
    ).toBeUndefined();
    expect(
      new DayLoads(() => cards, 4, settings({ fuzz: false })).balancingFor('d', now),
    ).toBeUndefined();
    const sunOff = easyDaysFrom({ sun: 0 });
    expect(
      new DayLoads(() => cards, 4, settings({ easyDays: sunOff })).balancingFor('d', now)?.easyDays,
    ).toEqual(sunOff);
  });

  it('counts a new study day afresh', () => {
    const cards = new Map<string, CardProgress>([
      ['d/a', { srs: review(dayStart(now, 4, 3) + HOUR) }],
    ]);
    const loads = new DayLoads(() => cards, 4, settings());
    expect(loads.balancingFor('d', now)!.load.due(3)).toBe(1);
    const tomorrow = now + DAY;
    expect(loads.balancingFor('d', tomorrow)!.load.due(2)).toBe(1);
    expect(loads.balancingFor('d', tomorrow)!.load.due(3)).toBe(0);
  });
});

describe('a recorder with day loads', () => {
  it('rates what it previewed, and counts its own ratings and their undo', async () => {
    const { store } = await ProgressStore.open(tempDir());
    const scheduler = new Scheduler(defaultDeckSettings);
    const loads = new DayLoads(() => store.cards(), 4, settings());
    const recorder = new Recorder(store, () => scheduler, undefined, undefined, loads);
    for (let i = 0; i < 30; i++) {
      const key = `d/c${i}`;
      const shown = recorder.preview('d', key, now + i);
      const load = loads.balancingFor('d', now + i)!.load;
      const before = Array.from({ length: 99 }, (_, d) => load.due(d));
      const r = recorder.rate('d', key, 4, now + i, 3000);
      expect(r.next).toStrictEqual(shown[4]);
      const day = Math.round((dayStart(r.next.due, 4) - today) / DAY);
      expect(load.due(day)).toBe(before[day]! + 1);
    }
    const total = () =>
      Array.from({ length: 99 }, (_, d) => loads.balancingFor('d', now)!.load.due(d)).reduce(
        (a, b) => a + b,
      );
    expect(total()).toBe(30);
    const last = recorder.rate('d', 'd/x', 4, now + 100, 3000);
    expect(total()).toBe(31);
    expect(recorder.undo(last.entryId, now + 200)).toBeUndefined();
    expect(total()).toBe(30);
    // Thirty cards rated alike spread over their range instead of piling on one day.
    const days = new Set([...store.cards().values()].map((p) => p.srs && dayStart(p.srs.due, 4)));
    expect(days.size).toBeGreaterThan(2);
    await store.close();
  });
});
