import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formerKeyOf, lostProgress, reattachFormerKeys } from '../../src/app/reattach.js';
import type { Deck, KeyedDeck } from '../../src/core/card.js';
import { parseDeck } from '../../src/deck/parse.js';
import { ProgressStore } from '../../src/store/progress.js';
import { removeTempDirs, review, state, tempDir } from '../store/entries.js';

afterAll(removeTempDirs);

const now = Date.parse('2026-03-10T12:00:00Z');

function deck(text: string): Deck {
  const { deck } = parseDeck(text, 'd.yaml');
  if (!deck) throw new Error('no deck');
  return deck;
}

const withoutIds = `name: D
cards:
  - q: one?
    a: "1"
  - q: two?
    a: "2"
`;
const withIds = `name: D
cards:
  - id: one
    q: one?
    a: "1"
  - id: two
    q: two?
    a: "2"
`;

async function storeWith(keys: readonly string[]) {
  const dir = tempDir();
  const { store } = await ProgressStore.open(dir);
  for (const key of keys) store.append(review(key, state(1), null));
  return { dir, store };
}

describe('reattachFormerKeys', () => {
  it('moves progress from the content-hash key to the card that now has an id', async () => {
    const hashKeys = deck(withoutIds).cards.map((c) => c.key);
    const ided = deck(withIds);
    expect(ided.cards.map(formerKeyOf)).toEqual(hashKeys);
    const { store } = await storeWith(hashKeys);
    expect(reattachFormerKeys([ided], store, false, now)).toBe(2);
    expect(store.get('d/one')?.srs?.reps).toBe(1);
    expect(store.get(hashKeys[0]!)).toBeUndefined();
    // Done once: the next open has nothing left to move.
    expect(reattachFormerKeys([ided], store, false, now)).toBe(0);
    await store.close();
  });

  it('leaves a card’s own progress, and a former key a live card still uses', async () => {
    const [first, second] = deck(withoutIds).cards.map((c) => c.key);
    const ided = deck(withIds);
    // `two` has progress of its own; the hash key of `one` is also a card in a second deck file
    // that kept its id-less copy under the same deck id.
    const { store } = await storeWith([first!, second!, 'd/two']);
    const copy = deck(withoutIds.replace(/ {2}- q: two\?\n {4}a: "2"\n/, ''));
    expect(reattachFormerKeys([ided, copy], store, false, now)).toBe(0);
    expect(store.get(first!)?.srs?.reps).toBe(1);
    await store.close();
  });

  it('gives a former key shared by two copies to the first, as the fix does', async () => {
    const twins = deck(`name: D
cards:
  - id: first
    q: same?
    a: "1"
  - id: second
    q: same?
    a: "1"
`);
    expect(formerKeyOf(twins.cards[0]!)).toBe(formerKeyOf(twins.cards[1]!));
    const { store } = await storeWith([formerKeyOf(twins.cards[0]!)!]);
    expect(reattachFormerKeys([twins], store, false, now)).toBe(1);
    expect(store.get('d/first')?.srs?.reps).toBe(1);
    expect(store.get('d/second')).toBeUndefined();
    await store.close();
  });

  it('only shows the progress in place when the store is read-only, writing nothing', async () => {
    const hashKeys = deck(withoutIds).cards.map((c) => c.key);
    const { dir, store } = await storeWith(hashKeys);
    await store.close();
    const before = readFileSync(join(dir, 'reviews.jsonl'), 'utf8');
    const { store: reader } = await ProgressStore.open(dir, { readOnly: true });
    expect(reattachFormerKeys([deck(withIds)], reader, true, now)).toBe(2);
    expect(reader.get('d/two')?.srs?.reps).toBe(1);
    await reader.close();
    expect(readFileSync(join(dir, 'reviews.jsonl'), 'utf8')).toBe(before);
  });
});

describe('lostProgress', () => {
  const keyed = (id: string, keys: readonly string[]): KeyedDeck => ({
    id,
    cards: keys.map((key) => ({
      key,
      deckId: id,
      noteId: key.slice(id.length + 1),
      implicitId: false,
      kind: 'basic' as const,
    })),
  });

  it('finds nothing lost when every key holding progress is a card, and counts what is', () => {
    const decks = [keyed('a', ['a/1', 'a/2']), keyed('b', ['b/1'])];
    expect(lostProgress(decks, new Set(['a/1', 'b/1']), true)).toEqual({ count: 0, moves: [] });
    expect(lostProgress(decks, new Set(), true)).toEqual({ count: 0, moves: [] });
    expect(lostProgress(decks, new Set(['a/1', 'a/9']), true).count).toBe(1);
    expect(lostProgress(decks, new Set(['gone/1', 'b/1']), true).count).toBe(1);
  });

  it('is not fooled by a deck id read twice (lint reads every file): a card counted twice hides no orphan', () => {
    const decks = [keyed('a', ['a/1']), keyed('a', ['a/1'])];
    expect(lostProgress(decks, new Set(['a/1', 'a/orphan']), true).count).toBe(1);
    expect(lostProgress(decks, new Set(['a/1']), true)).toEqual({ count: 0, moves: [] });
  });
});
