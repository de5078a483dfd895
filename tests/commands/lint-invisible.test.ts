/**
 * Fault injection with invisible characters: each one the issue names, in each kind of deck
 * field. `recall lint` must warn at the exact line:col of every one, the loaded text must hold
 * none of them, and two choices that differ only by one are an error.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDecks } from '../../src/deck/load.js';
import { isolatedEnv, lines, recallInProcess, tmpDir } from '../support/cli.js';

const INVISIBLE = ['\u200b', '\u200d', '\u200f', '\u061c', '\ufeff', '\u00ad', '\u2060'];
const code = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** A deck line with `@` where the character goes. */
const FIELDS = [
  '  - {id: basic-@n, q: "Wh@at?", a: yes}',
  '  - {id: answer-@n, q: Which?, a: "ye@s"}',
  '  - {id: typed-@n, q: Type it, typed: ["to@ken"]}',
  '  - {id: cloze-@n, cloze: "a {{ga@p}} here"}',
  '  - {id: choice-@n, q: Pick, choices: ["on@e", two], answer: two}',
  '  - {id: pairs-@n, pairs: [["le@ft", right]]}',
  '  - {id: explain-@n, q: Why?, a: because, explain: "be@cause"}',
];

describe('invisible characters in every deck field', () => {
  const cards: string[] = [];
  const expected: string[] = [];
  for (const [i, c] of INVISIBLE.entries()) {
    for (const field of FIELDS) {
      const line = field.replace('@n', String(i));
      const col = line.indexOf('@') + 1;
      cards.push(line.replace('@', c));
      expected.push(`${3 + cards.length - 1}:${col}:${code(c)}`);
    }
  }
  const text = `name: Hidden\ncards:\n${cards.join('\n')}\n`;

  it('lint warns at each one, where it is', async () => {
    const file = join(tmpDir(), 'hidden.yaml');
    writeFileSync(file, text);
    const run = await recallInProcess(['lint', '--json', file], isolatedEnv({ NO_COLOR: '1' }));
    const out = JSON.parse(run.stdout) as {
      errors: number;
      problems: { line: number; col: number; rule: string; message: string }[];
    };
    expect(out.errors).toBe(0);
    // Past the first 20 a file's characters are counted, not listed: check those one by one.
    const invisible = out.problems.filter((p) => p.rule === 'invisible-character');
    const listed = invisible.filter((p) => !p.message.includes('more invisible'));
    expect(listed.map((p) => `${p.line}:${p.col}:${p.message.slice(0, 6)}`)).toEqual(
      expected.slice(0, 20),
    );
    expect(invisible.at(-1)?.message).toBe(
      `${expected.length - 20} more invisible characters in this file (recall removes them all)`,
    );
    expect(run.status).toBe(0);
  });

  it('every card loads without them', async () => {
    const file = join(tmpDir(), 'hidden.yaml');
    writeFileSync(file, text);
    const { decks } = await loadDecks([file]);
    const all = JSON.stringify(decks[0]?.cards);
    expect(decks[0]?.cards).toHaveLength(INVISIBLE.length * FIELDS.length);
    for (const c of INVISIBLE) expect(all.includes(c)).toBe(false);
  });

  it.each(INVISIBLE.map((c) => [code(c), c]))(
    'two choices that differ only by %s are an error at the second',
    async (_, c) => {
      const file = join(tmpDir(), 'choices.yaml');
      writeFileSync(
        file,
        `name: C\ncards:\n  - {id: c, q: Pick, choices: [Paris, "Par${c}is", Rome], answer: Rome}\n`,
      );
      const run = await recallInProcess(['lint', file], isolatedEnv({ NO_COLOR: '1' }));
      expect(lines(run.stdout).filter((l) => l.includes(': error: '))).toEqual([
        `${file}:3:39: error: choice \`Paris\` is listed twice`,
      ]);
      expect(run.status).toBe(1);
    },
  );
});
