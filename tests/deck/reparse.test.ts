/**
 * A start after deck edits or an import parses only the files that changed or are new: every
 * other deck comes from the deck cache. Counted at the parser itself.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { loadDecks } from '../../src/deck/load.js';

const parsed = vi.hoisted(() => [] as string[]);
vi.mock('../../src/deck/parse.js', async (original) => {
  const parse = await original<typeof import('../../src/deck/parse.js')>();
  return {
    ...parse,
    parseDeck: (text: string | Uint8Array, file: string) => {
      parsed.push(basename(file));
      return parse.parseDeck(text, file);
    },
  };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'recall-reparse-'));
  parsed.length = 0;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const deck = (name: string, answer: string) =>
  `name: ${name}\ncards:\n  - id: one\n    q: Q\n    a: ${answer}\n`;

it('parses only the decks edited or added since the last start', async () => {
  const decks = join(dir, 'decks');
  const cacheDir = join(dir, 'cache');
  mkdirSync(decks);
  for (const name of ['a', 'b', 'c', 'd'])
    writeFileSync(join(decks, `${name}.yaml`), deck(name, 'A'));
  await loadDecks([decks], { cacheDir });
  expect(parsed.sort()).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']);

  parsed.length = 0;
  const again = await loadDecks([decks], { cacheDir });
  expect(parsed).toEqual([]);
  expect(again.decks).toHaveLength(4);

  // An edit, and a deck an import wrote.
  writeFileSync(join(decks, 'b.yaml'), deck('b', 'a longer answer'));
  writeFileSync(join(decks, 'imported.yaml'), deck('imported', 'A'));
  const edited = await loadDecks([decks], { cacheDir });
  expect(parsed.sort()).toEqual(['b.yaml', 'imported.yaml']);
  expect(edited.decks.map((d) => d.id)).toEqual(['a', 'b', 'c', 'd', 'imported']);
});
