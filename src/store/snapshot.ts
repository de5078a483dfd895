/**
 * The snapshot `state.json`: every card's state after replaying the first `logOffset` bytes of the
 * review log. Only a cache (delete it and the next open rebuilds it from the log), written at
 * checkpoints through lowdb, with an adapter that replaces the file atomically and durably.
 */
import { existsSync, renameSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Adapter, Low } from 'lowdb';
import { writeFileAtomic } from '../fs/atomic-file.js';
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
  /** The device whose own log the `log…` fields describe (absent: the single `reviews.jsonl`). */
  readonly device?: string;
  /** How much of each other device's log `cards` covers. */
  readonly foreign?: Readonly<Record<string, ForeignPrefix>>;
  /** The time of the last entry replayed from each device (absent: one device's log only). */
  readonly marks?: Readonly<Record<string, number>>;
};

/** A prefix of another device's log, as `logOffset`/`logLines`/`logTail` are of the own one. */
export type ForeignPrefix = {
  readonly offset: number;
  readonly lines: number;
  readonly tail: string;
  readonly skipped: readonly LineDamage[];
};

export type SnapshotRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly snapshot: Snapshot }
  /** Read, and not a snapshot. */
  | { readonly kind: 'damaged'; readonly reason: string }
  /** Not readable at all (a folder, too large, denied): the reason says which. */
  | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * Larger than any snapshot (100k cards take ~30 MB) and than a string V8 can hold (~512 MiB):
 * such a file is not read, so it cannot stop a start.
 */
export const SNAPSHOT_MAX_BYTES = 256 * 1024 * 1024;

/** What lowdb holds before a read finds anything (the file is absent, or its JSON is `null`). */
const NOTHING = Object.freeze({});

export class SnapshotFile {
  readonly path: string;
  // Built directly on an adapter: `JSONFilePreset` silently keeps data in memory under
  // NODE_ENV=test.
  readonly #db: Low<unknown>;

  constructor(dir: string) {
    this.path = snapshotPath(dir);
    this.#db = new Low<unknown>(new SnapshotAdapter(this.path), NOTHING);
  }

  /** Reads and checks the snapshot. It is only a cache, so no failure to read it is thrown. */
  async read(): Promise<SnapshotRead> {
    this.#db.data = NOTHING;
    try {
      const { size } = await stat(this.path);
      if (size > SNAPSHOT_MAX_BYTES) {
        return { kind: 'unreadable', reason: `too large to be a snapshot (${size} bytes)` };
      }
      await this.#db.read();
    } catch (e) {
      if (e instanceof SyntaxError) return { kind: 'damaged', reason: 'not valid JSON' };
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { kind: 'missing' };
      if (typeof code === 'string')
        return { kind: 'unreadable', reason: `cannot be read (${code})` };
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
   * Writes the snapshot. Two sessions may checkpoint at once: each writes a temp file of its own,
   * and whichever rename comes last leaves a snapshot as consistent as the other.
   */
  async write(snapshot: Snapshot): Promise<void> {
    try {
      this.#db.data = snapshot;
      await this.#db.write();
    } finally {
      this.#db.data = NOTHING;
    }
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

/**
 * lowdb's JSON file adapter, but compact (not pretty-printed: ~35% smaller, ~40% faster to parse)
 * and written with `writeFileAtomic`: lowdb's own writer renames without flushing, so a power cut
 * could leave an empty `state.json`.
 */
class SnapshotAdapter implements Adapter<unknown> {
  constructor(readonly path: string) {}

  async read(): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    return JSON.parse(text);
  }

  write(data: unknown): Promise<void> {
    return writeFileAtomic(this.path, JSON.stringify(data));
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
  if (s.device !== undefined && typeof s.device !== 'string') return 'device must be a string';
  if (s.foreign !== undefined) {
    if (typeof s.foreign !== 'object' || s.foreign === null) return 'foreign must be an object';
    for (const f of Object.values(s.foreign as Record<string, unknown>)) {
      const p = f as Partial<ForeignPrefix> | null;
      if (!isCount(p?.offset) || !isCount(p?.lines) || typeof p?.tail !== 'string') {
        return 'foreign must hold {offset, lines, tail, skipped} items';
      }
      if (!Array.isArray(p?.skipped)) return 'foreign skipped must be a list';
    }
  }
  if (s.mark !== undefined) {
    const m = s.mark as { at?: unknown; device?: unknown } | null;
    if (typeof m?.at !== 'number' || typeof m.device !== 'string')
      return 'mark must be {at, device}';
  }
  const cards = s.cards as Record<string, unknown>;
  // Object.keys, not Object.entries: at 100k cards the pairs cost ~3× as much as the checks.
  for (const key of Object.keys(cards)) {
    const problem = cardProblem(cards[key]);
    if (problem !== undefined) return `card ${JSON.stringify(key)}: ${problem}`;
  }
  return undefined;
}
