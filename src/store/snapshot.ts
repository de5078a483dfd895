/**
 * The snapshot `state.json`: every card's state after replaying the first `logOffset` bytes of the
 * review log. Only a cache (delete it and the next open rebuilds it from the log), written at
 * checkpoints through lowdb, with an adapter that replaces the file atomically and durably.
 *
 * Version 2 (what is written) keeps the cards as columns: their keys in the store's order, their
 * states as one flat list of numbers (`SRS_STRIDE` per card, instants in epoch ms), and the few
 * flags, suspensions, buries and marks by key. At 100k cards that is 11 MB instead of version
 * 1's 27 MB of one object per card with ISO dates, and it is read without an object per card
 * from JSON: the states are checked and made as they are read. Version 1 is still read.
 */
import { existsSync, renameSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Adapter, Low } from 'lowdb';
import type { CardProgress, FsrsStateName, SrsState } from '../core/model.js';
import type { Mutable } from '../core/mutable.js';
import { writeFileAtomic } from '../fs/atomic-file.js';
import { progressFromStored } from './convert.js';
import type { LineDamage } from './log.js';
import type { StoredCardProgress } from './model.js';
import { cardProblem, isEpochMs, isObj, srsProblem, statusProblem } from './validate.js';

export const SNAPSHOT_FILE = 'state.json';

export function snapshotPath(dir: string): string {
  return join(dir, SNAPSHOT_FILE);
}

/** What the snapshot says besides the cards: which prefix of the logs they are the state of. */
export type SnapshotHead = {
  /** Bytes of reviews.jsonl replayed into the cards (always the end of a complete line). */
  readonly logOffset: number;
  /** Lines in those bytes, so problems found later are reported with their real line number. */
  readonly logLines: number;
  /** Fingerprint of the bytes just before `logOffset`: tells whether the log is still the same. */
  readonly logTail: string;
  /** Damaged lines within those bytes, reported again on every open until someone fixes them. */
  readonly skipped: readonly LineDamage[];
  /** The device whose own log the `log…` fields describe (absent: the single `reviews.jsonl`). */
  readonly device?: string;
  /** How much of each other device's log the cards cover. */
  readonly foreign?: Readonly<Record<string, ForeignPrefix>>;
  /** The time of the last entry replayed from each device (absent: one device's log only). */
  readonly marks?: Readonly<Record<string, number>>;
};

/** Version 1, still read: one object per card, instants as ISO strings. */
type SnapshotV1 = SnapshotHead & {
  readonly version: 1;
  readonly cards: Readonly<Record<string, StoredCardProgress>>;
};

/** A card's flag, suspension, bury and mark as version 2 keeps them (instants in epoch ms). */
type StoredStatus = {
  readonly flaggedAt?: number;
  readonly flagReason?: string;
  readonly suspended?: true;
  readonly buriedUntil?: number;
  readonly mark?: string;
};

/** Version 2, written: the cards as columns (see the top of this file). */
type SnapshotV2 = SnapshotHead & {
  readonly version: 2;
  /** Every card's key, in the store's order. */
  readonly keys: readonly string[];
  /**
   * `SRS_STRIDE` numbers per key, in its order: the state's index in `STATE_NAMES` (-1: the card
   * is new, and the other nine are 0), due, stability, difficulty, scheduledDays,
   * learningSteps, reps, lapses, lastReview and firstReview (null when absent).
   */
  readonly srs: readonly (number | null)[];
  /** The cards that are flagged, suspended, buried or marked, by key. */
  readonly more: Readonly<Record<string, StoredStatus>>;
};

export const SRS_STRIDE = 10;
const STATE_NAMES: readonly FsrsStateName[] = ['New', 'Learning', 'Review', 'Relearning'];
const STATE_INDEX: Readonly<Record<FsrsStateName, number>> = {
  New: 0,
  Learning: 1,
  Review: 2,
  Relearning: 3,
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
  | {
      readonly kind: 'ok';
      readonly snapshot: SnapshotHead;
      /** Every card's progress, in the store's order. */
      readonly cards: Map<string, CardProgress>;
    }
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

  /**
   * Reads and checks the snapshot. It is only a cache, so no failure to read it is thrown. The
   * cards go into `into` (the store's own map, so that 100k entries are not copied from another),
   * which is left empty unless the read is `ok`.
   */
  async read(into = new Map<string, CardProgress>()): Promise<SnapshotRead> {
    into.clear();
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
    const read = snapshotOf(data, into);
    if (typeof read !== 'string') return { kind: 'ok', ...read };
    into.clear();
    return { kind: 'damaged', reason: read };
  }

  /**
   * Writes the snapshot of `cards` (version 2). Two sessions may checkpoint at once: each writes
   * a temp file of its own, and whichever rename comes last leaves a snapshot as consistent as
   * the other.
   */
  async write(head: SnapshotHead, cards: ReadonlyMap<string, CardProgress>): Promise<void> {
    try {
      this.#db.data = { version: 2, ...head, ...columnsOf(cards) } satisfies SnapshotV2;
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

/** Cards as columns: version 2's, and the merged stats history's replay (history-cache.ts). */
export type CardColumns = Pick<SnapshotV2, 'keys' | 'srs' | 'more'>;

/** The cards as version 2's columns, in the map's order. */
export function columnsOf(cards: ReadonlyMap<string, CardProgress>): CardColumns {
  const keys: string[] = [];
  const srs: (number | null)[] = [];
  const more: Record<string, StoredStatus> = {};
  for (const [key, p] of cards) {
    keys.push(key);
    const s = p.srs;
    if (s === null) srs.push(-1, 0, 0, 0, 0, 0, 0, 0, null, null);
    else {
      srs.push(
        STATE_INDEX[s.state],
        s.due,
        s.stability,
        s.difficulty,
        s.scheduledDays,
        s.learningSteps,
        s.reps,
        s.lapses,
        s.lastReview ?? null,
        s.firstReview ?? null,
      );
    }
    if (
      p.flaggedAt === undefined &&
      p.suspended === undefined &&
      p.buriedUntil === undefined &&
      p.mark === undefined
    ) {
      continue;
    }
    const status: Mutable<StoredStatus> = {};
    if (p.flaggedAt !== undefined) status.flaggedAt = p.flaggedAt;
    if (p.flaggedAt !== undefined && p.flagReason !== undefined) status.flagReason = p.flagReason;
    if (p.suspended) status.suspended = true;
    if (p.buriedUntil !== undefined) status.buriedUntil = p.buriedUntil;
    if (p.mark !== undefined) status.mark = p.mark;
    more[key] = status;
  }
  return { keys, srs, more };
}

/** `data`'s head and cards, or why it is not a snapshot this version can use. */
function snapshotOf(
  data: unknown,
  into: Map<string, CardProgress>,
): Omit<SnapshotRead & { kind: 'ok' }, 'kind'> | string {
  const problem = headProblem(data);
  if (problem !== undefined) return problem;
  const s = data as SnapshotV1 | SnapshotV2;
  const cards = s.version === 1 ? cardsOfV1(s, into) : cardsOfColumns(s, into);
  return typeof cards === 'string' ? cards : { snapshot: s, cards };
}

/** Why `data` is not a snapshot head of a version this one reads. */
function headProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not an object';
  const s = data as { readonly [key: string]: unknown };
  if (s.version !== 1 && s.version !== 2) return `unknown version ${JSON.stringify(s.version)}`;
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
  return undefined;
}

/** Version 1's cards, checked, as the domain's; or why they are not cards. */
function cardsOfV1(
  s: SnapshotV1,
  out: Map<string, CardProgress>,
): Map<string, CardProgress> | string {
  if (!isObj(s.cards)) return 'cards must be an object';
  const cards = s.cards as Record<string, unknown>;
  // Object.keys, not Object.entries: at 100k cards the pairs cost ~3× as much as the checks.
  const keys = Object.keys(cards);
  for (const key of keys) {
    const problem = cardProblem(cards[key]);
    if (problem !== undefined) return `card ${JSON.stringify(key)}: ${problem}`;
  }
  for (const key of keys) out.set(key, progressFromStored(cards[key] as StoredCardProgress));
  return out;
}

/**
 * Version 2's columns, checked as they are read, as the domain's cards; or why they are not
 * cards. Each state is checked as the log's are (`srsProblem`), with instants in epoch ms.
 */
export function cardsOfColumns(
  s: CardColumns,
  out: Map<string, CardProgress>,
): Map<string, CardProgress> | string {
  const { keys, srs, more } = s as { [K in keyof CardColumns]?: unknown };
  if (!Array.isArray(keys)) return 'keys must be a list';
  if (!Array.isArray(srs) || srs.length !== keys.length * SRS_STRIDE) {
    return `srs must be a list of ${SRS_STRIDE} numbers per key`;
  }
  if (!isObj(more)) return 'more must be an object';
  for (let i = 0; i < keys.length; i++) {
    const key: unknown = keys[i];
    if (typeof key !== 'string' || key.length === 0) return 'keys must hold card keys';
    const at = i * SRS_STRIDE;
    const code: unknown = srs[at];
    if (code === -1) {
      out.set(key, { srs: null });
      // One lookup a key, not two: a key listed before leaves the size as it was.
      if (out.size !== i + 1) return `card ${JSON.stringify(key)} is listed twice`;
      continue;
    }
    const state: Mutable<SrsState> = {
      state: STATE_NAMES[Number.isInteger(code) ? (code as number) : -1]!,
      due: srs[at + 1],
      stability: srs[at + 2],
      difficulty: srs[at + 3],
      scheduledDays: srs[at + 4],
      learningSteps: srs[at + 5],
      reps: srs[at + 6],
      lapses: srs[at + 7],
    };
    const last: unknown = srs[at + 8];
    const first: unknown = srs[at + 9];
    if (last !== null) state.lastReview = last as number;
    if (first !== null) state.firstReview = first as number;
    const problem = srsProblem(state, 'srs.', isEpochMs);
    if (problem !== undefined) return `card ${JSON.stringify(key)}: ${problem}`;
    out.set(key, { srs: state });
    if (out.size !== i + 1) return `card ${JSON.stringify(key)} is listed twice`;
  }
  for (const key of Object.keys(more)) {
    const v = more[key];
    const p = out.get(key);
    if (p === undefined) return `more: card ${JSON.stringify(key)} is not in keys`;
    if (!isObj(v)) return `card ${JSON.stringify(key)}: not an object`;
    const problem = statusProblem(v, isEpochMs);
    if (problem !== undefined) return `card ${JSON.stringify(key)}: ${problem}`;
    const status = v as StoredStatus;
    // Made as progressFromStored makes them, in its order.
    const full: Mutable<CardProgress> =
      status.flaggedAt === undefined ? { srs: p.srs } : { srs: p.srs, flaggedAt: status.flaggedAt };
    if (status.flaggedAt !== undefined && status.flagReason !== undefined) {
      full.flagReason = status.flagReason;
    }
    if (status.suspended) full.suspended = true;
    if (status.buriedUntil !== undefined) full.buriedUntil = status.buriedUntil;
    if (status.mark !== undefined) full.mark = status.mark;
    out.set(key, full);
  }
  return out;
}
