import { describe, expect, it } from 'vitest';
import { type GapOrder, readGapOrder, reorderedGaps } from '../../src/app/gap-order.js';
import type { Deck } from '../../src/core/card.js';
import { parseDeck } from '../../src/deck/parse.js';

/** A deck of one cloze with the id `n` (or none) and this text. */
function deckOf(cloze: string, id: string | null = 'n'): Deck {
  const card = id === null ? `  - cloze: "${cloze}"\n` : `  - id: ${id}\n    cloze: "${cloze}"\n`;
  const { deck } = parseDeck(`id: d\nname: D\ncards:\n${card}`, 'd.yaml');
  if (!deck) throw new Error('no deck');
  return deck;
}

const AB: GapOrder = { 'd/n': ['a', 'b'] };

describe('reorderedGaps', () => {
  it.each<[string, string, GapOrder, string[], string[], GapOrder]>([
    ['first seen: remembered, nothing said', '{{a}} {{b}}', {}, ['d/n:c1'], [], AB],
    ['unchanged', '{{a}} {{b}}', AB, ['d/n:c1', 'd/n:c2'], [], AB],
    [
      'swapped, both reviewed: both move, the order waits',
      '{{b}} {{a}}',
      AB,
      ['d/n:c1', 'd/n:c2'],
      ['d/n:c2=d/n:c1', 'd/n:c1=d/n:c2'],
      AB,
    ],
    ['swapped, one reviewed', '{{b}} {{a}}', AB, ['d/n:c1'], ['d/n:c1=d/n:c2'], AB],
    ['swapped, none reviewed: the new order', '{{b}} {{a}}', AB, [], [], { 'd/n': ['b', 'a'] }],
    [
      'a gap put in front',
      '{{x}} {{a}} {{b}}',
      AB,
      ['d/n:c1', 'd/n:c2'],
      ['d/n:c1=d/n:c2', 'd/n:c2=d/n:c3'],
      AB,
    ],
    ['a gap rewritten', '{{a}} {{c}}', AB, ['d/n:c1', 'd/n:c2'], [], { 'd/n': ['a', 'c'] }],
    [
      'an answer now twice: c1 would lose its progress to c2, so nothing is said',
      '{{b}} {{a}} {{a}}',
      AB,
      ['d/n:c1', 'd/n:c2'],
      [],
      { 'd/n': ['b', 'a', 'a'] },
    ],
    [
      'an answer now twice, its gap never reviewed',
      '{{b}} {{a}} {{a}}',
      AB,
      ['d/n:c2'],
      ['d/n:c2=d/n:c1'],
      AB,
    ],
  ])('%s', (_, text, remembered, reviewed, moves, order) => {
    const has = new Set(reviewed);
    const out = reorderedGaps([deckOf(text)], (k) => has.has(k), remembered);
    expect(out.moves.map((m) => `${m.from}=${m.to}`)).toEqual(moves);
    expect({ ...out.order }).toEqual(order);
  });

  it('leaves a cloze without an id to the orphan check (its keys change instead)', () => {
    const deck = deckOf('{{b}} {{a}}', null);
    const note = deck.cards[0]!.key.split(':')[0]!;
    const out = reorderedGaps([deck], () => true, { [note]: ['a', 'b'] });
    expect(out.moves).toEqual([]);
  });

  it('reads a missing or damaged file as nothing remembered', () => {
    expect(readGapOrder('/nonexistent/gaps.json')).toEqual({});
  });
});
