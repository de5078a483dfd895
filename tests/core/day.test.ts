import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_KEY_PROBLEM, dayKey, dayStart, daysBetween, parseDayKey } from '../../src/core/day.js';

// vitest.config pins TZ=UTC, so local times below are UTC.
describe('study days with a 04:00 rollover', () => {
  it('counts 02:00 as part of the previous day', () => {
    expect(dayKey(Date.parse('2026-03-10T02:00:00Z'), 4)).toBe('2026-03-09');
    expect(dayKey(Date.parse('2026-03-10T04:00:00Z'), 4)).toBe('2026-03-10');
  });

  it('starts and ends the day at the rollover hour', () => {
    const now = Date.parse('2026-03-10T23:30:00Z');
    expect(dayStart(now, 4)).toBe(Date.parse('2026-03-10T04:00:00.000Z'));
    expect(dayStart(now, 4, 1)).toBe(Date.parse('2026-03-11T04:00:00.000Z'));
    expect(dayStart(now, 4, -10)).toBe(Date.parse('2026-02-28T04:00:00.000Z'));
  });

  it('measures whole study days between two instants', () => {
    expect(
      daysBetween(Date.parse('2026-03-10T05:00:00Z'), Date.parse('2026-03-11T03:59:00Z'), 4),
    ).toBe(0);
    expect(
      daysBetween(Date.parse('2026-03-10T05:00:00Z'), Date.parse('2026-03-12T04:00:00Z'), 4),
    ).toBe(2);
  });
});

describe('study days across daylight-saving switches (America/New_York)', () => {
  const tz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    process.env.TZ = tz;
  });

  it('starts the day at 04:00 local on the day clocks go forward', () => {
    // 2026-03-08 04:30 EDT = 08:30Z.
    expect(dayKey(Date.parse('2026-03-08T08:30:00Z'), 4)).toBe('2026-03-08');
  });

  it('keeps 03:30 in the previous day on the day clocks go back', () => {
    // 2026-11-01 03:30 EST = 08:30Z.
    expect(dayKey(Date.parse('2026-11-01T08:30:00Z'), 4)).toBe('2026-10-31');
  });
});

describe('calendar days written YYYY-MM-DD', () => {
  it('reads a real day, leap days included', () => {
    expect(parseDayKey('2026-02-28')).toEqual({ year: 2026, month: 2, day: 28 });
    expect(parseDayKey('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it.each(['2026-02-31', '2025-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-2-3'])(
    'rejects %s',
    (text) => expect(parseDayKey(text)).toBeUndefined(),
  );

  it.each(['', '2026-02-28 ', '20260228', '2026-02-28T00:00', '+2026-02-28'])(
    'rejects the malformed %j',
    (text) => expect(parseDayKey(text)).toBeUndefined(),
  );

  it('words the problem once, for every place a date is read', () => {
    expect(DAY_KEY_PROBLEM).toBe('must be a calendar day written YYYY-MM-DD');
  });
});
