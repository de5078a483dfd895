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
import type { Rating, SrsState } from '../../src/core/model.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';

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
});
