/**
 * The snapshot `state.json`: every card's state after replaying the first `logOffset` bytes of the
 * review log. Only a cache (delete it and the next open rebuilds it from the log), written at
 * checkpoints through lowdb, which writes a temp file and renames it over the old one.
 */
import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { LineDamage } from './log.js';
import type { StoredCardProgress } from './model.js';
import { cardProblem } from './validate.js';

export const SNAPSHOT_FILE = 'state.json';

export function snapshotPath(dir: string): string {
  return join(dir, SNAPSHOT_FILE);
}

export type Snapshot = {
  readonly version: 1;
  /** Bytes of reviews.jsonl replayed into `cards` (always the end of a complete line). */
  readonly logOffset: number;
  /** Lines in those bytes, so problems found later are reported with their real line number. */
  readonly logLines: number;
  /** Fingerprint of the bytes just before `logOffset`: tells whether the log is still the same. */
  readonly logTail: string;
  /** Damaged lines within those bytes, reported again on every open until someone fixes them. */
  readonly skipped: readonly LineDamage[];
  readonly cards: Readonly<Record<string, StoredCardProgress>>;
};

export type SnapshotRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly snapshot: Snapshot }
  | { readonly kind: 'damaged'; readonly reason: string };

/** What lowdb holds before a read finds anything (the file is absent, or its JSON is `null`). */
const NOTHING = Object.freeze({});

export class SnapshotFile {
  readonly path: string;
  // Built directly on an adapter: `JSONFilePreset` silently keeps data in memory under
  // NODE_ENV=test. Compact JSON, not JSONFile's pretty print: ~35% smaller, ~40% faster to parse.
  readonly #db: Low<unknown>;

  constructor(dir: string) {
    this.path = snapshotPath(dir);
    this.#db = new Low<unknown>(
      new DataFile<unknown>(this.path, { parse: JSON.parse, stringify: (d) => JSON.stringify(d) }),
      NOTHING,
    );
  }

  /** Reads and checks the snapshot; file-system errors other than "absent" are thrown. */
  async read(): Promise<SnapshotRead> {
    this.#db.data = NOTHING;
    try {
      await this.#db.read();
    } catch (e) {
      if (e instanceof SyntaxError) return { kind: 'damaged', reason: 'not valid JSON' };
      throw e;
    }
    const data = this.#db.data;
    this.#db.data = NOTHING;
    if (data === NOTHING) {
      return existsSync(this.path) ? { kind: 'damaged', reason: 'empty' } : { kind: 'missing' };
    }
    const reason = snapshotProblem(data);
    return reason === undefined
      ? { kind: 'ok', snapshot: data as Snapshot }
      : { kind: 'damaged', reason };
  }

  /**
   * Writes the snapshot, unless another session is writing one right now (then it is skipped and
   * false returned: that session's snapshot is as good, and the log has everything anyway). The
   * lock matters because lowdb's temp file has a fixed name: two writers would share it.
   */
  async write(snapshot: Snapshot): Promise<boolean> {
    const release = tryLock(`${this.path}.lock`);
    if (!release) return false;
    try {
      this.#db.data = snapshot;
      await this.#db.write();
    } finally {
      this.#db.data = NOTHING;
      release();
    }
    return true;
  }

  /** Moves the file out of the way, keeping it; returns where it now is. */
  setAside(label: 'damaged' | 'stale', now: Date): string {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    let target = `${this.path}.${label}-${stamp}`;
    for (let n = 2; existsSync(target); n++) target = `${this.path}.${label}-${stamp}-${n}`;
    renameSync(this.path, target);
    return target;
  }
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Why `data` is not a snapshot this version can use. */
function snapshotProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not an object';
  const s = data as { readonly [key: string]: unknown };
  if (s.version !== 1) return `unknown version ${JSON.stringify(s.version)}`;
  if (!isCount(s.logOffset)) return 'logOffset must be a whole number';
  if (!isCount(s.logLines)) return 'logLines must be a whole number';
  if (typeof s.logTail !== 'string') return 'logTail must be a string';
  if (!Array.isArray(s.skipped)) return 'skipped must be a list';
  for (const d of s.skipped as unknown[]) {
    const damage = d as Partial<LineDamage> | null;
    if (!isCount(damage?.line) || typeof damage?.message !== 'string') {
      return 'skipped must hold {line, message} items';
    }
  }
  if (typeof s.cards !== 'object' || s.cards === null || Array.isArray(s.cards)) {
    return 'cards must be an object';
  }
  const cards = s.cards as Record<string, unknown>;
  // Object.keys, not Object.entries: at 100k cards the pairs cost ~3× as much as the checks.
  for (const key of Object.keys(cards)) {
    const problem = cardProblem(cards[key]);
    if (problem !== undefined) return `card ${JSON.stringify(key)}: ${problem}`;
  }
  return undefined;
}

/** A lock older than this is left over from a crash whatever its pid says (pids get reused). */
const STALE_LOCK_MS = 10 * 60_000;

/** Takes `path` as an exclusive lock; returns its release, or null when someone else holds it. */
function tryLock(path: string): (() => void) | null {
  const token = `${process.pid} ${Math.random().toString(36).slice(2)}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, token, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(path, 'utf8') === token) unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (!isStale(path)) return null;
    try {
      unlinkSync(path);
    } catch {
      // Someone else cleared it first; try again.
    }
  }
  return null;
}

function isStale(path: string): boolean {
  try {
    if (Date.now() - statSync(path).mtimeMs > STALE_LOCK_MS) return true;
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    if (!Number.isInteger(pid) || pid === process.pid) return false;
    process.kill(pid, 0);
    return false;
  } catch (e) {
    // ESRCH: its owner is dead. ENOENT: released meanwhile. EPERM: alive, owned by someone else.
    return (e as NodeJS.ErrnoException).code !== 'EPERM';
  }
}
