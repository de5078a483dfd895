/**
 * Fault injection with the keys that name parts of a JavaScript object: wherever deck or config
 * YAML becomes objects, each is an ordinary key (reported as unknown where it is one), never a
 * prototype, and nothing leaks into Object.prototype.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import type { Problem } from '../../src/core/card.js';
import { parseDeck } from '../../src/deck/parse.js';

const brief = (problems: readonly Problem[]) =>
  problems.filter((p) => p.severity === 'error').map((p) => `${p.line}:${p.col} error ${p.rule}`);

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

// A value each place would take if the key were followed as a prototype.
const inDeck = (key: string): [string, string][] => [
  ['at the top', `name: X\ncards: []\n${key}:\n  name: Y\n`],
  ['holding the deck', `${key}:\n  name: X\n  cards:\n    - {id: a, q: Q, a: A}\n`],
  ['in a card', `name: X\ncards:\n  - id: a\n    q: Q\n    ${key}: {a: A}\n`],
];

afterEach(() => {
  for (const key of ['name', 'cards', 'a', 'new_per_day', 'day_starts_at']) {
    expect(Object.hasOwn(Object.prototype, key)).toBe(false);
  }
});

describe.each(KEYS)('a deck with the key %j', (key) => {
  it.each(inDeck(key))('%s: an unknown key, located, and nothing taken from it', (_, text) => {
    const { deck, problems } = parseDeck(text, 'd.yaml');
    const unknown = problems.filter((p) => p.rule === 'unknown-key');
    expect(unknown.map((p) => p.message)).toEqual([`unknown key \`${key}\``]);
    expect(deck?.cards ?? []).toEqual([]);
    expect(deck?.name).not.toBe('Y');
  });

  it('as the left side of a pair: just text', () => {
    const { deck, problems } = parseDeck(
      `name: X\ncards:\n  - id: p\n    pairs:\n      - ${key}: right\n      - [up, down]\n`,
      'd.yaml',
    );
    if (key === '__proto__') {
      // zod leaves the key out of the record it checks: the pair is refused, located.
      expect(brief(problems)).toEqual(['5:9 error invalid-value']);
      return;
    }
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(deck?.cards.map((c) => (c.kind === 'pair' ? c.left : ''))).toEqual([key, 'up']);
  });
});

describe.each(KEYS)('config.yaml with the key %j', (key) => {
  const dir = mkdtempSync(join(tmpdir(), 'recall-proto-'));
  const withConfig = (text: string) => {
    mkdirSync(join(dir, 'recall'), { recursive: true });
    writeFileSync(join(dir, 'recall', 'config.yaml'), text);
    return { XDG_CONFIG_HOME: dir, HOME: dir };
  };

  it.each([
    ['at the top', `${key}:\n  day_starts_at: 9\n`, '1:1'],
    ['in defaults', `defaults:\n  ${key}:\n    new_per_day: 3\n`, '2:3'],
  ])(
    '%s: a located error for __proto__, else a located warning and nothing taken',
    async (_, text, at) => {
      if (key === '__proto__') {
        await expect(loadConfig(withConfig(text))).rejects.toThrow(/config\.yaml:\d+:\d+: /);
        return;
      }
      const config = await loadConfig(withConfig(text));
      expect(config.warnings.map((w) => `${w.line}:${w.col} ${w.rule}`)).toEqual([
        `${at} unknown-key`,
      ]);
      expect(config.dayStartsAt).toBe(4);
      expect(config.defaults.newPerDay).toBe(20);
      expect(Object.hasOwn(Object.prototype, 'day_starts_at')).toBe(false);
      expect(Object.hasOwn(Object.prototype, 'new_per_day')).toBe(false);
    },
  );

  it('as a deck id under decks: its settings are that deck’s and no one else’s', async () => {
    const text = `decks:\n  ${key}:\n    new_per_day: 3\n`;
    if (key === '__proto__') {
      await expect(loadConfig(withConfig(text))).rejects.toThrow(/config\.yaml:2:3: /);
      return;
    }
    const config = await loadConfig(withConfig(text));
    expect(config.perDeck[key]).toEqual({ new_per_day: 3 });
    expect(config.perDeck.other).toBeUndefined();
  });
});
