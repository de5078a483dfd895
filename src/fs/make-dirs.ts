/**
 * `mkdir -p` that always ends. Node's `mkdir(..., { recursive: true })` spins forever at 100% CPU
 * when a parent exists but cannot hold children: under /proc (`XDG_CACHE_HOME=/proc/x`), or a
 * dangling symlink. The kernel answers ENOENT there, which the recursive walk takes as "create
 * the parent first", and the parent already exists. Here each missing folder is created once,
 * top down, and the first failure is thrown.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (exists(d)) break;
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      // Made meanwhile by another process, or a dangling symlink (the next level then fails).
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
