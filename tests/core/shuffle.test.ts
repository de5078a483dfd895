import { describe, expect, it } from 'vitest';
import { hashString, rngFromSeed, seededShuffle, shuffle } from '../../src/core/shuffle.js';

describe('seeded randomness', () => {
  it('shuffles to a permutation, the same for the same seed, leaving the input alone', () => {
    const xs = Array.from({ length: 50 }, (_, i) => i);
    const a = seededShuffle(xs, 'one');
    expect([...a].sort((p, q) => p - q)).toEqual(xs);
    expect(seededShuffle(xs, 'one')).toEqual(a);
    expect(seededShuffle(xs, 'two')).not.toEqual(a);
    expect(xs[0]).toBe(0);
    expect(shuffle(xs, rngFromSeed('one'))).toEqual(a);
  });

  it('draws numbers in [0, 1) and hashes strings to 32 bits', () => {
    const rng = rngFromSeed('range');
    for (let i = 0; i < 1000; i++) {
      const x = rng();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(hashString('a')).not.toBe(hashString('b'));
    expect(Number.isInteger(hashString('abc')) && hashString('abc') >= 0).toBe(true);
  });
});
