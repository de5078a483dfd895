import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressStore } from '../../src/store/progress.js';
import { bundleWorker } from '../support/worker.js';
import { known, removeTempDirs, review, state, tempDir } from './entries.js';

afterAll(() => {
  removeTempDirs();
  rmSync(workerDir, { recursive: true, force: true });
});

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
let worker = '';
let workerDir = '';

beforeAll(async () => {
  ({ file: worker, dir: workerDir } = await bundleWorker(join(here, 'append-worker.ts')));
});

function logLines(dir: string): unknown[] {
  const text = readFileSync(join(dir, 'reviews.jsonl'), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('two sessions on one folder', () => {
  it('lose nothing when their appends interleave in one process', async () => {
    const dir = tempDir();
    const a = (await ProgressStore.open(dir)).store;
    const b = (await ProgressStore.open(dir)).store;
    for (let i = 0; i < 50; i++) {
      a.append(review(`a/c${i}`, state(1), null));
      b.append(review(`b/c${i}`, state(1), null));
      if (i === 20) await a.checkpoint();
      if (i === 30) await b.checkpoint();
    }
    // Each append caught up the other's entries first: both views hold all 100 cards.
    b.refresh();
    a.refresh();
    expect(a.cards().size).toBe(100);
    expect(new Map(b.cards())).toStrictEqual(new Map(a.cards()));
    await a.close();
    await b.close();

    expect(logLines(dir)).toHaveLength(100);
    const fresh = await ProgressStore.open(dir);
    expect(fresh.problems).toEqual([]);
    expect(new Map(fresh.store.cards())).toStrictEqual(new Map(a.cards()));
    await fresh.store.close();
  });

  it('build on each other’s rating of the same card', async () => {
    const dir = tempDir();
    const a = (await ProgressStore.open(dir)).store;
    const b = (await ProgressStore.open(dir)).store;
    a.append(review('d/x', state(1), null));
    b.refresh(); // what the recorder does before computing the next state
    expect(b.get('d/x')).toStrictEqual(known({ srs: state(1) }));
    b.append(review('d/x', state(2), state(1)));
    a.append(review('d/y', state(1), null)); // catches up b's rating of d/x first
    expect(a.get('d/x')).toStrictEqual(known({ srs: state(2) }));
    await a.close();
    await b.close();
  });

  it('lose nothing when two processes append 200 entries each at the same time', async () => {
    const dir = tempDir();
    await (await ProgressStore.open(dir)).store.close();
    const startAt = String(Date.now() + 400);
    await Promise.all(
      ['p', 'q'].map((name) =>
        run(process.execPath, [worker, 'append', dir, name, '200', startAt]),
      ),
    );

    const entries = logLines(dir) as { card: string; reps: number }[];
    expect(entries).toHaveLength(440); // 200 each, plus 20 each on the shared card
    const { store, problems } = await ProgressStore.open(dir);
    expect(problems).toEqual([]);
    for (const name of ['p', 'q']) {
      for (let i = 0; i < 200; i++)
        expect(store.get(`${name}/c${i}`)?.srs).toStrictEqual(known({ srs: state(1) }).srs);
    }
    // The shared card holds whichever rating reached the log last.
    const last = entries.filter((e) => e.card === 'shared/card').at(-1);
    expect(store.get('shared/card')?.srs?.reps).toBe(last?.reps);
    await store.close();

    // The snapshot, whoever wrote it last, replays to the same state as the whole log.
    const rebuilt = await ProgressStore.open(dir, { checkpointAfter: Number.POSITIVE_INFINITY });
    expect(new Map(rebuilt.store.cards())).toStrictEqual(new Map(store.cards()));
    await rebuilt.store.close();
  });
});

describe('an unusable folder', () => {
  it.runIf(process.getuid?.() === 0)(
    'fails with one clear line on EACCES (checked as an unprivileged user)',
    async () => {
      const dir = join(tempDir(), 'recall'); // its parent is 0700, owned by root
      const { stdout } = await run(process.execPath, [worker, 'open', dir], {
        uid: 65534,
        gid: 65534,
      });
      const result = JSON.parse(stdout);
      expect(result.type).toBe('UserError');
      expect(result.message).toMatch(/^cannot open the progress store: EACCES: permission denied/);
      expect(result.message).not.toContain('\n');
    },
  );
});
