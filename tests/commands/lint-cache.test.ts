import { appendFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressStore } from '../../src/store/progress.js';
import { removeTempDirs, review, state, tempDir } from '../store/entries.js';
import { isolatedEnv, recallInProcess as recall } from '../support/cli.js';

afterAll(removeTempDirs);
afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * A collection with something for every check: a deck with no id, cards with none, a tell word,
 * notes; a YAML error; two decks with one id; a cloze with an id whose gaps were swapped after
 * it was learned; a card id renamed after its review; a card given an id whose progress is
 * still under its former key; config.yaml's unknown key; a damaged log line.
 */
async function messyCollection() {
  const env = isolatedEnv({ NO_COLOR: '1', RECALL_NOW: '2025-03-05T12:00:00Z' });
  const decks = tempDir();
  const write = (name: string, text: string) => writeFileSync(join(decks, name), text);
  write(
    'plain.yaml',
    [
      'name: Plain',
      'cards:',
      '  - {q: Which command lists the jobs?, choices: [jobs list, runs get, clusters], answer: jobs list}',
      '  - {q: What is a run?, a: One execution of a job}',
      '  - {q: Type the verb, typed: [list]}',
      '',
    ].join('\n'),
  );
  write('broken.yaml', 'name: Broken\ncards:\n  - {q: [unclosed\n');
  write('one.yaml', 'id: same\nname: One\ncards:\n  - {id: a, q: A?, a: a}\n');
  write('two.yaml', 'id: same\nname: Two\ncards:\n  - {id: b, q: B?, a: b}\n');
  const cloze = (text: string) =>
    `id: cz\nname: Cloze\ncards:\n  - id: boil\n    cloze: "${text}"\n    explain: Air pressure.\n`;
  write('cloze.yaml', cloze('Water boils at {{100}} °C at {{sea level}}.'));
  write('es.yaml', 'id: es\nname: Spanish\ncards:\n  - {id: hola, q: hola, a: hello}\n');
  write('fix.yaml', 'id: fx\nname: Fix\ncards:\n  - {q: Unnamed?, a: yes}\n');
  const exported = JSON.parse((await recall(['export', '--json', decks], env)).stdout) as {
    key: string;
  }[];
  const hashKey = exported.find((c) => c.key.startsWith('fx/'))!.key;
  mkdirSync(env.RECALL_HOME!, { recursive: true });
  const log = join(env.RECALL_HOME!, 'reviews.jsonl');
  const line = (key: string) => `${JSON.stringify(review(key, state(1), null))}\n`;
  writeFileSync(log, ['cz/boil:c1', 'es/hola', hashKey, 'gone/card'].map(line).join(''));
  appendFileSync(log, 'not a log line\n');
  appendFileSync(log, line('es/hola'));
  // Seen once as learned, then edited.
  await recall(['lint', decks], env);
  write('cloze.yaml', cloze('At {{sea level}}, water boils at {{100}} °C.'));
  write('es.yaml', 'id: es\nname: Spanish\ncards:\n  - {id: saludo, q: hola, a: hello}\n');
  write('fix.yaml', 'id: fx\nname: Fix\ncards:\n  - {id: named, q: Unnamed?, a: yes}\n');
  mkdirSync(join(env.XDG_CONFIG_HOME!, 'recall'), { recursive: true });
  writeFileSync(
    join(env.XDG_CONFIG_HOME!, 'recall', 'config.yaml'),
    `deck_dirs: [${JSON.stringify(decks)}]\nunknown_key: 1\n`,
  );
  return { env, decks, log, cache: join(env.XDG_CACHE_HOME!, 'recall') };
}

const ARGS = [['lint'], ['lint', '--json'], ['lint', '--quiet']];

async function runs(env: Record<string, string>) {
  const out = [];
  for (const args of ARGS) out.push(await recall(args, env));
  return out;
}

describe('recall lint through its caches', () => {
  it('says exactly what it says without them, on every check, warm or after a change', async () => {
    const { env, log, cache } = await messyCollection();
    const cold = async () => {
      const out = [];
      for (const args of ARGS) {
        // The caches of what lint reads (the cloze gap order is what was learned, kept).
        for (const dir of ['decks', 'lint', 'keys']) {
          rmSync(join(cache, dir), { recursive: true, force: true });
        }
        out.push(await recall(args, env));
      }
      return out;
    };
    const reference = await cold();
    const [text, json] = reference;
    // Every check has something to say here.
    for (const needle of [
      'missing-deck-id',
      'tell-word',
      'no-explain',
      'yaml-syntax',
      'duplicate-deck-id',
      'under another gap of a reordered cloze',
      'progress no longer matches a card: run `recall doctor --move es/hola=es/saludo`',
      'unknown_key',
    ]) {
      expect(`${json!.stdout}${text!.stdout}`).toContain(needle);
    }
    expect(text!.status).toBe(1);
    await runs(env); // writes every cache
    expect(await runs(env)).toEqual(reference);
    expect(await runs(env)).toEqual(reference);
    // A rating appended: the keys are read again from the store, the decks' entries still hold.
    appendFileSync(log, `${JSON.stringify(review('es/saludo', state(1), null))}\n`);
    const rated = await cold();
    expect(rated).not.toEqual(reference);
    await runs(env);
    expect(await runs(env)).toEqual(rated);
  });

  it('reads neither the deck cache nor the store when nothing changed', async () => {
    const { env, cache } = await messyCollection();
    const first = await recall(['lint'], env);
    rmSync(join(cache, 'decks'), { recursive: true, force: true });
    const open = vi.spyOn(ProgressStore, 'open');
    expect(await recall(['lint'], env)).toEqual(first);
    expect(open).not.toHaveBeenCalled();
    expect(existsSync(join(cache, 'decks'))).toBe(false);
  });
});
