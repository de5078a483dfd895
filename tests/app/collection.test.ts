import { describe, expect, it } from 'vitest';
import { collectionStatus } from '../../src/app/status.js';
import { basicQ } from '../core/quiz-cards.js';
import { collectionsClosedAfterEach, deck } from './collection.js';

const open = collectionsClosedAfterEach();
const now = Date.parse('2026-03-10T12:00:00Z');
const deckOf = (id: string, cards: number) =>
  deck(
    id,
    Array.from({ length: cards }, (_, i) => basicQ(`${id}${i}`, `Q ${id}${i}`, 'A', { deck: id })),
  );

describe('a collection', () => {
  it('gives the cards of the decks asked for in the decks’ order, whatever the order asked', async () => {
    const c = await open([deckOf('a', 1), deckOf('b', 2), deckOf('c', 1)]);
    const keys = (ids: string[]) => c.inputs(new Set(ids)).map((i) => i.card.key);
    expect(keys(['c', 'a'])).toEqual(['a/a0', 'c/c0']);
    expect(keys(['b', 'nope'])).toEqual(['b/b0', 'b/b1']);
    expect(c.inputs().map((i) => i.card.key)).toEqual(['a/a0', 'b/b0', 'b/b1', 'c/c0']);
    expect(c.deck('b')?.cards).toHaveLength(2);
    expect(c.deck('nope')).toBeUndefined();
  });

  it('counts what is due per deck over thousands of decks', async () => {
    const decks = Array.from({ length: 3000 }, (_, i) => deckOf(`d${i}`, (i % 3) + 1));
    const status = collectionStatus(await open(decks), now);
    expect(status.decks).toHaveLength(3000);
    expect(status.decks.map((d) => d.new)).toEqual(decks.map((d) => d.cards.length));
  });
});
