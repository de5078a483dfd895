import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DeckStatus, heldBackLines } from '../../src/app/status.js';
import { formatStatus, statusText } from '../../src/commands/status.js';
import { isolatedEnv, recallInProcess as recall, tmpDir } from '../support/cli.js';

const now = Date.parse('2026-03-10T08:00:00Z');
const deck = (name: string, n: number): DeckStatus => ({
  id: name,
  name,
  new: n,
  learning: 0,
  review: 2,
  total: n + 2,
  nextDue: null,
  exam: null,
  heldBack: null,
});

describe('statusText', () => {
  it('keeps the columns aligned when a deck name has wide characters', () => {
    const status = { decks: [deck('日本語の単語', 10), deck('Spanish', 3)], nextDue: null };
    expect(statusText(status, now).split('\n')).toEqual([
      'deck          new learn review  total',
      '日本語の単語   10     0      2     12',
      'Spanish         3     0      2      5',
      'next due: nothing scheduled',
      '',
    ]);
  });
});

describe('deck names with line breaks', () => {
  it('statusText keeps one row per deck, whatever the name holds', () => {
    const status = {
      decks: [{ ...deck('Two\nlines', 1), exam: null }, deck('Tab\u2028sep', 2)],
      nextDue: null,
    };
    expect(statusText(status, now).split('\n')).toEqual([
      'deck       new learn review  total',
      'Two lines    1     0      2      3',
      'Tab sep      2     0      2      4',
      'next due: nothing scheduled',
      '',
    ]);
  });

  it('a block-scalar `name:` is read as one line, so every one-line place gets one', async () => {
    const decks = tmpDir();
    writeFileSync(
      join(decks, 'multi.yaml'),
      'name: |\n  First line\n  second line\ncards:\n  - {id: a, q: a, a: b}\n',
    );
    const run = await recall(['status', '--json', decks]);
    expect(JSON.parse(run.stdout).decks[0].name).toBe('First line second line');
    const text = await recall(['status', decks]);
    expect(text.stdout.split('\n')[1]).toMatch(/^First line second line +1 /);
  });
});

describe('missing paths and deck problems on stderr', () => {
  it('a missing path is an error, exit 1, for every command that reads decks', async () => {
    for (const command of ['status', 'export', 'stats', 'doctor', 'lint']) {
      const run = await recall([command, '/nonexistent']);
      expect({ command, status: run.status }).toEqual({ command, status: 1 });
      expect(run.stderr).toContain('/nonexistent');
      expect(run.stderr).toContain('no such file or folder');
    }
    expect((await recall(['status', '/nonexistent'])).stderr).toBe(
      'recall: /nonexistent: no such file or folder\n',
    );
  });

  it('status and export print deck warnings as one count, and each error a located line', async () => {
    const decks = tmpDir();
    writeFileSync(join(decks, 'x.yaml'), 'name: X\ncards:\n  - {q: a, a: b}\n  - {q: c, a: d}\n');
    writeFileSync(join(decks, 'bad.yaml'), 'name: [\n');
    for (const command of ['status', 'export']) {
      const run = await recall([command, decks]);
      expect(run.status).toBe(0);
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/bad\.yaml:\d+:\d+: error: /);
      expect(lines[1]).toBe('2 deck warnings: run recall lint');
    }
  });
});

describe('status --format', () => {
  const status = {
    decks: [deck('a', 3), { ...deck('b', 1), learning: 2 }],
    nextDue: now + 25 * 60_000,
  };

  it('fills each field with its sum over the decks, braces doubled are literal', () => {
    expect(
      formatStatus('{due} due ({new}/{learning}/{review}) next {next} {{x}}', status, now),
    ).toBe('10 due (4/2/4) next 25m {x}');
  });

  it('says `now` for a next card already due, and nothing when none is scheduled', () => {
    expect(formatStatus('{next}', { ...status, nextDue: now - 1 }, now)).toBe('now');
    expect(formatStatus('[{next}]', { ...status, nextDue: null }, now)).toBe('[]');
  });

  it('refuses an unknown field, naming those there are (exit 2)', () => {
    expect(() => formatStatus('{dew}', status, now)).toThrow(
      expect.objectContaining({
        exitCode: 2,
        message: '--format: no field {dew}; there are {due} {new} {learning} {review} {next}',
      }),
    );
  });

  it('prints one line and no table from the shipped deck', async () => {
    const run = await recall(['status', '--format', '{due}']);
    expect(run).toEqual({ status: 0, stdout: '20\n', stderr: '' });
  });
});

describe('what the daily limits held back', () => {
  const limits = { reviewsPerDay: 200, newPerDay: 20 };

  it('names the limit and its value, summing decks that share it', () => {
    expect(heldBackLines([{ review: 20, new: 0, ...limits }])).toEqual([
      '20 more due, held back by reviews_per_day: 200',
    ]);
    expect(
      heldBackLines([
        { review: 0, new: 5, ...limits },
        null,
        { review: 1500, new: 3, ...limits, reviewsPerDay: 100 },
      ]),
    ).toEqual([
      '1,500 more due, held back by reviews_per_day: 100',
      '8 more new, held back by new_per_day: 20',
    ]);
  });

  it('says "per deck" when the decks holding cards back have different limits', () => {
    const a = { review: 2, new: 0, ...limits };
    const b = { ...a, reviewsPerDay: 50 };
    expect(heldBackLines([a, b])).toEqual(['4 more due, held back by reviews_per_day per deck']);
  });

  it('status and status --json say what new_per_day held back', async () => {
    const decks = tmpDir();
    const cards = [1, 2, 3, 4, 5].map((n) => `  - {id: c${n}, q: q${n}, a: a${n}}`).join('\n');
    writeFileSync(join(decks, 'x.yaml'), `name: X\ncards:\n${cards}\n`);
    const env = isolatedEnv({ NO_COLOR: '1' });
    mkdirSync(join(env.XDG_CONFIG_HOME!, 'recall'), { recursive: true });
    writeFileSync(
      join(env.XDG_CONFIG_HOME!, 'recall', 'config.yaml'),
      'defaults:\n  new_per_day: 2\n',
    );
    const json = JSON.parse((await recall(['status', '--json', decks], env)).stdout);
    expect(json.decks[0]).toMatchObject({
      new: 2,
      heldBack: { review: 0, new: 3, reviewsPerDay: 200, newPerDay: 2 },
    });
    const text = (await recall(['status', decks], env)).stdout;
    expect(text).toContain('X: 3 more new, held back by new_per_day: 2\n');
  });

  it('leaves heldBack out of --json when the limits held nothing back', async () => {
    const decks = tmpDir();
    writeFileSync(join(decks, 'x.yaml'), 'name: X\ncards:\n  - {id: a, q: a, a: b}\n');
    const json = JSON.parse((await recall(['status', '--json', decks])).stdout);
    expect(json.decks[0]).not.toHaveProperty('heldBack');
  });
});
