/**
 * A short exclusive lock between processes, as a file created with `O_EXCL`: Node has no
 * `flock`. It guards a read-compute-append of a few milliseconds (a rating is computed from the
 * card's latest state and appended before anyone else may rate it), so waiters spin briefly.
 *
 * A holder killed with the lock held leaves the file behind. On the same host that is told by
 * its pid no longer running; a lock from another host (a shared folder) is stale after
 * `staleMs`. Breaking a stale lock renames it aside first and checks it is the one judged stale,
 * so a breaker that lost a race puts a live holder's lock back instead of deleting it.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';

/** Another process holds the lock and did not let go in time. */
export class LockBusy extends Error {
  readonly pid: number | undefined;
  constructor(path: string, pid: number | undefined) {
    super(`${path} is held by ${pid === undefined ? 'another process' : `process ${pid}`}`);
    this.pid = pid;
  }
}

export type LockOptions = {
  /** How long to wait for a live holder before giving up (LockBusy). */
  readonly waitMs?: number;
  /** Age after which a lock whose holder cannot be checked (another host) is stale. */
  readonly staleMs?: number;
  /** Wall clock in ms (tests fake the passing of time). */
  readonly clock?: () => number;
};

type Holder = { readonly text: string; readonly pid?: number; readonly host?: string };

const pause = new Int32Array(new SharedArrayBuffer(4));
/** A holder between creating the file and writing its pid is microseconds from done. */
const HALF_WRITTEN_STALE_MS = 2000;

/** Runs `fn` holding the lock `path`; the lock is released however `fn` ends. */
export function withLock<T>(path: string, fn: () => T, opts: LockOptions = {}): T {
  const release = takeLock(path, opts);
  try {
    return fn();
  } finally {
    release();
  }
}

/** Takes the lock `path` for a step that spans awaits; returns what lets go of it. */
export function takeLock(path: string, opts: LockOptions = {}): () => void {
  const token = acquire(path, opts);
  return () => release(path, token);
}

function acquire(path: string, opts: LockOptions): string {
  const clock = opts.clock ?? Date.now;
  const staleMs = opts.staleMs ?? 10_000;
  const deadline = clock() + (opts.waitMs ?? 5000);
  const token = `${process.pid} ${hostname()} ${randomBytes(8).toString('hex')}\n`;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, token);
      } finally {
        closeSync(fd);
      }
      return token;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const held = readHolder(path);
    if (held === undefined) continue; // released meanwhile
    if (isStale(path, held, staleMs, clock)) {
      breakStale(path, held);
      continue;
    }
    if (clock() >= deadline) throw new LockBusy(path, held.pid);
    Atomics.wait(pause, 0, 0, 1);
  }
}

function release(path: string, token: string): void {
  // Only our own lock: if we were judged stale (stopped for longer than staleMs) and someone
  // broke it, the file now belongs to them.
  if (readHolder(path)?.text === token) unlinkSync(path);
}

function readHolder(path: string): Holder | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const [pid, host] = text.split(' ');
  const n = Number(pid);
  if (!text.endsWith('\n') || !Number.isSafeInteger(n) || n <= 0 || host === undefined) {
    return { text };
  }
  return { text, pid: n, host };
}

function isStale(path: string, held: Holder, staleMs: number, clock: () => number): boolean {
  if (held.pid !== undefined && held.host === hostname()) return !running(held.pid);
  let mtime: number;
  try {
    mtime = statSync(path).mtimeMs;
  } catch {
    return false; // gone: the next try creates it
  }
  const limit = held.pid === undefined ? HALF_WRITTEN_STALE_MS : staleMs;
  return clock() - mtime > limit;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function breakStale(path: string, stale: Holder): void {
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else broke it
    throw e;
  }
  let text: string | undefined;
  try {
    text = readFileSync(aside, 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== stale.text) {
    // We took a lock made after the stale one was broken: give it back.
    try {
      linkSync(aside, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  unlinkSync(aside);
}
