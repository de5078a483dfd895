import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeStats } from '../../../src/core/stats/compute.js';
import { historyOf } from '../../../src/store/history.js';
import { review, srs, statsCard } from './history.js';

// Local study days away from UTC: New York (across the 2026-03-08 DST switch) and Kolkata
// (UTC+05:30, so day boundaries fall on the half hour).
const saved = process.env.TZ;
afterAll(() => {
  process.env.TZ = saved;
});

const cards = [statsCard('d/a', srs('Review'))];
const heat = (times: string[], now: number, days: number) =>
  computeStats({
    history: historyOf(times.map((t) => review('d/a', t, 3, null))),
    cards,
    now,
    dayStartsAt: 4,
    heatmapDays: days,
  }).heatmap.days;

describe('America/New_York, days start at 04:00', () => {
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });

  it('buckets by local study day across the DST switch', () => {
    const now = Date.parse('2026-03-10T16:00:00Z'); // 12:00 EDT
    const days = heat(
      [
        '2026-03-08T06:30:00Z', // 01:30 EST on 03-08 → 03-07
        '2026-03-08T07:30:00Z', // 03:30 EDT on 03-08 → 03-07
        '2026-03-08T09:30:00Z', // 05:30 EDT → 03-08
        '2026-03-10T07:30:00Z', // 03:30 EDT → 03-09
        '2026-03-10T08:30:00Z', // 04:30 EDT → 03-10
        '2026-03-11T03:00:00Z', // 23:00 EDT on 03-10 → 03-10
      ],
      now,
      4,
    );
    expect(days).toEqual([
      { date: '2026-03-07', reviews: 2 },
      { date: '2026-03-08', reviews: 1 },
      { date: '2026-03-09', reviews: 1 },
      { date: '2026-03-10', reviews: 2 },
    ]);
  });

  it('counts the streak by local study day', () => {
    const now = Date.parse('2026-03-10T16:00:00Z');
    const entries = ['2026-03-09T12:00:00Z', '2026-03-10T07:30:00Z'].map((t) =>
      review('d/a', t, 3, null),
    );
    // Both fall on the study day 03-09: one day, not two.
    const report = computeStats({ history: historyOf(entries), cards, now, dayStartsAt: 4 });
    expect(report.streak).toEqual({ current: 1, longest: 1, studiedToday: false });
    expect(report.today).toMatchObject({ date: '2026-03-10', reviews: 0 });
  });

  it('measures exam readiness from the local start of the exam day', () => {
    const now = Date.parse('2026-03-10T16:00:00Z');
    const report = computeStats({
      history: historyOf([]),
      cards,
      now,
      dayStartsAt: 4,
      exam: '2026-03-20',
    });
    expect(new Date(report.exam!.at).toISOString()).toBe('2026-03-20T08:00:00.000Z'); // 04:00 EDT
    expect(report.exam!.daysToExam).toBe(10);
  });
});

describe('study-day offsets, remembered per day and per quarter hour', () => {
  it('agree with core/day.ts for instants in order and out of order, across DST', async () => {
    const { studyDays } = await import('../../../src/core/stats/days.js');
    const { daysBetween } = await import('../../../src/core/day.js');
    for (const tz of ['America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      process.env.TZ = tz;
      const now = Date.parse('2026-03-10T16:00:00Z');
      const instants: number[] = [];
      // Every 7 minutes 13 seconds over two months around the March and April DST switches.
      for (let t = Date.UTC(2026, 1, 20); t < Date.UTC(2026, 3, 20); t += 433_000) {
        instants.push(t);
      }
      const shuffled = [...instants].sort((a, b) => ((a * 7919) % 1009) - ((b * 7919) % 1009));
      for (const order of [instants, shuffled]) {
        const days = studyDays(now, 4);
        for (const t of order) {
          expect(days.offset(t), `${tz} ${new Date(t).toISOString()}`).toBe(daysBetween(now, t, 4));
        }
      }
    }
  });
});

describe('Asia/Kolkata, days start at 04:00', () => {
  beforeAll(() => {
    process.env.TZ = 'Asia/Kolkata';
  });

  it('splits days at 04:00 local, which is 22:30 UTC', () => {
    const now = Date.parse('2026-03-10T06:30:00Z'); // 12:00 IST
    const days = heat(
      [
        '2026-03-09T22:15:00Z', // 03:45 IST on 03-10 → 03-09
        '2026-03-09T22:29:59Z', // 03:59:59 IST → 03-09
        '2026-03-09T22:30:00Z', // 04:00 IST → 03-10
      ],
      now,
      2,
    );
    expect(days).toEqual([
      { date: '2026-03-09', reviews: 2 },
      { date: '2026-03-10', reviews: 1 },
    ]);
  });
});
