import {
  createEmptyCard,
  type Card as FsrsCard,
  fsrs,
  GenSeedStrategyWithCardId,
  type Grade,
  generatorParameters,
  StrategyMode,
} from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { dayLoadOf } from '../../src/core/load-balance.js';
import type { Rating, SrsState } from '../../src/core/model.js';
import { Scheduler, type SchedulerParams } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { mulberry32 } from '../../src/core/shuffle.js';

const t0 = Date.parse('2026-03-10T12:00:00Z');
const at = (minutes: number) => t0 + minutes * 60_000;

// A history of (minutes after t0, rating): first steps, a lapse, recovery.
const history: [number, Rating][] = [
  [0, 3],
  [10, 3],
  [60 * 24 * 3, 1],
  [60 * 24 * 3 + 10, 3],
  [60 * 24 * 9, 4],
  [60 * 24 * 40, 2],
];

describe('Scheduler (the ts-fsrs wrapper)', () => {
  it('stores exactly the due dates and states ts-fsrs computes for the same history', () => {
    const ours = new Scheduler(defaultDeckSettings);
    const theirs = fsrs(
      generatorParameters({
        request_retention: 0.9,
        maximum_interval: 36500,
        enable_fuzz: true,
        learning_steps: ['1m', '10m'],
        relearning_steps: ['10m'],
      }),
    ).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId('key'));

    let srs: SrsState | null = null;
    let card: FsrsCard & { key: string } = { ...createEmptyCard(new Date(t0)), key: 'd/c' };
    for (const [min, rating] of history) {
      srs = ours.rate('d/c', srs, rating, at(min));
      card = { ...theirs.next(card, new Date(at(min)), rating as Grade).card, key: 'd/c' };
      expect(srs.due).toBe(card.due.getTime());
      expect(srs.stability).toBe(card.stability);
      expect(srs.difficulty).toBe(card.difficulty);
      expect(srs.reps).toBe(card.reps);
      expect(srs.lapses).toBe(card.lapses);
    }
    expect(srs?.state).toBe('Review');
    expect(srs?.lapses).toBe(1);
    expect(srs?.firstReview).toBe(t0);
  });

  it('previews for each rating the state that rating then gives', () => {
    const s = new Scheduler(defaultDeckSettings);
    let srs: SrsState | null = null;
    for (const [min, rating] of history.slice(0, 4)) srs = s.rate('d/c', srs, rating, at(min));
    const now = at(60 * 24 * 12);
    const preview = s.preview('d/c', srs, now);
    for (const r of [1, 2, 3, 4] as const) expect(preview[r]).toEqual(s.rate('d/c', srs, r, now));
  });

  it('puts a new card rated Good into its second learning step (10 minutes)', () => {
    const next = new Scheduler(defaultDeckSettings).rate('d/c', null, 3, t0);
    expect(next.state).toBe('Learning');
    expect(next.due).toBe(at(10));
  });

  it('never gives an invalid due date, however long a step, and never throws', () => {
    const day = 86_400_000;
    for (const steps of [['99999999d'], ['9999999999h'], ['1m', '99999999d']] as const) {
      const s = new Scheduler({
        ...defaultDeckSettings,
        maxInterval: 365,
        learningSteps: steps,
        relearningSteps: steps,
      });
      let srs: SrsState | null = null;
      let now = t0;
      for (const rating of [1, 3, 3, 1, 1, 3] as const) {
        const preview = s.preview('k', srs, now);
        for (const r of [1, 2, 3, 4] as const) {
          // A date the log can write (`toISOString` throws on an Invalid Date).
          expect(new Date(preview[r].due).toISOString()).toMatch(/^\d{4}-/);
          // Hard on a first step is 1.5 times it, past the longest interval.
          expect(preview[r].due).toBeLessThanOrEqual(now + 1.5 * 365 * day);
        }
        srs = s.rate('k', srs, rating, now);
        expect(srs.due).toBe(preview[rating].due);
        now = srs.due;
      }
    }
  });

  it('rates a card whose last review is later than now (a clock set back) as reviewed today', () => {
    // Replay recomputes a rating in the merged order of every device's log; a device whose
    // clock went back puts a rating before the last review it built on.
    const s = new Scheduler(defaultDeckSettings);
    let srs: SrsState | null = null;
    for (const [min, rating] of history.slice(0, 4)) srs = s.rate('d/c', srs, rating, at(min));
    const last = srs!.lastReview!;
    const before = last - 4 * 86_400_000;
    for (const r of [1, 2, 3, 4] as const) {
      const next = s.rate('d/c', srs, r, before);
      expect(next.lastReview).toBe(before);
      expect(next).toEqual(s.rate('d/c', { ...srs!, lastReview: before }, r, before));
      expect(s.preview('d/c', srs, before)[r]).toEqual(next);
    }
  });

  it('rates on its numeric path exactly as ts-fsrs previews, whatever the settings and history', () => {
    const variants: SchedulerParams[] = [
      defaultDeckSettings,
      { ...defaultDeckSettings, fuzz: false },
      { ...defaultDeckSettings, learningSteps: [], relearningSteps: [] },
      {
        ...defaultDeckSettings,
        learningSteps: ['1m', '10m', '1d'],
        relearningSteps: ['10m', '2d'],
      },
      { ...defaultDeckSettings, learningSteps: ['30m'], maxInterval: 40, retention: 0.8 },
      {
        ...defaultDeckSettings,
        retention: 0.95,
        fsrs: {
          w: [
            0.8, 3, 8, 20, 6.4, 0.8, 3, 0.001, 1.2, 0.17, 0.8, 1.5, 0.06, 0.26, 1.6, 0.6, 1.9, 0.5,
            0.09, 0.07, 0.15,
          ],
          trained: '2026-01-01',
          reviews: 0,
          logLoss: 0,
          rmse: 0,
        },
      },
    ];
    const rng = mulberry32(7);
    // Day loads that make balancing move intervals: a busy day every third day.
    const balancing = {
      load: dayLoadOf(
        Array.from({ length: 99 }, (_, d) => (d % 3 === 0 ? 50 : d)),
        2,
      ),
      easyDays: [1, 1, 0.5, 1, 1, 0, 1] as const,
    };
    let compared = 0;
    for (const [v, settings] of variants.entries()) {
      const s = new Scheduler(settings);
      for (let c = 0; c < 40; c++) {
        const key = `d${v}/c${c}`;
        let srs: SrsState | null = null;
        let now = t0 + Math.floor(rng() * 86_400_000);
        for (let step = 0; step < 12; step++) {
          for (const b of [undefined, balancing]) {
            const preview = s.preview(key, srs, now, b);
            for (const r of [1, 2, 3, 4] as const) {
              expect(s.rate(key, srs, r, now, b)).toEqual(preview[r]);
              compared++;
            }
          }
          const rating = (1 + Math.floor(rng() * 4)) as Rating;
          srs = s.rate(key, srs, rating, now);
          // Sometimes early, sometimes late, sometimes on time.
          const wait = Math.max(60_000, (srs.due - now) * (0.3 + rng() * 1.5));
          now += Math.round(wait);
        }
      }
    }
    expect(compared).toBe(variants.length * 40 * 12 * 8);
  });
});
