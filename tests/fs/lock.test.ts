import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LockBusy, withLock } from '../../src/fs/lock.js';
import { removeTempDirs, tempDir } from '../store/entries.js';

afterAll(removeTempDirs);

/** The pid of a process that has exited: what a session killed with the lock held leaves. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(run.stdout);
}

describe('withLock', () => {
  it('runs the step holding the lock, and lets go however it ends', () => {
    const path = join(tempDir(), 'x.lock');
    expect(withLock(path, () => readFileSync(path, 'utf8'))).toMatch(
      new RegExp(`^${process.pid} ${hostname()} [0-9a-f]{16}\\n$`),
    );
    expect(existsSync(path)).toBe(false);
    expect(() =>
      withLock(path, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(existsSync(path)).toBe(false);
  });

  it('breaks the lock of a holder killed on this machine, at once', () => {
    const dir = tempDir();
    const path = join(dir, 'x.lock');
    writeFileSync(path, `${deadPid()} ${hostname()} 00000000000000aa\n`);
    let now = 0;
    // A clock that never moves: waiting would throw, so the lock must be broken, not waited out.
    expect(withLock(path, () => 'ran', { waitMs: 0, clock: () => now++ * 0 })).toBe('ran');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('waits for a live holder, then gives up saying who holds it', () => {
    const path = join(tempDir(), 'x.lock');
    writeFileSync(path, `${process.pid} ${hostname()} 00000000000000bb\n`);
    let now = 0;
    const clock = () => (now += 100);
    expect(() => withLock(path, () => 'ran', { waitMs: 1000, clock })).toThrow(LockBusy);
    expect(now).toBeGreaterThan(1000);
    // The live holder's lock is left alone.
    expect(readFileSync(path, 'utf8')).toBe(`${process.pid} ${hostname()} 00000000000000bb\n`);
  });

  it('counts another host’s lock as stale only after staleMs', () => {
    const path = join(tempDir(), 'x.lock');
    writeFileSync(path, '12345 some-other-host 00000000000000cc\n');
    const written = Date.now();
    expect(() =>
      withLock(path, () => 'ran', { waitMs: 0, staleMs: 10_000, clock: () => written + 5_000 }),
    ).toThrow(LockBusy);
    expect(
      withLock(path, () => 'ran', { waitMs: 0, staleMs: 10_000, clock: () => written + 20_000 }),
    ).toBe('ran');
  });

  it('breaks a lock left half-written (killed between creating and filling it)', () => {
    const path = join(tempDir(), 'x.lock');
    writeFileSync(path, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    expect(withLock(path, () => 'ran', { waitMs: 0 })).toBe('ran');
  });

  it('does not delete a lock that another process took over meanwhile', () => {
    const path = join(tempDir(), 'x.lock');
    const other = `${process.pid} ${hostname()} 00000000000000dd\n`;
    withLock(path, () => writeFileSync(path, other));
    expect(readFileSync(path, 'utf8')).toBe(other);
  });
});
