/**
 * One sync at a time per progress folder (two sessions ending together both start an automatic
 * sync). Holding it is also what makes git's own lock files safe to clear: with no other sync
 * running, a `.git/index.lock` can only be left by a git that was killed.
 */
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { LockBusy, takeLock as take } from '../fs/lock.js';
import { SYNC_LOCK } from './layout.js';

export type Lock = { readonly release: () => void };

/** The folder's sync lock, at once or not at all (a sync already running is not waited for). */
export function takeLock(dir: string): Lock {
  const file = join(dir, SYNC_LOCK);
  try {
    return { release: take(file, { waitMs: 0 }) };
  } catch (e) {
    if (!(e instanceof LockBusy)) throw e;
    throw new UserError(
      `another recall sync is running here (${e.pid === undefined ? 'its process is unknown' : `pid ${e.pid}`}); if it is not, delete ${file} and sync again`,
    );
  }
}
