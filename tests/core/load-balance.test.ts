import { get_fuzz_range } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import {
  type Balancing,
  balancedInterval,
  dayLoadOf,
  type EasyDays,
  easyDaysFrom,
  NORMAL_DAYS,
} from '../../src/core/load-balance.js';
import type { Rating, SrsState } from '../../src/core/model.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';

const DAY = 86_400_000;
// A Wednesday (weekday 3), noon UTC.
const now = Date.parse('2026-03-11T12:00:00Z');

/** Loads given for days `from`…: `at(10, [5, 3, 7])` puts 5 on day 10, 3 on 11, 7 on 12. */
function loads(from: number, counts: number[], weekday = 3, easyDays = NORMAL_DAYS): Balancing {
  const all = new Array<number>(100).fill(0);
  counts.forEach((c, i) => {
    all[from + i] = c;
  });
  return { load: dayLoadOf(all, weekday), easyDays };
}

describe('balancedInterval', () => {
  it.each([
    // [min, max, preferred, loads from min, chosen]
    [8, 12, 10, [5, 4, 6, 3, 9], 11],
    [8, 12, 10, [1, 4, 6, 3, 9], 8],
    [8, 12, 10, [7, 7, 7, 7, 7], 10], // all equal: the plain fuzz's day
    [8, 12, 10, [2, 7, 7, 7, 2], 8], // a tie at equal distance: the earlier
    [8, 12, 9, [2, 7, 7, 7, 2], 8], // a tie: the one nearer the plain fuzz's day
    [3, 3, 3, [50], 3], // a range of one day
  ])(
    'min %i max %i preferred %i over %j → %i (the least loaded day)',
    (min, max, pref, counts, chosen) => {
      const b = loads(min, counts);
      expect(balancedInterval(min, max, pref, b)).toBe(chosen);
      const least = Math.min(...counts);
      expect(b.load.due(chosen)).toBe(least);
    },
  );

  it('leaves intervals past 90 days where the plain fuzz put them', () => {
    const b = loads(88, [9, 9, 9, 0, 9, 9]);
    expect(balancedInterval(88, 93, 92, b)).toBe(92);
    expect(balancedInterval(86, 90, 89, loads(86, [9, 0, 9, 9, 9]))).toBe(87);
  });

  it('keeps cards off a weekday at 0 while another day of the range is open', () => {
    // Today is Wednesday: day 4 is Sunday.
    const sundayOff = easyDaysFrom({ sun: 0 });
    expect(balancedInterval(2, 6, 4, loads(2, [9, 9, 0, 9, 9], 3, sundayOff))).not.toBe(4);
    expect(balancedInterval(2, 6, 4, loads(2, [9, 9, 0, 9, 9], 3, NORMAL_DAYS))).toBe(4);
    // A range of Sundays only: compared by their cards.
    expect(balancedInterval(4, 4, 4, loads(4, [9], 3, sundayOff))).toBe(4);
    const allOff: EasyDays = [0, 0, 0, 0, 0, 0, 0];
    expect(balancedInterval(2, 4, 3, loads(2, [5, 6, 1], 3, allOff))).toBe(4);
  });

  it('lets a weekday at 0.5 take a card only while it holds at most half a normal day', () => {
    // Day 3 from Wednesday is Saturday.
    const halfSaturday = easyDaysFrom({ sat: 0.5 });
    expect(balancedInterval(2, 4, 3, loads(2, [10, 6, 10], 3, halfSaturday))).toBe(2);
    expect(balancedInterval(2, 4, 3, loads(2, [10, 5, 10], 3, halfSaturday))).toBe(3);
  });
});

/** A review card last seen `elapsed` days ago, due now. */
function reviewCard(stability: number, elapsed: number): SrsState {
  return {
    state: 'Review',
    due: now,
    stability,
    difficulty: 5,
    scheduledDays: elapsed,
    learningSteps: 0,
    reps: 6,
    lapses: 0,
    lastReview: now - elapsed * DAY,
    firstReview: now - 100 * DAY,
  };
}

describe('Scheduler with load balancing', () => {
  const scheduler = new Scheduler(defaultDeckSettings);
  const card = reviewCard(20, 20);
  // Loads that differ on every day, so exactly one day of any range is the least loaded.
  const uneven = (seed: number): Balancing => {
    const counts = Array.from({ length: 100 }, (_, d) => ((d * 7919 + seed * 104729) % 97) + 1);
    return { load: dayLoadOf(counts, 3), easyDays: NORMAL_DAYS };
  };

  it('gives each review rating the least loaded day of its fuzz range', () => {
    const im = 1; // retention 0.9: FSRS's interval is the stability
    const plain = scheduler.preview('d/a', card, now);
    for (const seed of [1, 2, 3, 4, 5]) {
      const b = uneven(seed);
      const p = scheduler.preview('d/a', card, now, b);
      for (const r of [2, 3, 4] as Rating[]) {
        const ideal = Math.round(p[r].stability * im);
        const { min_ivl, max_ivl } = get_fuzz_range(ideal, 20, defaultDeckSettings.maxInterval);
        const days = p[r].scheduledDays;
        expect(p[r].due).toBe(now + days * DAY);
        if (ideal > 90) {
          expect(p[r]).toEqual(plain[r]); // far out: not balanced
          continue;
        }
        // Hard < Good < Easy can push a rating past its own range's start, never below it.
        const floor = r === 2 ? min_ivl : Math.max(min_ivl, p[(r - 1) as Rating].scheduledDays + 1);
        const open = Array.from({ length: max_ivl - floor + 1 }, (_, i) => floor + i);
        const least = Math.min(...open.map((d) => b.load.due(d)));
        if (open.length > 0) expect(b.load.due(days)).toBe(least);
        expect(p[r].stability).toBe(plain[r].stability);
      }
      expect(p[2].scheduledDays).toBeLessThan(p[3].scheduledDays);
      expect(p[3].scheduledDays).toBeLessThan(p[4].scheduledDays);
      expect(p[1]).toEqual(plain[1]); // Again relearns in minutes: nothing to balance
    }
  });

  it('rates exactly what the rating buttons previewed', () => {
    for (const seed of [1, 2, 3]) {
      const b = uneven(seed);
      const p = scheduler.preview('d/a', card, now, b);
      for (const r of [1, 2, 3, 4] as Rating[]) {
        expect(scheduler.rate('d/a', card, r, now, b)).toEqual(p[r]);
      }
    }
  });

  it('is plain fuzz without balancing, with fuzz off, and over days all alike', () => {
    const plain = scheduler.preview('d/a', card, now);
    for (const r of [1, 2, 3, 4] as Rating[]) {
      expect(scheduler.rate('d/a', card, r, now)).toEqual(plain[r]);
    }
    expect(scheduler.preview('d/a', card, now, loads(0, []))).toEqual(plain);
    const unfuzzed = new Scheduler({ ...defaultDeckSettings, fuzz: false });
    expect(unfuzzed.preview('d/a', card, now, uneven(1))).toEqual(
      unfuzzed.preview('d/a', card, now),
    );
  });

  it('is deterministic: the same card, rep count and loads give the same day', () => {
    const b = uneven(7);
    const a = new Scheduler(defaultDeckSettings).preview('d/a', card, now, b);
    const again = new Scheduler(defaultDeckSettings).preview('d/a', card, now, b);
    expect(again).toEqual(a);
  });

  it('moves cards off a weekday marked 0', () => {
    const sundayOff = easyDaysFrom({ sun: 0 });
    const flat = new Array<number>(100).fill(3);
    const weekdayOf = (days: number) => (3 + days) % 7;
    let plainSundays = 0;
    for (let i = 0; i < 200; i++) {
      const key = `d/c${i}`;
      const plain = scheduler.rate(key, card, 3, now);
      if (weekdayOf(plain.scheduledDays) === 0) plainSundays++;
      const b = { load: dayLoadOf(flat, 3), easyDays: sundayOff };
      const balanced = scheduler.rate(key, card, 3, now, b);
      expect(weekdayOf(balanced.scheduledDays)).not.toBe(0);
    }
    expect(plainSundays).toBeGreaterThan(0);
  });
});
