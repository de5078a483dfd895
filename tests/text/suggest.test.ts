import { describe, expect, it } from 'vitest';
import { closest } from '../../src/text/suggest.js';

describe('closest', () => {
  const keys = ['id', 'q', 'a', 'explain', 'tags', 'answer', 'choices'];

  it('suggests the nearest key within two edits', () => {
    expect(closest('explian', keys)).toBe('explain');
    expect(closest('tgas', keys)).toBe('tags');
    expect(closest('Choices', keys)).toBe('choices');
  });

  it('suggests nothing for a word far from every key', () => {
    expect(closest('banana', keys)).toBeUndefined();
  });

  it('allows fewer edits for short words, so `x` is not taken for `a`', () => {
    expect(closest('x', keys)).toBeUndefined();
    expect(closest('qq', keys)).toBe('q');
  });
});
