/** A collection over in-memory decks and a progress store in a fresh temporary folder. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Collection } from '../../src/app/collection.js';
import { loadConfig } from '../../src/config/config.js';
import type { Card, Deck } from '../../src/core/card.js';
import { ProgressStore } from '../../src/store/progress.js';

export function deck(id: string, cards: readonly Card[], over: Partial<Deck> = {}): Deck {
  return { id, name: `Deck ${id}`, tags: [], file: `/decks/${id}.yaml`, cards, ...over };
}

export async function collectionOf(decks: readonly Deck[]): Promise<Collection> {
  const dir = mkdtempSync(join(tmpdir(), 'recall-study-'));
  const { store } = await ProgressStore.open(join(dir, 'data'));
  const config = await loadConfig({ HOME: dir, RECALL_CONFIG: join(dir, 'none.yaml') });
  return new Collection(decks, store, config);
}

/** `open(decks)` for a test file: every collection it opens is closed after each test. */
export function collectionsClosedAfterEach(): (decks: readonly Deck[]) => Promise<Collection> {
  const opened: Collection[] = [];
  afterEach(async () => {
    for (const c of opened.splice(0)) await c.store.close();
  });
  return async (decks) => {
    const c = await collectionOf(decks);
    opened.push(c);
    return c;
  };
}
