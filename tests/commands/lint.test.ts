import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixIds } from '../../src/deck/fix.js';
import { deckCacheFile } from '../../src/fs/paths.js';
import {
  isolatedEnv,
  lines,
  type Run,
  recall,
  recallInProcess,
  requireBuild,
  reviewLog,
  tmpDir,
} from '../support/cli.js';
import { ratedOnce } from '../support/rated.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/lint');

const bad = (name: string) => join(fixtures, 'bad', name);
const clean = join(fixtures, 'good', 'clean.yaml');
const cleanText = readFileSync(clean, 'utf8');

/** A file written into a fresh temporary folder; returns its path. */
function tmpFile(name: string, content: string | Uint8Array): string {
  const file = join(tmpDir(), name);
  writeFileSync(file, content);
  return file;
}

const LOCATED = /^.+:\d+:\d+: (error|warning|note): \S.*$/;

/** What every run must be: located one-line messages, no stack trace. */
function expectWellBehaved(run: Run): void {
  for (const line of lines(run.stdout)) expect(line).toMatch(LOCATED);
  expect(run.stderr).not.toContain('    at ');
}

beforeAll(requireBuild);

describe('recall lint on a clean deck', () => {
  it('prints nothing on stdout, a summary on stderr, and exits 0', () => {
    const run = recall(['lint', clean]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('1 deck, 2 cards: 0 errors, 0 warnings\n');
  });

  it('accepts CRLF line endings', async () => {
    const run = await recallInProcess([
      'lint',
      tmpFile('crlf.yaml', cleanText.replaceAll('\n', '\r\n')),
    ]);
    expectWellBehaved(run);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('counts in the summary with nouns that agree: 1 card, not 1 cards', async () => {
    const one = 'id: one\nname: One\ncards:\n  - id: only\n    q: Q\n    a: A\n';
    const run = await recallInProcess(['lint', tmpFile('one.yaml', one)]);
    expect(run.stderr).toBe('1 deck, 1 card: 0 errors, 0 warnings\n');
  });

  it('accepts a byte-order mark', async () => {
    const run = await recallInProcess(['lint', tmpFile('bom.yaml', `\uFEFF${cleanText}`)]);
    expectWellBehaved(run);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });
});

describe('recall lint on bad input', () => {
  const nonUtf8 = () =>
    tmpFile(
      'latin1.yaml',
      Buffer.concat([
        Buffer.from('name: Bytes\ncards:\n  - id: one\n    q: caf'),
        Buffer.from([0xe9]), // é in Latin-1
        Buffer.from('\n    a: x\n'),
      ]),
    );
  const huge = () => {
    const file = tmpFile('huge.yaml', '');
    truncateSync(file, 20 * 1024 * 1024);
    return file;
  };
  const cases: [string, () => string, string][] = [
    [
      'tabs for indentation',
      () => bad('tabs.yaml'),
      '3:1: error: a tab indents this line: YAML indents with spaces only',
    ],
    [
      'an unclosed quote',
      () => bad('unclosed-quote.yaml'),
      '4:8: error: this `"` quote is never closed: end the value with `"`',
    ],
    [
      'a card that is a string',
      () => bad('card-string.yaml'),
      '6:5: error: a card is a mapping like `q: …` and `a: …`, not text (did you forget `q:`?)',
    ],
    [
      'a deck that is a list',
      () => bad('deck-list.yaml'),
      '1:1: error: a deck is a mapping with `name:` and `cards:`, not a list',
    ],
    [
      'an empty file',
      () => bad('empty.yaml'),
      '1:1: error: empty deck: a deck is a mapping with `name:` and `cards:`',
    ],
    [
      'a 20 MB file',
      huge,
      '1:1: error: deck is 20.0 MB; the limit is 5.0 MB (split it into several decks)',
    ],
    [
      'a billion-laughs alias bomb',
      () => bad('alias-bomb.yaml'),
      '8:12: error: aliases expand the deck past 5.0 MB of text, the most a deck file may hold: refusing to expand them',
    ],
    [
      'a key with a typo',
      () => bad('key-typo.yaml'),
      '5:5: error: unknown key `anwser` (did you mean `answer`?)',
    ],
    ['non-UTF-8 bytes', nonUtf8, '4:11: error: not UTF-8 text: save the deck as UTF-8'],
    [
      'a deck nested under `__proto__:`',
      () => bad('proto.yaml'),
      '2:1: error: unknown key `__proto__`',
    ],
  ];

  it.each(cases)('%s: a located one-line error, exit 1', async (_, make, expected) => {
    const file = make();
    const run = await recallInProcess(['lint', file]);
    expectWellBehaved(run);
    expect(run.status).toBe(1);
    expect(lines(run.stdout)[0]).toBe(`${file}:${expected}`);
  });

  it('reports a broken deck and still checks the clean one beside it', async () => {
    const run = await recallInProcess(['lint', bad('key-typo.yaml'), clean]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('2 decks, 2 cards: 1 error, 0 warnings\n');
  });

  it('names both files when two decks share an id', async () => {
    const one = join(fixtures, 'dup', 'one.yaml');
    const two = join(fixtures, 'dup', 'two.yaml');
    const run = await recallInProcess(['lint', join(fixtures, 'dup')]);
    expectWellBehaved(run);
    expect(run.status).toBe(1);
    expect(lines(run.stdout)).toEqual([
      `${two}:2:5: error: deck id \`shared\` is already used by ${one}; this deck is skipped (set a different \`id\`)`,
    ]);
  });
});

describe('recall lint --json', () => {
  it('prints one JSON document with counts and located problems', () => {
    const file = bad('key-typo.yaml');
    const run = recall(['lint', '--json', file, clean]);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      decks: 2,
      errors: 1,
      warnings: 0,
      lostProgress: [],
      problems: [
        {
          file,
          line: 5,
          col: 5,
          severity: 'error',
          rule: 'unknown-key',
          message: 'unknown key `anwser` (did you mean `answer`?)',
        },
      ],
      notes: [],
    });
  });
});

describe('recall lint advice', () => {
  const advised = `id: advised
name: Advised
cards:
  - id: unexplained
    q: Which field carries the token back?
    typed: page_token
  - id: given-away
    q: "Pass next_page_token back as page_token: under which name?"
    typed: page_token
    explain: The lesson says so.
`;

  it('prints warnings, then notes after them; notes alone never fail', async () => {
    const file = tmpFile('advised.yaml', advised);
    const run = await recallInProcess(['lint', file]);
    expectWellBehaved(run);
    expect(run.status).toBe(0);
    expect(lines(run.stdout)).toEqual([
      `${file}:7:5: warning: the question shows its own right answer \`page_token\`: reword it so it does not`,
      `${file}:4:5: note: no \`explain\`: after a wrong answer, review and the mock test have nothing to say why`,
    ]);
    expect(run.stderr).toBe(
      '1 deck, 2 cards: 0 errors, 1 warning, 1 note (--quiet leaves them out)\n',
    );
  });

  it('--quiet leaves the notes out and says so in the count', async () => {
    const file = tmpFile('advised.yaml', advised);
    const run = await recallInProcess(['lint', '--quiet', file]);
    expect(lines(run.stdout)).toEqual([expect.stringContaining(':7:5: warning: ')]);
    expect(run.stderr).toBe('1 deck, 2 cards: 0 errors, 1 warning, 1 note (not shown)\n');
  });

  it('--json lists the notes under their own key, apart from the problems', async () => {
    const file = tmpFile('advised.yaml', advised);
    const run = await recallInProcess(['lint', '--json', file]);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ decks: 1, errors: 0, warnings: 1 });
    expect(json.problems.map((p: { rule: string }) => p.rule)).toEqual(['gives-itself-away']);
    expect(json.notes).toEqual([
      {
        file,
        line: 4,
        col: 5,
        severity: 'note',
        rule: 'no-explain',
        message:
          'no `explain`: after a wrong answer, review and the mock test have nothing to say why',
      },
    ]);
  });
});

describe('recall lint --fix', () => {
  const golden = readFileSync(join(fixtures, 'fix', 'commented.fixed.yaml'), 'utf8');

  it('writes the ids into the file, keeps its mode, reports each change, then lints', async () => {
    const file = join(tmpDir(), 'commented.yaml');
    copyFileSync(join(fixtures, 'fix', 'commented.yaml'), file);
    chmodSync(file, 0o640);
    const run = await recallInProcess(['lint', '--fix', file]);
    expect(run.stderr).not.toContain('    at ');
    expect(readFileSync(file, 'utf8')).toBe(golden);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    const out = lines(run.stdout);
    expect(out.slice(0, 2)).toEqual([
      `${file}:14:5: fixed: added id \`which-endpoint-starts-a-run\``,
      `${file}:20:5: fixed: added id \`run-now\``,
    ]);
    expect(out.filter((l) => l.includes(': fixed: '))).toHaveLength(7);
    // The card with no answer is still an error, and no card lacks an id any more.
    expect(out.filter((l) => l.includes('card has no `id`'))).toEqual([]);
    expect(out.filter((l) => l.includes(': error: '))).toEqual([
      `${file}:48:5: error: \`q\` has no answer: add \`a\` (basic), \`typed\` (typed answer) or \`choices\` + \`answer\` (multiple choice)`,
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/; 7 ids added\n$/);

    const again = await recallInProcess(['lint', '--fix', file]);
    expect(lines(again.stdout).filter((l) => l.includes(': fixed: '))).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(golden);
  });

  it('never touches a file with a YAML syntax error', async () => {
    const text = 'name: Broken\ncards:\n  - q: "unclosed\n    a: x\n  - q: Fine\n    a: y\n';
    const file = tmpFile('broken.yaml', text);
    const run = await recallInProcess(['lint', '--fix', file]);
    expectWellBehaved(run);
    expect(run.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('lists the ids it added in the JSON output', async () => {
    const file = tmpFile(
      'two.yaml',
      'name: Two\ncards:\n  - q: One?\n    a: one\n  - {q: Two?, a: two}\n',
    );
    const run = await recallInProcess(['lint', '--fix', '--json', file]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      decks: 1,
      errors: 0,
      warnings: 1,
      problems: [
        expect.objectContaining({ line: 1, col: 1, rule: 'missing-deck-id', severity: 'warning' }),
      ],
      notes: [],
      lostProgress: [],
      fixed: [
        { file, line: 3, col: 5, id: 'one' },
        { file, line: 6, col: 6, id: 'two' },
      ],
      skipped: [],
    });
  });
});

const deck = `name: Carry
cards:
  - q: What carries a page forward?
    a: next_page_token
  - q: Which boolean was removed?
    a: has_more
`;

describe('lint --fix keeps progress', () => {
  it('moves progress recorded under a content-hash key to the new id', async () => {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
    const file = join(tmpDir(), 'carry.yaml');
    writeFileSync(file, deck);
    // Rate the first card under its content-hash key, through the store's own log format.
    const before = JSON.parse((await recallInProcess(['status', '--json', file], env)).stdout);
    expect(before.decks[0]).toMatchObject({ new: 2 });
    const log = join(env.RECALL_HOME!, 'reviews.jsonl');

    mkdirSync(env.RECALL_HOME!, { recursive: true });
    const exported = JSON.parse(
      (await recallInProcess(['export', '--json', file], env)).stdout,
    ) as {
      key: string;
    }[];
    const first = exported[0]!.key;
    expect(first).toMatch(/^carry\/h-[0-9a-f]{10}$/);
    writeFileSync(
      log,
      `${JSON.stringify(ratedOnce(first, 'x1', 4))}
`,
    );
    expect(
      JSON.parse((await recallInProcess(['status', '--json', file], env)).stdout).decks[0],
    ).toMatchObject({
      new: 1,
    });

    const fixed = await recallInProcess(['lint', '--fix', file], env);
    expect(fixed.status).toBe(0);
    const after = JSON.parse((await recallInProcess(['export', '--json', file], env)).stdout) as {
      key: string;
      state: string;
    }[];
    expect(after[0]).toMatchObject({ key: 'carry/what-carries-a-page-forward', state: 'Review' });
    expect(
      JSON.parse((await recallInProcess(['status', '--json', file], env)).stdout).decks[0],
    ).toMatchObject({
      new: 1,
    });
  });
});

describe('an interrupted lint --fix', () => {
  /** A collection whose deck got its ids but whose `move` entries were never logged. */
  async function interrupted() {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
    const file = join(tmpDir(), 'carry.yaml');
    writeFileSync(file, deck);
    const keys = (
      JSON.parse((await recallInProcess(['export', '--json', file], env)).stdout) as {
        key: string;
      }[]
    ).map((c) => c.key);
    mkdirSync(env.RECALL_HOME!, { recursive: true });
    const log = join(env.RECALL_HOME!, 'reviews.jsonl');
    writeFileSync(
      log,
      keys.map((key, i) => `${JSON.stringify(ratedOnce(key, `r${i}`))}\n`).join(''),
    );
    // What a kill between writing the deck and appending the moves leaves: ids, no moves.
    writeFileSync(file, fixIds(deck, file).text);
    return { env, file, log };
  }

  it('leaves no card New: the next open finds progress under the former key', async () => {
    const { env, file, log } = await interrupted();
    const before = readFileSync(log, 'utf8');
    const status = JSON.parse((await recallInProcess(['status', '--json', file], env)).stdout);
    expect(status.decks[0]).toMatchObject({ new: 0 });
    // status only reads: it shows the progress without writing a move.
    expect(readFileSync(log, 'utf8')).toBe(before);

    // A command that writes logs the moves, once; the cards keep their progress afterwards.
    expect((await recallInProcess(['doctor', file], env)).status).toBe(0);
    const moves = readFileSync(reviewLog(env.RECALL_HOME!), 'utf8')
      .split('\n')
      .filter((l) => l.includes('"kind":"move"'));
    expect(moves).toHaveLength(2);
    expect((await recallInProcess(['doctor', file], env)).status).toBe(0);
    expect(readFileSync(reviewLog(env.RECALL_HOME!), 'utf8').split('"kind":"move"')).toHaveLength(
      3,
    );
    const exported = JSON.parse((await recallInProcess(['export', '--json', file], env)).stdout);
    expect(exported.map((c: { state: string }) => c.state)).toEqual(['Review', 'Review']);
  });
});

describe('recall lint and the deck cache', () => {
  it('reads decks through the deck cache, and says the same from it', async () => {
    const env = isolatedEnv({ NO_COLOR: '1' });
    const file = tmpFile('typo.yaml', readFileSync(bad('key-typo.yaml'), 'utf8'));
    const first = await recallInProcess(['lint', file], env);
    const entry = deckCacheFile(join(env.XDG_CACHE_HOME!, 'recall'), resolve(file));
    expect(statSync(entry).isFile()).toBe(true);
    const again = await recallInProcess(['lint', file], env);
    expect(again).toEqual(first);
    expect(first.status).toBe(1);
    expect(first.stdout).toMatch(/typo\.yaml:\d+:\d+: error: unknown key/);
  });
});
