import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/text/edit-distance.js';

describe('editDistance', () => {
  it('measures edit distance with swaps of neighbours as one edit', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
