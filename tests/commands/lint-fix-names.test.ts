/**
 * `lint --fix` on decks whose file names a cloned repository may well have: `:`, spaces, `#`,
 * a leading `-`, non-ASCII. The deck id comes from the file name, so every progress key of such
 * a deck carries it; every card must still get its id.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, lines, recallInProcess, tmpDir } from '../support/cli.js';

const deck = `name: Names
cards:
  - q: First question?
    a: one
    reverse: true
  - cloze: "{{two}} and {{three}}"
  - pairs:
      - [left, right]
      - [up, down]
`;

describe.each([
  ['v2:notes.yaml'],
  ['a:b:c.yaml'],
  ['with space.yaml'],
  ['#hash.yaml'],
  ['-dash.yaml'],
  ['déjà vu.yaml'],
  ['x%2Fy.yaml'],
])('recall lint --fix on %j', (name) => {
  it('adds an id to every card, and lints clean but for the deck id', async () => {
    const file = join(tmpDir(), name);
    writeFileSync(file, deck);
    const run = await recallInProcess(
      ['lint', '--fix', '--quiet', file],
      isolatedEnv({ NO_COLOR: '1' }),
    );
    expect(lines(run.stdout).filter((l) => l.includes(': fixed: '))).toHaveLength(3);
    // Every card has an id; the deck's own id is still its file name's.
    expect(lines(run.stdout).filter((l) => !l.includes(': fixed: '))).toEqual([
      expect.stringMatching(
        /^.+:1:1: warning: the deck has no `id`: .* renaming the file loses it/,
      ),
    ]);
    expect(run.status).toBe(0);
    expect(readFileSync(file, 'utf8').match(/id: /g)).toHaveLength(3);
  });
});
