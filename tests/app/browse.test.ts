import { describe, expect, it } from 'vitest';
import { type BrowseRow, type BrowseSort, sortRows } from '../../src/app/browse.js';
import type { SrsState } from '../../src/core/model.js';
import { searchText } from '../../src/core/search.js';
import { basic, review } from '../support/cards.js';

const row = (id: string, at: number, srs: SrsState | null, recall: number | null): BrowseRow => {
  const card = basic(id);
  return {
    card,
    progress: srs ? { srs } : undefined,
    deckName: 'd',
    text: searchText(card),
    recall,
    leechAt: 8,
    prompt: id,
    at,
  };
};

const at = (iso: string) => Date.parse(iso);
const rows = [
  row('new1', 0, null, null),
  row(
    'late',
    1,
    review('2026-04-01T00:00:00Z', {
      lapses: 7,
      difficulty: 3,
      lastReview: at('2026-03-01T00:00:00Z'),
    }),
    0.7,
  ),
  row(
    'soon',
    2,
    review('2026-03-11T00:00:00Z', {
      lapses: 2,
      difficulty: 6,
      lastReview: at('2026-02-01T00:00:00Z'),
    }),
    0.9,
  ),
  row('new2', 3, null, null),
  row(
    'mid',
    4,
    review('2026-03-20T00:00:00Z', {
      lapses: 2,
      difficulty: 9,
      lastReview: at('2026-03-09T00:00:00Z'),
    }),
    0.5,
  ),
];

describe('sortRows', () => {
  it.each<[BrowseSort, string[]]>([
    // New cards have no due date, recall, difficulty or last review: last, in file order.
    ['due', ['soon', 'mid', 'late', 'new1', 'new2']],
    ['recall', ['mid', 'late', 'soon', 'new1', 'new2']],
    // Most lapses first; ties keep file order.
    ['lapses', ['late', 'soon', 'mid', 'new1', 'new2']],
    ['difficulty', ['mid', 'soon', 'late', 'new1', 'new2']],
    ['last', ['mid', 'late', 'soon', 'new1', 'new2']],
  ])('by %s', (by, order) => {
    expect(sortRows(rows, by).map((r) => r.card.key.slice(2))).toEqual(order);
  });

  it('leaves the rows it was given as they were', () => {
    sortRows(rows, 'due');
    expect(rows.map((r) => r.at)).toEqual([0, 1, 2, 3, 4]);
  });
});
