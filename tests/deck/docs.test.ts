import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse.js';

const doc = readFileSync(join(import.meta.dirname, '../../docs/deck-format.md'), 'utf8');

/** Every ```yaml example in the format guide, unindented; card snippets wrapped in a deck. */
const examples = [...doc.matchAll(/^( *)(`{3,})yaml\n([\s\S]*?)\n\1\2$/gm)].map(
  ([, indent, , body]) => {
    const text = body!
      .split('\n')
      .map((line) => line.slice(indent!.length))
      .join('\n');
    return text.includes('\nname:') || text.startsWith('name:') || text.startsWith('#')
      ? text
      : `name: Example\ncards:\n${text}\n`;
  },
);

it('finds the examples in docs/deck-format.md', () => {
  expect(examples.length).toBeGreaterThanOrEqual(9);
});

it.each(examples.map((text, i) => [i, text] as const))(
  'parses example %i of the deck format guide without errors',
  (_, text) => {
    const { deck, problems } = parseDeck(text, 'example.yaml');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(deck?.cards.length).toBeGreaterThan(0);
  },
);
