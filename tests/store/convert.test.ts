import { describe, expect, it } from 'vitest';
import {
  progressFromStored,
  progressToStored,
  srsFromStored,
  srsToStored,
} from '../../src/store/convert.js';
import { review, state } from './entries.js';

describe('the store boundary: stored states (ISO) ⇄ domain states (epoch ms)', () => {
  it('copies exactly the card state out of a review entry, times as numbers', () => {
    const next = state(2);
    expect(srsFromStored(review('d/a', next, state(1), { via: 'cram' }))).toStrictEqual({
      ...next,
      due: Date.parse(next.due),
      lastReview: Date.parse(next.lastReview!),
      firstReview: Date.parse(next.firstReview!),
    });
  });

  it('leaves optional dates absent rather than undefined, both ways', () => {
    const { lastReview: _l, firstReview: _f, ...bare } = state(1);
    const srs = srsFromStored(review('d/a', bare, null));
    expect(Object.keys(srs)).not.toContain('lastReview');
    expect(Object.keys(srs)).not.toContain('firstReview');
    expect(srsToStored(srs)).toStrictEqual(bare);
  });

  it('writes back exactly what it read, so snapshots and logs keep their bytes', () => {
    const stored = { srs: state(3), flaggedAt: '2025-03-05T10:00:00.000Z' };
    expect(progressToStored(progressFromStored(stored))).toStrictEqual(stored);
    expect(progressToStored(progressFromStored({ srs: null }))).toStrictEqual({ srs: null });
  });

  it("keeps a flag's reason in the snapshot, and reads a snapshot written before it had one", () => {
    const flagged = { srs: null, flaggedAt: '2025-03-05T10:00:00.000Z', flagReason: 'quiz' };
    expect(progressFromStored(flagged).flagReason).toBe('quiz');
    expect(progressToStored(progressFromStored(flagged))).toStrictEqual(flagged);
    const older = progressFromStored({ srs: null, flaggedAt: '2025-03-05T10:00:00.000Z' });
    expect(older).toStrictEqual({ srs: null, flaggedAt: Date.parse('2025-03-05T10:00:00.000Z') });
  });
});
