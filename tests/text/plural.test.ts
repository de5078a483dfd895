import { describe, expect, it } from 'vitest';
import { counted } from '../../src/text/plural.js';

describe('counted', () => {
  it('agrees the noun with the count', () => {
    expect(counted(1, 'card')).toBe('1 card');
    expect(counted(0, 'card')).toBe('0 cards');
    expect(counted(2, 'query', 'queries')).toBe('2 queries');
  });
});
