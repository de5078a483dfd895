import { default_w, fsrs, State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { SrsState } from '../../src/core/model.js';
import { examOutlook, recallAt } from '../../src/core/recall.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { review } from '../support/cards.js';

const DAY = 86_400_000;
const scheduler = new Scheduler(defaultDeckSettings);
const t0 = Date.parse('2026-03-10T12:00:00Z');

// FSRS-6 forgetting curve, independently of the app: R(t, S) = (1 + F·t/S)^D.
const DECAY = -default_w[20]!;
const FACTOR = 0.9 ** (1 / DECAY) - 1;
const curve = (t: number, s: number) => (1 + (FACTOR * t) / s) ** DECAY;

const reviewed = (lastReview: string, stability: number): SrsState =>
  review('2026-06-01T10:00:00.000Z', {
    stability,
    scheduledDays: 12,
    reps: 4,
    lastReview: Date.parse(lastReview),
    firstReview: Date.parse('2026-01-01T10:00:00.000Z'),
  });

describe('recallAt', () => {
  it('is 0 for a new card and for a rated state with no last review to measure from', () => {
    expect(recallAt(null, t0, scheduler)).toBe(0);
    const { lastReview: _, ...noLast } = reviewed('2026-03-01T10:00:00Z', 10);
    expect(recallAt(noLast, t0, scheduler)).toBe(0);
    expect(recallAt({ ...noLast, state: 'New' }, t0, scheduler)).toBe(0);
  });

  it('follows the forgetting curve in fractional days since the last review', () => {
    const s = reviewed('2026-03-01T10:00:00.000Z', 10);
    const last = s.lastReview!;
    for (const days of [0, 0.25, 1, 2.5, 10, 400]) {
      expect(recallAt(s, last + days * DAY, scheduler)).toBeCloseTo(curve(days, 10), 8);
    }
    expect(recallAt(s, last + 10 * DAY, scheduler)).toBeCloseTo(0.9, 8);
    // Before the last review (a clock set back) counts as no time elapsed.
    expect(recallAt(s, last - DAY, scheduler)).toBe(1);
  });

  it('decays continuously, not in whole-day steps as ts-fsrs get_retrievability does', () => {
    const s = scheduler.rate('d/c', null, 4, t0);
    const last = s.lastReview!;
    const early = recallAt(s, last + 60_000, scheduler);
    const late = recallAt(s, last + 0.99 * DAY, scheduler);
    expect(late).toBeLessThan(early);
    // At whole days it agrees with ts-fsrs; in between ts-fsrs still reports the earlier day.
    const f = fsrs();
    const card = {
      due: new Date(s.due),
      stability: s.stability,
      difficulty: s.difficulty,
      elapsed_days: 0,
      scheduled_days: s.scheduledDays,
      learning_steps: s.learningSteps,
      reps: s.reps,
      lapses: s.lapses,
      state: State[s.state],
      last_review: new Date(last),
    };
    for (const days of [1, 3, 30]) {
      const at = last + days * DAY;
      expect(recallAt(s, at, scheduler)).toBeCloseTo(f.get_retrievability(card, at, false), 8);
    }
    expect(f.get_retrievability(card, last + 0.99 * DAY, false)).toBe(1);
  });
});

describe('examOutlook', () => {
  it('reports days to the exam, the mean recall at the exam day start and the cards below retention', () => {
    const now = Date.parse('2026-03-10T10:00:00Z');
    const strong = reviewed('2026-03-10T09:00:00Z', 100);
    const weak = reviewed('2026-03-01T09:00:00Z', 2);
    const card = (srs: SrsState | null, retention = 0.9) => ({ srs, curve: scheduler, retention });
    // vitest pins TZ=UTC: the exam's study day starts at 04:00 UTC.
    const out = examOutlook([card(strong), card(weak), card(null)], '2026-03-20', now, 4);
    const at = Date.parse('2026-03-20T04:00:00Z');
    expect(out).toMatchObject({
      exam: '2026-03-20',
      at,
      daysToExam: 10,
      belowRetention: 2,
      newCards: 1,
      cards: 3,
    });
    const mean =
      (curve((at - strong.lastReview!) / DAY, 100) + curve((at - weak.lastReview!) / DAY, 2)) / 3;
    expect(out.predictedRecall).toBeCloseTo(mean, 7);
    // Retention is each card's deck's: only the strong card misses a bar of 0.999.
    const mixed = examOutlook([card(strong, 0.999), card(weak, 0.5)], '2026-03-20', now, 4);
    expect(mixed.belowRetention).toBe(1);
  });

  it('is 0 recall over no cards, and counts days back once the exam is past', () => {
    const out = examOutlook([], '2026-03-01', Date.parse('2026-03-10T10:00:00Z'), 4);
    expect(out).toMatchObject({ predictedRecall: 0, cards: 0, daysToExam: -9 });
  });
});
