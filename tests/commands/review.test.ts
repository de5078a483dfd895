import { describe, expect, it } from 'vitest';
import { reviewRequest } from '../../src/commands/review.js';

describe('recall review flags', () => {
  it.each([
    [{}, {}],
    [{ tag: ['a,b', 'c'] }, { tags: ['a', 'b', 'c'] }],
    [{ ahead: '3d' }, { study: { aheadDays: 3 } }],
    [{ ahead: '3' }, { study: { aheadDays: 3 } }],
    [{ ahead: '2w' }, { study: { aheadDays: 14 } }],
    [{ new: '10' }, { study: { extraNew: 10 } }],
    [
      { ahead: '1d', new: '5', tag: ['x'] },
      { tags: ['x'], study: { aheadDays: 1, extraNew: 5 } },
    ],
  ])('%j → %j', (flags, request) => {
    expect(reviewRequest(flags)).toEqual(request);
  });

  it.each([
    [{ ahead: '0d' }, /--ahead takes whole days from 1 to 36500: 3d, 3 or 2w \(got "0d"\)/],
    [{ ahead: '3h' }, /--ahead takes whole days/],
    [{ ahead: '-1' }, /--ahead takes whole days/],
    [{ ahead: '36501' }, /--ahead takes whole days/],
    [{ new: '0' }, /--new must be a whole number of at least 1 \(got "0"\)/],
    [{ new: '2.5' }, /--new must be a whole number/],
    [{ new: '10000' }, /--new is at most 9999/],
  ])('refuses %j', (flags, message) => {
    expect(() => reviewRequest(flags)).toThrow(message);
  });
});
