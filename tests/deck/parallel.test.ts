/**
 * Decks parsed in worker threads must be exactly the decks parsed in process: the same cards,
 * the same problems (file:line:col, rule, message) and warnings, over the shipped deck, the
 * fixtures with errors and a generated set of every kind of card.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromEntry } from '../../src/deck/cache.js';
import { loadDecks } from '../../src/deck/load.js';
import { parseInWorkers } from '../../src/deck/parallel.js';
import type { ParseAnswer } from '../../src/deck/parse-worker.js';
import { bundleWorker } from '../support/worker.js';

const root = resolve(import.meta.dirname, '../..');
let worker: string;
let workerDir: string;
let work: string;

beforeAll(async () => {
  ({ file: worker, dir: workerDir } = await bundleWorker(join(root, 'src/deck/parse-worker.ts')));
  work = mkdtempSync(join(tmpdir(), 'recall-parallel-'));
});
afterAll(() => {
  rmSync(workerDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** Files of every card kind, with ids and without, and a few mistakes in each. */
function generated(): string {
  const dir = join(work, 'generated');
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f < 6; f++) {
    const cards: string[] = [];
    for (let c = 0; c < 60; c++) {
      const n = f * 100 + c;
      const id = c % 3 === 0 ? '' : `    id: c${n}\n`;
      const kinds = [
        `    q: Q ${n}\n    a: A ${n}\n    reverse: ${c % 2 === 0}\n`,
        `    cloze: "The {{w${n}}} and {{v${n}::hint}}"\n`,
        `    q: Pick ${n}\n    choices: [x${n}, y${n}]\n    answer: x${n}\n`,
        `    q: Type ${n}\n    typed: [t${n}, T${n}]\n    answers: {case: false}\n`,
        `    pairs:\n      - [l${n}, r${n}]\n      - m${n}: s${n}\n`,
        // Mistakes: a typo'd key, an answer not among the choices, an empty gap.
        `    q: Bad ${n}\n    anwser: nope\n`,
        `    q: Pick ${n}\n    choices: [a, b]\n    answer: c\n`,
        `    cloze: "empty {{}} gap"\n`,
      ];
      cards.push(`  - ${kinds[c % kinds.length]!.trimStart()}${id}    tags: [g${c % 4}]\n`);
    }
    const header = f === 5 ? 'name: Dup\nid: gen0\n' : `name: Gen ${f}\nid: gen${f}\n`;
    writeFileSync(join(dir, `gen${f}.yaml`), `${header}cards:\n${cards.join('')}`);
  }
  // Syntax errors and a file that is not UTF-8.
  writeFileSync(join(dir, 'broken.yaml'), 'name: B\ncards:\n  - q: "open\n');
  writeFileSync(join(dir, 'latin1.yaml'), Buffer.from([0x6e, 0x3a, 0x20, 0xe9, 0x0a]));
  return dir;
}

const sets: [string, () => string[]][] = [
  ['the shipped deck', () => [join(root, 'decks')]],
  [
    'the fixtures with errors',
    () =>
      ['decks/invalid', 'decks/valid', 'lint/bad', 'lint/dup'].map((d) =>
        join(root, 'tests/fixtures', d),
      ),
  ],
  ['a generated set of every kind, with mistakes', () => [generated()]],
];

describe('decks parsed in workers', () => {
  it.each(sets)('are the decks parsed in process: %s', async (_, paths) => {
    const at = paths();
    const inProcess = await loadDecks(at, { workerFile: false });
    const cacheDir = join(work, `cache-${Math.random().toString(36).slice(2)}`);
    const inWorkers = await loadDecks(at, { workerFile: worker, parallelFrom: 0, cacheDir });
    expect(inWorkers).toEqual(inProcess);
    expect(inProcess.problems.length > 0 || inProcess.decks.length > 0).toBe(true);
    // And what the workers cached reads back the same.
    expect(await loadDecks(at, { workerFile: false, cacheDir })).toEqual(inProcess);
  });

  it('are each answered by a worker, none left to the main thread', async () => {
    const dir = generated();
    const files = ['gen0.yaml', 'gen1.yaml', 'gen2.yaml', 'broken.yaml'].map((f) => join(dir, f));
    const stamps = files.map((path) => {
      const { size, mtimeMs } = statSync(path);
      return { path, file: path, size, mtimeMs };
    });
    const answers: ParseAnswer[] = [];
    const left = await parseInWorkers(worker, stamps, undefined, 2, (a) => answers.push(a));
    expect(left).toEqual([]);
    expect(answers.map((a) => a.id).sort()).toEqual([0, 1, 2, 3]);
    for (const a of answers) {
      expect('entry' in a && fromEntry(a.entry, stamps[a.id]!)).toBeTruthy();
    }
  });

  it('are parsed in process when the worker cannot start', async () => {
    const dir = generated();
    const inProcess = await loadDecks([dir], { workerFile: false });
    const missing = join(work, 'no-such-worker.mjs');
    expect(await loadDecks([dir], { workerFile: missing, parallelFrom: 0 })).toEqual(inProcess);
  });

  it('reports a file that cannot be read as the main thread does', async () => {
    const dir = join(work, 'unreadable');
    mkdirSync(join(dir, 'folder.yaml'), { recursive: true });
    const stamp = { path: join(dir, 'folder.yaml'), file: 'folder.yaml', size: 10, mtimeMs: 1 };
    const answers: ParseAnswer[] = [];
    await parseInWorkers(worker, [stamp], undefined, 1, (a) => answers.push(a));
    expect(answers).toEqual([{ id: 0, error: 'EISDIR' }]);
  });
});
