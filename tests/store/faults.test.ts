/**
 * Fault injection for the progress store: files that cannot be used as expected, read-only
 * folders, full disks. The machine running the suite may be root (chmod does not stop root), so
 * faults are real where they can be (a folder where a file is expected, a sparse huge file) and
 * injected through a pass-through `node:fs` where nothing else works.
 */
import * as realFs from 'node:fs';
import { mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/errors.js';
import { ProgressStore } from '../../src/store/progress.js';
import { isolatedEnv, recallInProcess } from '../support/cli.js';
import { known, removeTempDirs, review, state, tempDir } from './entries.js';

const faults: {
  /** Errors to inject: an fs call and its arguments → the error code to throw, if any. */
  fail: ((call: string, args: readonly unknown[]) => string | undefined) | undefined;
  /** Bytes `readSync` returned since the count was last reset. */
  bytesRead: number;
} = { fail: undefined, bytesRead: 0 };

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const wrap =
    <A extends unknown[], R>(call: string, f: (...args: A) => R) =>
    (...args: A): R => {
      const code = faults.fail?.(call, args);
      if (code !== undefined) {
        throw Object.assign(new Error(`${code}: injected, ${call} '${String(args[0])}'`), {
          code,
        });
      }
      return f(...args);
    };
  const mocked = {
    ...fs,
    openSync: wrap('openSync', fs.openSync),
    writeSync: wrap('writeSync', fs.writeSync),
    mkdirSync: wrap('mkdirSync', fs.mkdirSync),
    readSync: (...args: Parameters<typeof fs.readSync>) => {
      const n = fs.readSync(...args);
      faults.bytesRead += n;
      return n;
    },
  };
  return { ...mocked, default: mocked };
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof fs.open = (path, ...rest) => {
    const code = faults.fail?.('open', [path]);
    if (code !== undefined) {
      return Promise.reject(Object.assign(new Error(`${code}: injected, open`), { code }));
    }
    return fs.open(path, ...rest);
  };
  const mocked = { ...fs, open };
  return { ...mocked, default: mocked };
});

afterEach(() => {
  faults.fail = undefined;
});
afterAll(removeTempDirs);

const LOG = 'reviews.jsonl';
const STATE = 'state.json';

async function withRatings(dir: string, n = 2): Promise<void> {
  const { store } = await ProgressStore.open(dir);
  for (let i = 0; i < n; i++) store.append(review(`d/c${i}`, state(1), null));
  await store.close();
}

/** As a read-only file system answers: anything that would create or write fails with EROFS. */
function readOnlyFileSystem(dir: string) {
  faults.fail = (call, args) => {
    const path = String(args[0]);
    if (call === 'mkdirSync' && path.startsWith(dir)) return 'EROFS';
    if (call === 'openSync' && path.startsWith(dir) && args[1] !== 'r') return 'EROFS';
    return undefined;
  };
}

describe('an unusable state.json is a cache miss', () => {
  it('a folder named state.json: rebuilt from the log, reported once, left alone', async () => {
    const dir = tempDir();
    await withRatings(dir);
    realFs.rmSync(join(dir, STATE));
    mkdirSync(join(dir, STATE));
    writeFileSync(join(dir, STATE, 'keep-me'), 'x');

    const { store, problems } = await ProgressStore.open(dir);
    expect(store.get('d/c1')).toStrictEqual(known({ srs: state(1) }));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe(join(dir, STATE));
    expect(problems[0]?.message).toMatch(/cannot be read \(EISDIR\); rebuilt from reviews.jsonl/);
    await store.close();
    // Kept (moved aside, never deleted), and a fresh snapshot written in its place.
    const kept = readdirSync(dir).filter((f) => f.startsWith('state.json.damaged-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0] ?? '', 'keep-me'), 'utf8')).toBe('x');
    expect(JSON.parse(readFileSync(join(dir, STATE), 'utf8')).version).toBe(2);
  });

  it('a state.json too large to read (sparse, 2 GiB + 1 byte) is not read at all', async () => {
    const dir = tempDir();
    await withRatings(dir);
    truncateSync(join(dir, STATE), 2 ** 31 + 1);

    const { store, problems } = await ProgressStore.open(dir);
    expect(store.get('d/c0')).toStrictEqual(known({ srs: state(1) }));
    expect(problems[0]?.message).toMatch(/too large .*; rebuilt from reviews.jsonl/);
    await store.close();
  });
});

describe('a read-only progress folder', () => {
  it('can still be read: no file is created, written or moved', async () => {
    const dir = tempDir();
    await withRatings(dir);
    writeFileSync(join(dir, STATE), 'not json');
    const before = readdirSync(dir).sort();
    readOnlyFileSystem(dir);

    const { store, problems } = await ProgressStore.open(dir, { readOnly: true });
    expect(store.get('d/c1')).toStrictEqual(known({ srs: state(1) }));
    expect(problems[0]?.message).toMatch(/not a valid snapshot .*left as is/);
    await store.close();
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readFileSync(join(dir, STATE), 'utf8')).toBe('not json');
  });

  it('reads a missing progress folder as an empty one, without creating it', async () => {
    const dir = join(tempDir(), 'never-made');
    const { store, problems } = await ProgressStore.open(dir, { readOnly: true });
    expect([store.cards().size, problems]).toEqual([0, []]);
    await store.close();
    expect(realFs.existsSync(dir)).toBe(false);
  });

  it('refuses to open for writing with a hint that names the cause', async () => {
    const dir = tempDir();
    await withRatings(dir);
    readOnlyFileSystem(dir);
    const error = await ProgressStore.open(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).toMatch(/^cannot open the progress store: EROFS/);
    expect(message).toMatch(/read-only/);
    expect(message).not.toContain('\n');
  });

  it('names permissions, not read-only, when access is denied', async () => {
    const dir = tempDir();
    await withRatings(dir);
    faults.fail = (call, args) =>
      call === 'openSync' && String(args[0]).startsWith(dir) ? 'EACCES' : undefined;
    const message = String(await ProgressStore.open(dir).catch((e: unknown) => e));
    expect(message).toMatch(/EACCES.*permissions/);
    expect(message).not.toMatch(/read-only/);
  });

  it('status, stats and export still work on it, and write nothing', async () => {
    const env = isolatedEnv({ NO_COLOR: '1', RECALL_NOW: '2025-03-02T10:00:00.000Z' });
    const dir = env.RECALL_HOME ?? '';
    await withRatings(dir);
    const before = readdirSync(dir).sort();
    readOnlyFileSystem(dir);
    for (const args of [['status'], ['stats', '--json'], ['export', '--json']]) {
      const run = await recallInProcess(args, env);
      expect({ args, status: run.status, stderr: run.stderr }).toEqual({
        args,
        status: 0,
        stderr: '',
      });
    }
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readFileSync(join(dir, LOG), 'utf8').split('\n')).toHaveLength(3);
  });
});

describe('a huge torn last line', () => {
  it('is reported, read at most once per open, and never again while rating', async () => {
    const dir = tempDir();
    await withRatings(dir);
    const junk = 'x'.repeat(300_000); // no newline: torn, far longer than the cap below
    realFs.appendFileSync(join(dir, LOG), junk);
    faults.bytesRead = 0;
    const { store, problems } = await ProgressStore.open(dir, { maxLineBytes: 4096 });
    expect(problems.at(-1)?.message).toMatch(/incomplete last line/);
    expect(faults.bytesRead).toBeLessThan(2 * junk.length);
    faults.bytesRead = 0;
    for (let i = 0; i < 3; i++) store.refresh();
    store.append(review('d/after', state(1), null));
    expect(faults.bytesRead).toBeLessThan(junk.length);
    await store.close();

    const reopened = await ProgressStore.open(dir, { maxLineBytes: 4096 });
    expect(reopened.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^longer than 4 KiB, so not a log entry; skipped unread$/),
    ]);
    expect(reopened.store.get('d/after')).toStrictEqual(known({ srs: state(1) }));
    await reopened.store.close();
  });
});

describe('a full disk', () => {
  it('at a rating: one line, nothing applied, and the next rating works once there is space', async () => {
    const dir = tempDir();
    await withRatings(dir, 1);
    const { store } = await ProgressStore.open(dir);
    faults.fail = (call) => (call === 'writeSync' ? 'ENOSPC' : undefined);
    const error = (() => {
      try {
        store.append(review('d/c0', state(2), state(1)));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /^could not record this in .*: ENOSPC \(the disk is full/,
    );
    expect((error as Error).message).not.toContain('\n');
    expect(store.get('d/c0')).toStrictEqual(known({ srs: state(1) }));

    faults.fail = undefined;
    store.append(review('d/c0', state(2), state(1)));
    expect(store.get('d/c0')).toStrictEqual(known({ srs: state(2) }));
    await store.close();
  });

  it('writing the snapshot at exit: a warning, a normal close, nothing left to block the next', async () => {
    const dir = tempDir();
    const warnings: string[] = [];
    const { store } = await ProgressStore.open(dir, { onWarning: (p) => warnings.push(p.message) });
    store.append(review('d/a', state(1), null));
    faults.fail = (call, args) =>
      call === 'open' && String(args[0]).includes('.state.json.') ? 'ENOSPC' : undefined;
    await store.close();
    expect(warnings).toEqual([
      expect.stringMatching(/^could not be written \(ENOSPC\); nothing is lost/),
    ]);
    expect(readdirSync(dir)).toEqual([LOG]);

    faults.fail = undefined;
    const reopened = await ProgressStore.open(dir);
    expect(reopened.store.get('d/a')).toStrictEqual(known({ srs: state(1) }));
    await reopened.store.close();
    expect(readdirSync(dir).sort()).toEqual([LOG, STATE]);
  });
});
