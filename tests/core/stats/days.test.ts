import { afterAll, describe, expect, it } from 'vitest';
import { dayStart, daysBetween, localDate } from '../../../src/core/day.js';
import { studyDays } from '../../../src/core/stats/days.js';

const saved = process.env.TZ;
afterAll(() => {
  process.env.TZ = saved;
});

const HOUR = 3_600_000;

// A fixed pseudo-random walk, so a failure can be replayed.
function instants(now: number, count: number): number[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const out: number[] = [];
  // In time order over 800 days around now (as the log is), then in no order (as due dates are),
  // then the edges: every quarter hour across two DST switches, far away, and not instants.
  let at = now - 400 * 24 * HOUR;
  for (let i = 0; i < count; i++) {
    at += next() * 3 * HOUR;
    out.push(Math.round(at));
  }
  for (let i = 0; i < count; i++) out.push(Math.round(now + (next() - 0.3) * 900 * 24 * HOUR));
  for (const switchDay of [
    Date.parse('2026-03-08T00:00:00Z'),
    Date.parse('2026-11-01T00:00:00Z'),
  ]) {
    for (let q = -8; q < 48 * 4; q++) out.push(switchDay + q * 15 * 60_000);
    for (let q = 0; q < 200; q++) out.push(switchDay + 5 * HOUR + q * 60_000 - 1);
  }
  out.push(0, -1, 8.64e15, -8.64e15, 8.64e15 + 1, Number.NaN, Number.POSITIVE_INFINITY);
  return out;
}

describe('studyDays', () => {
  for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
    for (const hour of [0, 2, 4, 23]) {
      it(`gives core/day.ts's day for every instant (${tz}, days start at ${hour}:00)`, () => {
        process.env.TZ = tz;
        const now = Date.parse('2026-06-01T12:00:00Z');
        const days = studyDays(now, hour);
        const today = dayStart(now, hour);
        for (const ms of instants(now, 3000)) {
          expect(days.offset(ms), `${ms}`).toBe(daysBetween(today, ms, hour));
          expect(days.start(days.offset(ms)), `${ms}`).toBe(dayStart(ms, hour));
        }
        for (let k = -400; k <= 400; k += 7) {
          expect(days.key(k)).toBe(localDate(dayStart(today, hour, k)));
        }
      });
    }
  }
});
