import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
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

const root = resolve(import.meta.dirname, '../..');

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

const bundledSchema = readFileSync(join(root, 'schema', 'deck.schema.json'), 'utf8');

/** The text of the schema a deck file's `$schema` line names, resolved from the file. */
function schemaOf(file: string): string | undefined {
  const text = readFileSync(file, 'utf8');
  const schema = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1] ?? '';
  expect(isAbsolute(schema) || schema.includes(':')).toBe(false);
  const at = resolve(dirname(file), schema);
  return existsSync(at) ? readFileSync(at, 'utf8') : undefined;
}

describe('recall new', () => {
  beforeAll(requireBuild);

  it('names a schema beside the deck that still resolves once the install and the deck move', () => {
    // An install of its own, moved after `recall new`, and the deck folder moved too (a commit
    // cloned elsewhere): the `$schema` path must not lead into either old place.
    const place = tmpDir();
    const install = join(place, 'install-a');
    mkdirSync(install);
    for (const part of ['package.json', 'dist', 'schema', 'docs', 'decks']) {
      cpSync(join(root, part), join(install, part), { recursive: true });
    }
    const env = isolatedEnv();
    const decks = join(place, 'decks');
    const run = spawnSync(
      process.execPath,
      [join(install, 'dist', 'cli.js'), 'new', 'Moved', '--dir', decks],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(0);
    renameSync(install, join(place, 'install-b'));
    renameSync(decks, join(place, 'cloned'));
    const file = join(place, 'cloned', 'moved.yaml');
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=.recall/deck.schema.json',
    );
    expect(schemaOf(file)).toBe(bundledSchema);
  });

  it('has lint and new bring a stale schema copy up to date, and lint add none where there is none', async () => {
    const env = isolatedEnv({ NO_COLOR: '1' });
    const dir = tmpDir();
    await recallInProcess(['new', 'mine', '--dir', dir], env);
    const copy = join(dir, '.recall', 'deck.schema.json');
    writeFileSync(copy, '{"title": "an older recall deck"}\n');
    const run = await recallInProcess(['lint', dir], env);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      `${copy}: updated to this recall's deck schema\n1 deck, 10 cards: 0 errors, 0 warnings\n`,
    );
    expect(readFileSync(copy, 'utf8')).toBe(bundledSchema);
    expect((await recallInProcess(['lint', dir], env)).stderr).toBe(
      '1 deck, 10 cards: 0 errors, 0 warnings\n',
    );

    // A second deck in the folder brings the copy up to date too.
    writeFileSync(copy, '{}\n');
    expect((await recallInProcess(['new', 'second', '--dir', dir], env)).status).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe(bundledSchema);

    const bare = tmpDir();
    writeFileSync(join(bare, 'x.yaml'), 'id: x\nname: X\ncards:\n  - {id: a, q: Q, a: A}\n');
    await recallInProcess(['lint', bare], env);
    expect(existsSync(join(bare, '.recall'))).toBe(false);
  });

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

    expect(schemaOf(file)).toBe(bundledSchema);

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
