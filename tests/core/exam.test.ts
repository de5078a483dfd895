import { describe, expect, it } from 'vitest';
import { dayFromKey } from '../../src/core/day.js';
import { applyExamDate } from '../../src/core/exam.js';
import type { Rating, SrsState } from '../../src/core/model.js';
import { recallAt } from '../../src/core/recall.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { hashString } from '../../src/core/shuffle.js';
import { review } from '../support/cards.js';

const DAY = 86_400_000;
const dayStartsAt = 4;
const retention = 0.9;
const scheduler = new Scheduler(defaultDeckSettings);

type Sim = { readonly cards: Map<string, SrsState | null>; readonly reviews: number };

/** The rating a scripted student gives `key` on its `reps`-th review, on day `day` of the month. */
type Script = (key: string, srs: SrsState | null, day: number) => Rating;

/**
 * Daily study from 1 March: every day at 10:00, 20 new cards are introduced (of 60) and everything
 * due that study day is reviewed, intraday learning steps included, rated by `script`.
 */
function simulate(opts: { days: number; script: Script; exam?: string }): Sim {
  const start = Date.parse('2026-03-01T00:00:00Z');
  const keys = Array.from({ length: 60 }, (_, i) => `d/c${i}`);
  const cards = new Map<string, SrsState | null>(keys.map((k) => [k, null]));
  let reviews = 0;
  let introduced = 0;
  for (let d = 0; d < opts.days; d++) {
    const dayStart = start + d * DAY + dayStartsAt * 3_600_000;
    const nextDay = dayStart + DAY;
    let t = dayStart + 6 * 3_600_000;
    const fresh = new Set(keys.slice(introduced, introduced + 20));
    introduced += fresh.size;
    for (;;) {
      // What the queue shows next: due reviews and new cards now, learning cards at their due.
      let pick: { key: string; at: number } | null = null;
      for (const [key, srs] of cards) {
        let at: number;
        if (srs === null) {
          if (!fresh.has(key)) continue;
          at = t;
        } else {
          const due = srs.due;
          if (due >= nextDay) continue;
          at = srs.state === 'Learning' || srs.state === 'Relearning' ? Math.max(t, due) : t;
        }
        if (pick === null || at < pick.at) pick = { key, at };
      }
      if (pick === null) break;
      t = pick.at;
      const now = t;
      const prev = cards.get(pick.key) ?? null;
      const rated = scheduler.rate(pick.key, prev, opts.script(pick.key, prev, d), now);
      const next = opts.exam
        ? applyExamDate(rated, { exam: opts.exam, now, dayStartsAt, retention, scheduler })
        : rated;
      cards.set(pick.key, next);
      reviews++;
      t += 30_000;
    }
  }
  return { cards, reviews };
}

/** Cards that have been reviewed and whose recall at the start of exam day is below retention. */
const below = (sim: Sim, exam: string) =>
  [...sim.cards.values()].filter(
    (s) => s !== null && recallAt(s, dayFromKey(exam, dayStartsAt), scheduler) < retention,
  ).length;

/**
 * A student who mostly answers Good, sometimes Hard or Easy, and forgets a card now and then
 * (Again) during the first three weeks. `salt` picks a different but fixed set of answers.
 */
const student =
  (salt: string): Script =>
  (key, srs, day) => {
    const h = hashString(`${salt}${key}#${srs?.reps ?? 0}`) % 10;
    if (h === 0) return 2;
    if (h === 1) return 4;
    if (h === 2 && day < 21 && srs?.state === 'Review') return 1;
    return 3;
  };

describe('exam-date scheduling', () => {
  const exam = '2026-03-31';

  it('leaves no card below the desired retention on exam day after a month of daily reviews, while plain FSRS leaves some', () => {
    let plainBelow = 0;
    for (const salt of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) {
      const plain = simulate({ days: 30, script: student(salt) });
      const withExam = simulate({ days: 30, script: student(salt), exam });
      expect([...withExam.cards.values()].every((s) => s !== null)).toBe(true);
      expect(below(withExam, exam)).toBe(0);
      plainBelow += below(plain, exam);
      // The price is a handful of extra reviews, not a flood.
      expect(withExam.reviews - plain.reviews).toBeLessThanOrEqual(6);
    }
    expect(plainBelow).toBeGreaterThanOrEqual(5);
  });

  it('keeps every card above retention for an exam on any day of the month when every answer is Good', () => {
    let plainBelow = 0;
    for (let day = 5; day <= 31; day++) {
      const examDay = `2026-03-${String(day).padStart(2, '0')}`;
      const withExam = simulate({ days: day - 1, script: () => 3, exam: examDay });
      expect(below(withExam, examDay)).toBe(0);
      plainBelow += below(simulate({ days: day - 1, script: () => 3 }), examDay);
    }
    expect(plainBelow).toBeGreaterThan(0);
  });

  const reviewed = (lastReview: string, stability: number, due: string): SrsState =>
    review(due, {
      stability,
      scheduledDays: 12,
      reps: 4,
      lastReview: Date.parse(lastReview),
      firstReview: Date.parse('2026-01-01T10:00:00.000Z'),
    });

  it('moves a card due past the exam with low recall on exam day to the day before the exam', () => {
    const now = Date.parse('2026-03-10T10:00:00Z');
    // Stability 10 days, due 12 days out (fuzz): exam on day 11 finds recall below 0.9.
    const next = reviewed('2026-03-10T10:00:00Z', 10, '2026-03-22T10:00:00.000Z');
    expect(recallAt(next, dayFromKey('2026-03-21', 4), scheduler)).toBeLessThan(0.9);
    const moved = applyExamDate(next, {
      exam: '2026-03-21',
      now,
      dayStartsAt,
      retention,
      scheduler,
    });
    expect(moved.due).toBe(Date.parse('2026-03-20T04:00:00Z'));
    expect(moved.stability).toBe(next.stability);
    expect(moved.scheduledDays).toBe(10);
  });

  it('leaves a card alone when its recall on exam day is high enough, when it is due before the exam, and after the exam', () => {
    const now = Date.parse('2026-03-10T10:00:00Z');
    const next = reviewed('2026-03-10T10:00:00Z', 10, '2026-03-22T10:00:00.000Z');
    const opts = { now, dayStartsAt, retention, scheduler };
    expect(applyExamDate(next, { ...opts, exam: '2026-03-15' })).toBe(next);
    expect(applyExamDate(next, { ...opts, exam: '2026-03-25' })).toBe(next);
    const later = { ...opts, now: Date.parse('2026-03-21T05:00:00Z') };
    expect(applyExamDate(next, { ...later, exam: '2026-03-21' })).toBe(next);
  });

  it('leaves the card as FSRS scheduled it when no study day is left before the exam', () => {
    const now = Date.parse('2026-03-20T10:00:00Z');
    const next = reviewed('2026-03-09T10:00:00Z', 10, '2026-03-22T10:00:00.000Z');
    expect(
      applyExamDate(next, { exam: '2026-03-21', now, dayStartsAt, retention, scheduler }),
    ).toBe(next);
  });
});
