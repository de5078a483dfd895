import { describe, expect, it } from 'vitest';
import type { DeckStatus } from '../../src/app/status.js';
import { statusText } from '../../src/commands/status.js';

const now = Date.parse('2026-03-10T08:00:00Z');
const deck = (name: string, n: number): DeckStatus => ({
  id: name,
  name,
  new: n,
  learning: 0,
  review: 2,
  total: n + 2,
  nextDue: null,
  exam: null,
});

describe('statusText', () => {
  it('keeps the columns aligned when a deck name has wide characters', () => {
    const status = { decks: [deck('日本語の単語', 10), deck('Spanish', 3)], nextDue: null };
    expect(statusText(status, now).split('\n')).toEqual([
      'deck          new learn review  total',
      '日本語の単語   10     0      2     12',
      'Spanish         3     0      2      5',
      'next due: nothing scheduled',
      '',
    ]);
  });
});
