/**
 * One sync at a time per progress folder (two sessions ending together both start an automatic
 * sync). Holding it is also what makes git's own lock files safe to clear: with no other sync
 * running, a `.git/index.lock` can only be left by a git that was killed.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { SYNC_LOCK } from './layout.js';

export type Lock = { readonly release: () => void };

export function takeLock(dir: string): Lock {
  const file = join(dir, SYNC_LOCK);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return { release: () => rmSync(file, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
    }
    const pid = Number.parseInt(readOr(file), 10);
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new UserError(
        `another recall sync is running here (pid ${pid}); if it is not, delete ${file} and sync again`,
      );
    }
    // Left by a sync that was killed.
    rmSync(file, { force: true });
  }
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
