import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/app/recorder.js';
import { examLines } from '../../src/app/review.js';
import { statsReport } from '../../src/app/stats.js';
import { collectionStatus, deckExam } from '../../src/app/status.js';
import { lineText, statsLines } from '../../src/charts/stats-layout.js';
import { statsToJson } from '../../src/commands/stats-output.js';
import { statusJson, statusText } from '../../src/commands/status.js';
import { dayFromKey } from '../../src/core/day.js';
import type { SrsState } from '../../src/core/model.js';
import { recallAt } from '../../src/core/recall.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { basic } from '../support/cards.js';
import { collectionOf, deck } from './collection.js';

const now = Date.parse('2026-03-10T12:00:00Z');
const exam = '2026-03-20';

async function setup(withExam: boolean) {
  const c = await collectionOf([
    deck('d', [basic('a'), basic('b', { order: 1 })], withExam ? { exam } : {}),
  ]);
  const rec = new Recorder(
    c.store,
    (d) => c.schedulerFor(d),
    (d) => c.examFor(d),
  );
  return { c, rec };
}

describe('an exam date in daily review', () => {
  it('brings a card due after the exam, with recall below retention then, back before it', async () => {
    // Found by search: fuzz (seeded by card and repetition) sends d/c0's fourth Good review
    // to 2026-05-05, and on the exam day (2026-05-02) its recall would be under 90%.
    const exam = '2026-05-02';
    const runs = await Promise.all(
      [false, true].map(async (withExam) => {
        const c = await collectionOf([deck('d', [basic('c0')], withExam ? { exam } : {})]);
        const rec = new Recorder(
          c.store,
          (d) => c.schedulerFor(d),
          (d) => c.examFor(d),
        );
        let t = now;
        for (let i = 0; i < 4; i++) {
          const { next } = rec.rate('d', 'd/c0', 3, t, 1000);
          t = Math.max(next.due, t + 60_000);
        }
        return c.store.get('d/c0')!.srs!;
      }),
    );
    const [plain, withExam] = runs as [SrsState, SrsState];
    expect(plain.due).toBe(Date.parse('2026-05-05T12:10:00.000Z'));
    expect(withExam.due).toBe(Date.parse('2026-05-01T04:00:00.000Z'));
    const examStart = dayFromKey(exam, 4);
    const scheduler = new Scheduler(defaultDeckSettings);
    expect(recallAt(plain, examStart, scheduler)).toBeLessThan(0.9);
    expect(recallAt(withExam, examStart, scheduler)).toBeLessThan(0.9);
    // …which is why it is due the day before: reviewed then, it is above 90% on exam day.
  });

  it('shows days to the exam and the predicted recall in status and the session summary', async () => {
    const { c, rec } = await setup(true);
    rec.rate('d', 'd/a', 4, now, 1000);
    const status = collectionStatus(c, now);
    const e = status.decks[0]!.exam!;
    expect(e).toMatchObject({ date: exam, daysToExam: 10, belowRetention: 2, retention: 0.9 });
    // One of two cards reviewed; the new one counts 0.
    expect(e.predictedRecall).toBeGreaterThan(0.2);
    expect(e.predictedRecall).toBeLessThan(0.5);
    expect(examLines(c, undefined, now)).toEqual([
      expect.stringMatching(
        /^exam 2026-03-20 in 10 days · predicted recall \d+% · 2 cards below 90%$/,
      ),
    ]);
  });

  it('says once, the day after, that the exam has passed, then nothing, in status, the summary and stats', async () => {
    const { c, rec } = await setup(true);
    rec.rate('d', 'd/a', 4, now, 1000);
    const on = (day: string) => Date.parse(`${day}T12:00:00Z`);
    const status = (at: number) => statusText(collectionStatus(c, at), at);
    expect(status(on('2026-03-20'))).toMatch(/exam 2026-03-20 today · predicted recall/);
    expect(examLines(c, undefined, on('2026-03-21'))).toEqual(['exam 2026-03-20 has passed']);
    expect(status(on('2026-03-21'))).toContain(': exam 2026-03-20 has passed\n');
    for (const later of ['2026-03-22', '2026-04-30']) {
      expect(examLines(c, undefined, on(later))).toEqual([]);
      expect(status(on(later))).not.toContain('exam');
    }
    const stats = await statsReport(c, {}, on('2026-03-25'));
    const text = statsLines(stats, 80).map(lineText).join('\n');
    expect(text).toContain('Exam 2026-03-20 has passed (5 days ago)');
    expect(text).not.toMatch(/Expected recall|below target/);
  });

  it('gives status --json, the review summary and stats --json the same exam-day recall, to the last digit', async () => {
    const { c, rec } = await setup(true);
    // Reviews at odd times of day, so whole and fractional days since them differ.
    rec.rate('d', 'd/a', 3, Date.parse('2026-03-02T10:17:00Z'), 1000);
    rec.rate('d', 'd/a', 3, Date.parse('2026-03-05T21:43:00Z'), 1000);
    rec.rate('d', 'd/b', 2, Date.parse('2026-03-07T06:05:00Z'), 1000);
    const status = statusJson(collectionStatus(c, now)).decks[0]!.exam!.predictedRecall;
    const summary = deckExam(c, 'd', now)!.predictedRecall;
    const stats = statsToJson(await statsReport(c, {}, now)).exam!.expectedRecall;
    expect(status).toBeGreaterThan(0);
    expect(summary).toBe(status);
    expect(stats).toBe(status);
  });
});
