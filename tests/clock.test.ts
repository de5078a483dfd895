import { describe, expect, it } from 'vitest';
import { clockFromEnv } from '../src/clock.js';
import { UserError } from '../src/errors.js';

describe('clockFromEnv', () => {
  it('freezes the clock at RECALL_NOW', () => {
    expect(clockFromEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' })()).toBe(
      Date.parse('2026-03-10T12:00:00.000Z'),
    );
  });

  it('turns a RECALL_NOW that is not a date into a usage error (exit 2), not a crash', () => {
    let error: unknown;
    try {
      clockFromEnv({ RECALL_NOW: 'garbage' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({
      exitCode: 2,
      message: 'RECALL_NOW is not an ISO-8601 date: "garbage"',
    });
  });

  it.each([['0'], ['12/31/2026'], ['Tue, 10 Mar 2026 12:00:00 GMT']])(
    'takes only an ISO-8601 date (%j is a usage error)',
    (value) => {
      expect(() => clockFromEnv({ RECALL_NOW: value })).toThrow(
        expect.objectContaining({
          exitCode: 2,
          message: `RECALL_NOW is not an ISO-8601 date: ${JSON.stringify(value)}`,
        }),
      );
    },
  );

  // Dates past the year 275760 are no dates at all: stats crashed on one (exit 70).
  it.each([
    ['1969-12-31T23:59:59Z'],
    ['-271821-04-20T00:00:00Z'],
    ['+275760-09-13T00:00:00Z'],
    ['9999-12-31T23:00:00-02:00'],
  ])('takes only a date from 1970 to 9999 (%j is a usage error)', (value) => {
    expect(() => clockFromEnv({ RECALL_NOW: value })).toThrow(
      expect.objectContaining({
        exitCode: 2,
        message: `RECALL_NOW is not between 1970 and 9999: ${JSON.stringify(value)}`,
      }),
    );
  });

  it.each([
    ['2026-03-10'],
    ['2026-03-10T12:00'],
    ['2026-03-10T12:00:00.250+02:00'],
    ['9999-12-31T23:59:59Z'],
  ])('takes %j', (value) => {
    expect(clockFromEnv({ RECALL_NOW: value })()).toBe(Date.parse(value));
  });
});
