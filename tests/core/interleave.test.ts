import { describe, expect, it } from 'vitest';
import { firstApart, interleave, keepApart } from '../../src/core/interleave.js';

describe('interleave', () => {
  it('spreads the shorter list evenly and keeps both orders', () => {
    expect(interleave(['r1', 'r2', 'r3', 'r4'], ['n1', 'n2'])).toEqual([
      'r1',
      'r2',
      'n1',
      'r3',
      'r4',
      'n2',
    ]);
  });

  it('returns the other list when one is empty', () => {
    expect(interleave([], ['n1'])).toEqual(['n1']);
    expect(interleave(['r1'], [])).toEqual(['r1']);
  });
});

describe('keepApart', () => {
  const first = (s: string) => s[0]!;

  it('moves an item after the next one with another key, keeping the rest in order', () => {
    expect(keepApart(['a1', 'a2', 'b1', 'a3', 'c1'], first)).toEqual([
      'a1',
      'b1',
      'a2',
      'c1',
      'a3',
    ]);
  });

  it('leaves related items together only when nothing else is left to put between them', () => {
    expect(keepApart(['a1', 'a2', 'a3', 'b1'], first)).toEqual(['a1', 'b1', 'a2', 'a3']);
  });
});

describe('firstApart', () => {
  it("is keepApart's first item, with or without what gives one away, on any list", () => {
    let s = 7;
    const next = (n: number) => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s % n;
    };
    for (let run = 0; run < 500; run++) {
      const keys = 1 + next(5);
      const items = Array.from({ length: next(12) }, (_, i) => ({ i, k: `k${next(keys)}` }));
      const keyOf = (t: { k: string }) => t.k;
      expect(firstApart(items, keyOf)).toBe(keepApart(items, keyOf)[0]);
      expect(firstApart(items, keyOf)).toBe(keepApart(items, keyOf, () => true)[0]);
    }
  });
});
