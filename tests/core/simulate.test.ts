import { describe, expect, it } from 'vitest';
import { dayStart } from '../../src/core/day.js';
import {
  type DayLoad,
  type EasyDays,
  easyDaysFrom,
  NORMAL_DAYS,
} from '../../src/core/load-balance.js';
import type { Rating, SrsState } from '../../src/core/model.js';
import { recallAt } from '../../src/core/recall.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { mulberry32 } from '../../src/core/shuffle.js';
import {
  defaultAnswering,
  type RateFn,
  type SimulationInput,
  simulate,
} from '../../src/core/simulate.js';

const start = Date.UTC(2026, 0, 5, 9);
const HOUR = 3_600_000;

function input(
  retention: number,
  seed: number,
  over: Partial<SimulationInput> = {},
): SimulationInput {
  const scheduler = new Scheduler({ ...defaultDeckSettings, retention });
  return {
    schedule: { rate: (k, p, r, at) => scheduler.rate(k, p, r, at), curve: scheduler },
    cards: Array.from({ length: 200 }, () => null),
    start,
    days: 60,
    dayStartsAt: 4,
    newPerDay: 20,
    reviewsPerDay: 9999,
    answering: defaultAnswering,
    seed,
    ...over,
  };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('simulate', () => {
  it('is the same run for the same seed, and another for another seed', () => {
    const a = simulate(input(0.9, 1));
    expect(simulate(input(0.9, 1))).toEqual(a);
    expect(simulate(input(0.9, 2)).reviews).not.toEqual(a.reviews);
    expect(a.introduced.slice(0, 11)).toEqual([20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 0]);
  });

  it('never gives fewer reviews per day to a higher retention, over the same three seeds', () => {
    const seeds = [1, 2, 3];
    const perDay = [0.75, 0.8, 0.85, 0.9, 0.95].map((r) =>
      mean(seeds.map((seed) => mean(simulate(input(r, seed)).reviews))),
    );
    for (let i = 1; i < perDay.length; i++)
      expect(perDay[i]).toBeGreaterThanOrEqual(perDay[i - 1]!);
    expect(perDay.at(-1)! / perDay[0]!).toBeGreaterThan(1.5);
  });

  it('keeps to the daily limits: new cards, and reviews (learning steps aside)', () => {
    const run = simulate(input(0.9, 1, { newPerDay: 5, reviewsPerDay: 10, days: 60 }));
    expect(Math.max(...run.introduced)).toBe(5);
    // At most 10 reviews a day plus each new or forgotten card's steps (a few answers each).
    for (const n of run.reviews) expect(n).toBeLessThanOrEqual(10 + 5 * 6 + 10 * 3);
  });

  /**
   * The comparison: each card replayed alone through the scheduler, shown at the day's session
   * (a learning step when it is due that day), answered from the forgetting curve, with no
   * review limit. Its answers per day must be within 10% of the simulator's, averaged over
   * seeds: the simulator's day loop and queue add nothing but the limits and the ordering.
   */
  it('gives the workload of replaying the scheduler card by card, within 10%', () => {
    const scheduler = new Scheduler(defaultDeckSettings);
    const days = 60;
    const session = (d: number) => dayStart(start, 4, d) + 5 * HOUR;
    const horizon = dayStart(start, 4, days);
    const direct = (seed: number) => {
      const rng = mulberry32(seed);
      let answers = 0;
      for (let card = 0; card < 200; card++) {
        let t = Math.max(start, session(Math.floor(card / 20)));
        let srs: SrsState | null = null;
        while (t < horizon) {
          // Anki's rating shares, as the simulator's defaults, drawn from cumulative sums.
          const draw = (cumulative: readonly number[]) => {
            const x = rng();
            return cumulative.findIndex((c) => x < c);
          };
          const rating: Rating =
            srs === null
              ? (([1, 2, 3, 4] as const)[draw([0.24, 0.334, 0.829, 1])] ?? 4)
              : rng() < recallAt(srs, t, scheduler)
                ? (([2, 3, 4] as const)[draw([0.224, 0.856, 1])] ?? 4)
                : 1;
          srs = scheduler.rate(`c${card}`, srs, rating, t);
          answers++;
          const dayOf = (at: number) =>
            Math.round((dayStart(at, 4) - dayStart(start, 4)) / (24 * HOUR));
          const stepToday = srs.state !== 'Review' && dayOf(srs.due) === dayOf(t);
          t = stepToday ? srs.due : Math.max(session(dayOf(srs.due)), t + 1);
        }
      }
      return answers / days;
    };
    const seeds = [1, 2, 3];
    const replayed = mean(seeds.map(direct));
    const simulated = mean(seeds.map((seed) => mean(simulate(input(0.9, seed, { days })).reviews)));
    expect(simulated / replayed).toBeGreaterThan(0.9);
    expect(simulated / replayed).toBeLessThan(1.1);
  });
});

describe('simulate with load balancing', () => {
  const scheduler = new Scheduler(defaultDeckSettings);
  const withLoads = (easyDays: EasyDays) =>
    input(0.9, 3, {
      schedule: {
        rate: (k, p, r, at, load) => scheduler.rate(k, p, r, at, load && { load, easyDays }),
        curve: scheduler,
      },
      cards: Array.from({ length: 600 }, () => null),
      newPerDay: 60,
      days: 70,
    });

  it('gives the rating function the cards due on each day ahead, as review counts them', () => {
    const seen: number[] = [];
    const counted = input(0.9, 3, {
      schedule: {
        rate: (k, p, r, at, load) => {
          const next = scheduler.rate(k, p, r, at);
          if (load) seen.push(load.due(20));
          return next;
        },
        curve: scheduler,
      },
    });
    simulate(counted);
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeGreaterThan(0);
  });

  it('evens out the reviews a day, and keeps them off a weekday marked 0', () => {
    const plain = simulate(
      input(0.9, 3, {
        ...withLoads(NORMAL_DAYS),
        schedule: { rate: (k, p, r, at) => scheduler.rate(k, p, r, at), curve: scheduler },
      }),
    );
    const balanced = simulate(withLoads(NORMAL_DAYS));
    // Past the introduction of new cards, days differ less from one another.
    const spread = (xs: readonly number[]) => {
      const tail = xs.slice(30);
      const m = mean(tail);
      return Math.sqrt(mean(tail.map((x) => (x - m) ** 2)));
    };
    expect(spread(balanced.reviews)).toBeLessThan(spread(plain.reviews));
    const sundays = simulate(withLoads(easyDaysFrom({ sun: 0 })));
    const weekday = (d: number) => new Date(dayStart(start, 4, d)).getDay();
    const onSundays = (r: readonly number[]) =>
      r
        .slice(30)
        .filter((_, i) => weekday(i + 30) === 0)
        .reduce((a, b) => a + b, 0);
    expect(onSundays(sundays.reviews)).toBeLessThan(onSundays(balanced.reviews));
  });

  it("gives day by day the run that ts-fsrs's full path gives, fuzz and load balancing on", () => {
    // The scheduler rates on numbers; its preview is ts-fsrs's `repeat` on whole cards.
    for (const retention of [0.8, 0.95]) {
      const s = new Scheduler({ ...defaultDeckSettings, retention });
      const balancing = (load?: DayLoad) =>
        load ? { load, easyDays: easyDaysFrom({ sun: 0, sat: 0.5 }) } : undefined;
      const numeric: RateFn = (k, p, r, at, load) => s.rate(k, p, r, at, balancing(load));
      const full: RateFn = (k, p, r, at, load) => s.preview(k, p, at, balancing(load))[r];
      for (const seed of [1, 2]) {
        const over = { days: 90, newPerDay: 15, reviewsPerDay: 60 };
        const fast = simulate(
          input(retention, seed, { ...over, schedule: { rate: numeric, curve: s } }),
        );
        const old = simulate(
          input(retention, seed, { ...over, schedule: { rate: full, curve: s } }),
        );
        expect(fast).toEqual(old);
        expect(fast.reviews.reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
      }
    }
  });
});
