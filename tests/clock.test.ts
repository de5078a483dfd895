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
});
