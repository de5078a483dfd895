import { describe, expect, it } from 'vitest';
import { interleave } from '../../src/core/interleave.js';

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
