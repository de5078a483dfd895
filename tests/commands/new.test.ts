import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse.js';
import { starterDeck } from '../../src/deck/starter.js';
import {
  isolatedEnv,
  lines,
  recall,
  recallInProcess,
  requireBuild,
  tmpDir,
} from '../support/cli.js';

describe('the starter deck', () => {
  const text = starterDeck({ id: 'my-deck', name: 'My deck: #1', schema: 'file:///s.json' });
  const { deck, problems } = parseDeck(text, 'anything.yaml');

  it('lints clean', () => {
    expect(problems).toEqual([]);
  });

  it('starts with the schema line and carries the id and name given', () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=file:///s.json');
    expect(deck?.id).toBe('my-deck');
    expect(deck?.name).toBe('My deck: #1');
  });

  it('has one card of each kind, every one with an explicit id', () => {
    const cards = deck?.cards ?? [];
    expect(cards.every((c) => !c.implicitId)).toBe(true);
    const kinds = cards.map((c) => {
      if (c.kind === 'choice') return c.correct.length > 1 ? 'choice-several' : 'choice-one';
      if (c.kind === 'typed') return c.accepted.length > 1 ? 'typed-alternatives' : 'typed';
      if (c.kind === 'basic') return c.key.endsWith(':reverse') ? 'reverse' : 'basic';
      return c.kind;
    });
    expect(kinds).toEqual([
      'basic',
      'basic',
      'reverse',
      'cloze',
      'cloze',
      'choice-one',
      'choice-several',
      'typed-alternatives',
      'pair',
      'pair',
    ]);
  });

  it('explains every card with a comment right above it', () => {
    const all = text.split('\n');
    const cardLines = all.flatMap((l, i) => (l.startsWith('  - id: ') ? [i] : []));
    expect(cardLines).toHaveLength(7);
    for (const i of cardLines) expect(all[i - 1]).toMatch(/^ {2}# \S/);
  });
});

describe('recall new', () => {
  beforeAll(requireBuild);

  it('writes the starter into the deck folder, and it lints clean through the binary', () => {
    const env = isolatedEnv();
    const run = recall(['new', 'AWS Solutions Architect'], env);
    const file = join(env.XDG_CONFIG_HOME!, 'recall', 'decks', 'aws-solutions-architect.yaml');
    expect(run.status).toBe(0);
    expect(lines(run.stdout)).toEqual([
      file,
      `edit it, then: recall lint ${file} && recall review ${file}`,
    ]);
    const text = readFileSync(file, 'utf8');
    const { deck, problems } = parseDeck(text, file);
    expect(problems).toEqual([]);
    expect(deck).toMatchObject({ id: 'aws-solutions-architect', name: 'AWS Solutions Architect' });

    const schema = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1] ?? '';
    expect(existsSync(fileURLToPath(schema))).toBe(true);

    const lint = recall(['lint', file], env);
    expect(lint.status).toBe(0);
    expect(lint.stdout).toBe('');
  });

  it('refuses to overwrite an existing file', async () => {
    const env = isolatedEnv();
    const dir = tmpDir();
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'name: Mine\ncards: []\n');
    const run = await recallInProcess(['new', 'mine', '--dir', dir], env);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`recall: ${file} exists; not overwriting it\n`);
    expect(readFileSync(file, 'utf8')).toBe('name: Mine\ncards: []\n');
  });

  it('takes a name ending in .yaml as the path to write', async () => {
    const dir = tmpDir();
    const file = join(dir, 'sub', 'cloud-exam.yaml');
    const run = await recallInProcess(['new', file]);
    expect(run.status).toBe(0);
    expect(lines(run.stdout)[0]).toBe(file);
    expect(parseDeck(readFileSync(file), file).deck).toMatchObject({
      id: 'cloud-exam',
      name: 'Cloud exam',
    });
  });

  it('takes a relative path from the current folder', () => {
    const cwd = tmpDir();
    const run = recall(['new', 'decks/aws.yml'], isolatedEnv(), cwd);
    expect(run.status).toBe(0);
    expect(lines(run.stdout)[0]).toBe(join(cwd, 'decks', 'aws.yml'));
    expect(existsSync(join(cwd, 'decks', 'aws.yml'))).toBe(true);
  });

  it('says what is wrong with a name that has no letters or digits', async () => {
    const run = await recallInProcess(['new', '???', '--dir', tmpDir()]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^recall: a deck name needs a letter or a digit/);
  });
});
