import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adviseDeck } from '../../src/deck/advice.js';
import { cachedAdvice } from '../../src/deck/advice-cache.js';
import { parseDeck } from '../../src/deck/parse.js';

// No id, a quizzable card without an explanation, a pair that gives itself away: three rules.
const { deck } = parseDeck(
  [
    'name: D',
    'cards:',
    '  - id: one',
    '    q: Which endpoint lists the jobs?',
    '    typed: [GET jobs/list]',
    '  - id: pairs',
    '    q: Match',
    '    pairs:',
    '      databricks jobs list: /api/2.2/jobs/list',
    '      databricks jobs get: /api/2.2/jobs/get',
    '',
  ].join('\n'),
  'd.yaml',
);
const version = { path: '/decks/d.yaml', size: 120, mtimeMs: 1_700_000_000_000 };
const expected = adviseDeck(deck!);

function cacheWith() {
  const dir = mkdtempSync(join(tmpdir(), 'recall-advice-'));
  const entry = () => join(dir, 'advice', readdirSync(join(dir, 'advice'))[0]!);
  return { dir, entry };
}

describe('the advice cache', () => {
  it('gives the advice worked out, then reads it back for the same file version', async () => {
    expect(expected.map((p) => p.rule)).toEqual(
      expect.arrayContaining(['missing-deck-id', 'no-explain']),
    );
    const { dir, entry } = cacheWith();
    expect(await cachedAdvice(deck!, version, dir)).toEqual(expected);
    // What the entry holds is what comes back: it is read, not worked out again.
    const text = readFileSync(entry(), 'utf8');
    const held = JSON.parse(text);
    held.advice = [{ ...expected[0], message: 'from the cache' }];
    writeFileSync(entry(), JSON.stringify(held));
    expect((await cachedAdvice(deck!, version, dir)).map((p) => p.message)).toEqual([
      'from the cache',
    ]);
  });

  it('works it out again for another version of the file', async () => {
    const { dir, entry } = cacheWith();
    await cachedAdvice(deck!, version, dir);
    const held = JSON.parse(readFileSync(entry(), 'utf8'));
    writeFileSync(entry(), JSON.stringify({ ...held, advice: [] }));
    expect(await cachedAdvice(deck!, { ...version, mtimeMs: version.mtimeMs + 1 }, dir)).toEqual(
      expected,
    );
    expect(await cachedAdvice(deck!, { ...version, size: version.size + 1 }, dir)).toEqual(
      expected,
    );
  });

  it('takes a damaged, foreign or tampered entry for a miss, and replaces it', async () => {
    const { dir, entry } = cacheWith();
    await cachedAdvice(deck!, version, dir);
    const held = JSON.parse(readFileSync(entry(), 'utf8'));
    const tampered = JSON.stringify({
      ...held,
      advice: [{ ...expected[0], message: 'look \u001b]52;c;aGk=\u0007' }],
    });
    for (const text of ['', '{', 'null', '[]', JSON.stringify({ ...held, format: 0 }), tampered]) {
      writeFileSync(entry(), text);
      expect(await cachedAdvice(deck!, version, dir)).toEqual(expected);
      expect(JSON.parse(readFileSync(entry(), 'utf8')).advice).toEqual(expected);
    }
  });

  it('works it out, and writes nothing, for a deck not read from a file', async () => {
    const { dir } = cacheWith();
    expect(await cachedAdvice(deck!, undefined, dir)).toEqual(expected);
    expect(() => readdirSync(join(dir, 'advice'))).toThrow();
  });
});
