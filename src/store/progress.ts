/**
 * The progress store the app uses: card states from the snapshot plus the log entries after it,
 * kept current with what other sessions append. Ratings go to the log (durable on return); the
 * snapshot is rewritten only at checkpoints. See docs/storage.md.
 */

import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { History } from '../core/history.js';
import type { CardProgress } from '../core/model.js';
import type { QuizResult } from '../core/quiz-score.js';
import { UserError } from '../errors.js';
import { LockBusy, withLock } from '../fs/lock.js';
import { makeDirs } from '../fs/make-dirs.js';
import type { CardReview } from './card-reviews.js';
import { isDeviceId } from './device.js';
import { entryLine } from './line.js';
import { deviceLogPath, type Line, LOG_DIR, LOG_FILE, LogFile, logPath, OVERLONG } from './log.js';
import { before, entryTime, mergeSources, replayFromStart, type Source } from './merge.js';
import { migrateFile, migrateLog } from './migrate.js';
import type { LogEntry, SetEntry, StoreProblem } from './model.js';
import { appendQuizResult, QUIZ_DIR, quizHistoryPath } from './quiz-history.js';
import { applyEntry, MergedReplay, type Reschedule } from './replay.js';
import { type ForeignPrefix, SnapshotFile, type SnapshotHead } from './snapshot.js';
import { entryProblem, parseEntry } from './validate.js';

/** Tries (1 ms apart) for a line being written by another session to be complete. */
const SETTLE_TRIES = 10;
const pause = new Int32Array(new SharedArrayBuffer(4));

export type OpenOptions = {
  /** Write a snapshot at open when more log lines than this had to be replayed (default 1000). */
  readonly checkpointAfter?: number;
  /** Where to cache the stats history (none: every `history()` reads the whole log). */
  readonly historyCache?: string;
  /**
   * Only read: nothing in the folder is created, written or moved (no snapshot, no appends), so
   * the commands that only print work on a read-only folder or file system.
   */
  readonly readOnly?: boolean;
  /**
   * Told of a problem that does not stop the command: a snapshot that could not be written at
   * close (the log has everything, so the next start replays it).
   */
  readonly onWarning?: (problem: StoreProblem) => void;
  /** Log lines longer than this are damage, not entries (default MAX_LINE_BYTES; for tests). */
  readonly maxLineBytes?: number;
  /**
   * This device's id (store/device.ts): it appends to `log/<device>.jsonl` and reads the other
   * devices' logs beside it. Absent: the single `reviews.jsonl` (tools and older tests).
   */
  readonly device?: string;
  /**
   * How a rating is recomputed when another device's entries land before it (the decks'
   * scheduling settings); awaited only when other devices' logs are present.
   */
  readonly reschedule?: () => Promise<Reschedule>;
  /**
   * What `reschedule` computes with, as a string that changes whenever its outcome could: the
   * stats history of several devices' logs is cached only under it (history-cache.ts).
   */
  readonly replayKey?: () => Promise<string>;
};

/** The log a read-only open of `dir` reads as this device's: its own, else the single reviews.jsonl. */
export function readOnlyLogPath(dir: string, device: string | undefined): string {
  const mine = device === undefined ? undefined : deviceLogPath(dir, device);
  return mine !== undefined && existsSync(mine) ? mine : logPath(dir);
}

/** The devices with a log in `dir`'s log folder (none when there is no such folder). */
export function deviceLogIds(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, LOG_DIR));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (!name.endsWith('.jsonl')) return [];
    const device = name.slice(0, -'.jsonl'.length);
    return isDeviceId(device) ? [device] : [];
  });
}

/** Held by a session while it reads a card's state, computes a rating from it and appends it. */
export const LOCK_FILE = `${LOG_FILE}.lock`;

/** Damaged log lines reported one by one at open; the rest are counted in one more line. */
const DAMAGE_SHOWN = 5;

/** What `reviews.jsonl` is renamed to once its entries are this device's log: kept, never read. */
export const MIGRATED_LOG = `${LOG_FILE}.migrated`;

/** The device id of the single `reviews.jsonl` of a folder no device has opened yet. */
const LEGACY = '';

export class ProgressStore {
  readonly dir: string;
  /** This device's log: the one appended to. */
  readonly #own: Source;
  /** The other devices' logs, read only (synced in by git or a file sync tool). */
  readonly #foreign = new Map<string, Source>();
  readonly #snapshot: SnapshotFile;
  readonly #historyCache: string | undefined;
  readonly #replayKey: (() => Promise<string>) | undefined;
  readonly #readOnly: boolean;
  readonly #onWarning: ((problem: StoreProblem) => void) | undefined;
  readonly #maxLine: number | undefined;
  #reschedule: Reschedule | undefined;
  readonly #cards = new Map<string, CardProgress>();
  #replay: MergedReplay;
  /** Where each moved key's progress went (`lint --fix`, `doctor --move`): sessions follow it. */
  readonly #movedTo = new Map<string, string>();
  /**
   * The time of the last entry applied from each device. A device's own entries keep their file
   * order; one may be applied on top of what is there only if it sorts after every other
   * device's (else replay starts over, to place it in time).
   */
  readonly #marks = new Map<string, number>();
  /** Whether bytes follow the own log's last complete line (a torn line, or one being written). */
  #partial = false;
  /** Each log's size when last read: while they stay the same there is nothing new to read. */
  readonly #seen = new Map<Source, number>();
  /** Whether the snapshot on disk covers exactly what is applied (nothing to checkpoint). */
  #checkpointed = false;
  /**
   * The log lines (all devices) the snapshot on disk covers, while it is still a prefix of what
   * is applied; undefined when there is none or replay started over without it.
   */
  #snapshotLines: number | undefined;
  readonly #checkpointAfter: number;
  /** False when read-only, or when a damaged snapshot could not be moved aside (keep it). */
  #snapshotWritable: boolean;
  #closed = false;

  private constructor(dir: string, own: Source, opts: OpenOptions) {
    this.dir = dir;
    this.#own = own;
    this.#snapshot = new SnapshotFile(dir);
    this.#historyCache = opts.historyCache;
    this.#replayKey = opts.replayKey;
    this.#readOnly = opts.readOnly === true;
    this.#onWarning = opts.onWarning;
    this.#maxLine = opts.maxLineBytes;
    this.#snapshotWritable = !this.#readOnly;
    this.#checkpointAfter = opts.checkpointAfter ?? 1000;
    this.#replay = new MergedReplay(this.#cards, own.device, undefined);
  }

  /**
   * Opens the store in `dir` (created if missing, unless `readOnly`). Damaged files are reported
   * in `problems`, never overwritten; a folder that cannot be used throws a UserError with a
   * one-line message whose hint fits the cause.
   */
  static async open(
    dir: string,
    opts: OpenOptions = {},
  ): Promise<{ store: ProgressStore; problems: StoreProblem[] }> {
    let own: Source;
    const problems: StoreProblem[] = [];
    try {
      if (!opts.readOnly) makeDirs(dir);
      const device = opts.device;
      let path = opts.readOnly ? readOnlyLogPath(dir, device) : logPath(dir);
      if (device !== undefined && !opts.readOnly) {
        const mine = deviceLogPath(dir, device);
        makeDirs(join(dir, LOG_DIR));
        migrateLog(logPath(dir), mine);
        if (existsSync(quizHistoryPath(dir))) {
          makeDirs(join(dir, QUIZ_DIR));
          migrateFile(quizHistoryPath(dir), quizHistoryPath(dir, device));
        }
        path = mine;
      }
      const log = LogFile.open(path, opts.readOnly ? 'read' : 'append', opts.maxLineBytes);
      const ownDevice = path === logPath(dir) ? LEGACY : device!;
      own = { device: ownDevice, log, offset: 0, lines: 0, skipped: [] };
    } catch (e) {
      throw unusable(e, dir);
    }
    const store = new ProgressStore(dir, own, opts);
    try {
      store.#discover();
      if (store.#foreign.size > 0 && opts.reschedule) {
        store.#reschedule = await opts.reschedule();
        store.#replay = new MergedReplay(store.#cards, own.device, store.#reschedule);
      } else if (opts.reschedule) {
        // Resolved for later: a sync in another terminal can bring other devices' logs in.
        void opts.reschedule().then((r) => {
          store.#reschedule = r;
        });
      }
      problems.push(...(await store.#load()));
      return { store, problems };
    } catch (e) {
      store.#closeLogs();
      throw unusable(e, dir);
    }
  }

  /** This device's id in the log folder ('' for a folder still on the single reviews.jsonl). */
  get device(): string {
    return this.#own.device;
  }

  /** How many other devices' logs it reads (as of the last catch-up). */
  get foreignLogs(): number {
    return this.#foreign.size;
  }

  get(key: string): CardProgress | undefined {
    return this.#cards.get(key);
  }

  cards(): ReadonlyMap<string, CardProgress> {
    return this.#cards;
  }

  /**
   * The key `key`'s progress lives under now: a session that started before a `lint --fix`
   * gave its card an id rates it under the new key, not the orphaned old one.
   */
  resolve(key: string): string {
    let at = key;
    // A chain of moves at most as long as the map; a cycle (A→B→A) ends where it started.
    for (let i = 0; i < this.#movedTo.size; i++) {
      const to = this.#movedTo.get(at);
      if (to === undefined || to === key) break;
      at = to;
    }
    return at;
  }

  /**
   * Every `set` entry of every device's log, in time order: what undoing a step needs. Read on
   * demand (only `recall reschedule --undo` asks), a quick text test before parsing a line.
   */
  setEntries(): SetEntry[] {
    const out: { entry: SetEntry; at: number; device: string }[] = [];
    for (const s of this.#sources()) {
      const take = (lines: readonly Line[]) => {
        for (const text of lines) {
          if (text === OVERLONG || !text.includes('"kind":"set"')) continue;
          const e = parseEntry(text);
          if (!('problem' in e) && e.kind === 'set') {
            out.push({ entry: e, at: entryTime(e), device: s.device });
          }
        }
      };
      s.log.readText(0, s.log.size(), take);
    }
    out.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    return out.map((x) => x.entry);
  }

  /**
   * Runs a read-compute-append as one step across processes: under the log's lock, after
   * catching up with every other session, so what `fn` reads is the latest state and nothing
   * is appended between that read and `fn`'s own append.
   */
  transact<T>(fn: () => T): T {
    if (this.#readOnly) throw new Error('the progress store is open only for reading');
    try {
      return withLock(join(this.dir, LOCK_FILE), () => {
        this.#catchUp();
        this.#settle();
        return fn();
      });
    } catch (e) {
      if (e instanceof LockBusy) {
        throw new UserError(
          `another recall session (${e.pid === undefined ? 'process unknown' : `pid ${e.pid}`}) holds ${join(this.dir, LOCK_FILE)} and did not let go; nothing was saved, try again`,
        );
      }
      const code = (e as NodeJS.ErrnoException).code;
      if (typeof code !== 'string' || e instanceof UserError) throw e;
      throw new UserError(
        `could not lock ${join(this.dir, LOCK_FILE)}: ${code} (${hint(code, this.dir)}); nothing was saved`,
      );
    }
  }

  /**
   * For a read-only open: shows `from`'s progress under `to` in this process only, as a `move`
   * would (a card whose id-giving fix was interrupted; the next session that writes logs it).
   */
  adoptInMemory(from: string, to: string): void {
    if (!this.#readOnly) throw new Error('adoptInMemory is for read-only opens: log a move');
    const p = this.#cards.get(from);
    if (p === undefined) return;
    this.#cards.set(to, p);
    this.#cards.delete(from);
  }

  /**
   * Appends one entry to this device's log: first catches up what other sessions appended,
   * then writes and syncs the line, then applies it. Durable when it returns; throws if the
   * entry is not valid.
   */
  append(entry: LogEntry): void {
    this.appendAll([entry]);
  }

  /**
   * Appends entries in order as `append` does, in one write and one `fdatasync` (an import's
   * history: 200k entries synced one by one took minutes). Durable when it returns; throws,
   * writing nothing, if any entry is not valid. `entries` is read once, each entry checked and
   * turned into its line as it comes, so a caller can hand over a generator and the batch is
   * never held as entries and as lines at once (an import's 200k: some 150 MB less at peak).
   */
  appendAll(entries: Iterable<LogEntry>): void {
    if (this.#closed) throw new Error('the progress store is closed');
    if (this.#readOnly) throw new Error('the progress store is open only for reading');
    this.#catchUp();
    const torn = this.#settle();
    const own = this.#own;
    const { lines, first } = this.#linesOf(entries);
    if (lines.length === 0) return;
    let written: number;
    try {
      written = own.log.append(lines, torn);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (typeof code !== 'string') throw e;
      // Not applied: the cards keep their states, and the caller must not show them as kept.
      const what =
        lines.length === 1 ? `nothing was saved for ${first}` : 'not all of them were saved';
      throw new UserError(
        `could not record this in ${own.log.path}: ${code} (${hint(code, this.dir)}); ${what}`,
      );
    }
    const size = own.log.size();
    for (const line of lines) {
      // Apply what replay will read back (no `undefined` keys, no stray objects).
      const applied = parseEntry(line.slice(0, -1)) as LogEntry;
      // Sorting before another device's entry already applied (a clock behind): replay again.
      if (!this.#applyNext(applied, own.device)) {
        this.#rebuild();
        return;
      }
    }
    if (!torn && size === own.offset + written) {
      own.offset += written;
      own.lines += lines.length;
      this.#seen.set(own, size);
    }
    // Otherwise another session appended meanwhile (or a torn line was closed off): the next
    // catch-up reads from the offset in log order, re-applying these after what precedes them.
  }

  /**
   * Each entry's line, in the format its place allows (line.ts): the state before each is the
   * card's as the entries before it in the batch leave it, followed on a scratch copy. Throws
   * at the first entry that is not valid (nothing is written then).
   */
  #linesOf(entries: Iterable<LogEntry>): { lines: string[]; first: string | undefined } {
    const scratch = new Map<string, CardProgress>();
    const take = (key: string) => {
      if (scratch.has(key)) return;
      const p = this.#cards.get(key);
      if (p !== undefined) scratch.set(key, p);
    };
    const lines: string[] = [];
    let first: string | undefined;
    for (const e of entries) {
      const problem = entryProblem(e);
      if (problem !== undefined) {
        throw new Error(`refusing to log an invalid entry for ${e.card}: ${problem}`);
      }
      first ??= e.card;
      take(e.card);
      if (e.kind === 'move') take(e.to);
      lines.push(`${entryLine(e, scratch.get(e.card)?.srs ?? null)}\n`);
      applyEntry(scratch, e);
    }
    return { lines, first };
  }

  /** Appends a finished mock test to this device's quiz history, durably (like a rating). */
  appendQuiz(result: QuizResult): void {
    const device = this.#own.device;
    appendQuizResult(this.dir, result, device === LEGACY ? undefined : device);
  }

  /** Every device's log as statistics read it, through the history cache if there is one. */
  async history(): Promise<History> {
    if (this.#closed) throw new Error('the progress store is closed');
    // Loaded here, not at the top: only stats read the history, and start-up is measured.
    const { readHistory, readMergedHistory } = await import('./history-cache.js');
    if (this.#foreign.size === 0) return readHistory(this.#own.log, this.#historyCache);
    const key = this.#historyCache === undefined ? undefined : await this.#replayKey?.();
    const cache = key === undefined ? undefined : { file: this.#historyCache!, key };
    return readMergedHistory(this.#sources(), this.#own.device, this.#reschedule, cache);
  }

  /**
   * Every card's ratings as replay leaves them (undone ones gone, moves followed), read from
   * every device's log from the start: for `recall export --anki`.
   */
  async reviewsByCard(): Promise<Map<string, CardReview[]>> {
    if (this.#closed) throw new Error('the progress store is closed');
    const { reviewsByCard } = await import('./card-reviews.js');
    // Sources of its own: replay moves their offsets, and the store's must stay where they are.
    const sources = this.#sources().map(
      (s): Source => ({ device: s.device, log: s.log, offset: 0, lines: 0, skipped: [] }),
    );
    return reviewsByCard(sources, this.#own.device, this.#reschedule);
  }

  /** Applies entries other sessions and devices appended since we last read the logs. */
  refresh(): void {
    if (!this.#closed) this.#catchUp();
  }

  /** Writes the snapshot of everything read so far (after catching up), if it changed. */
  async checkpoint(): Promise<void> {
    if (this.#closed) return;
    this.#catchUp();
    if (!this.#snapshotWritable || this.#checkpointed) return;
    // Without the decks' settings, ratings another device's entries landed before were not
    // recomputed: such a state must not be cached.
    if (this.#foreign.size > 0 && this.#reschedule === undefined) return;
    const own = this.#own;
    const foreign: Record<string, ForeignPrefix> = {};
    for (const [device, s] of this.#foreign) {
      foreign[device] = {
        offset: s.offset,
        lines: s.lines,
        tail: s.log.fingerprint(s.offset),
        skipped: [...s.skipped],
      };
    }
    const head: SnapshotHead = {
      logOffset: own.offset,
      logLines: own.lines,
      logTail: own.log.fingerprint(own.offset),
      skipped: [...own.skipped],
      ...(own.device === LEGACY ? {} : { device: own.device }),
      ...(this.#foreign.size > 0 ? { foreign } : {}),
      ...(this.#marks.size > 0 ? { marks: Object.fromEntries(this.#marks) } : {}),
    };
    await this.#snapshot.write(head, this.#cards);
    this.#checkpointed = true;
    this.#snapshotLines = this.#lineCount();
  }

  /**
   * Checkpoints, unless the snapshot on disk is at most `checkpointAfter` lines behind, and closes
   * the logs. Rewriting the snapshot costs in proportion to the collection (0.7 s at 100k cards),
   * replaying a few hundred lines at the next open about a millisecond, so a day's session leaves
   * the snapshot as it is. A snapshot the file system refuses (a full disk) is only a warning: the
   * log has everything. The logs are closed whatever happens.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      const behind =
        this.#snapshotLines === undefined ? undefined : this.#lineCount() - this.#snapshotLines;
      if (behind === undefined || behind > this.#checkpointAfter) await this.checkpoint();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (typeof code !== 'string') throw e;
      this.#onWarning?.({
        file: this.#snapshot.path,
        message: `could not be written (${code}); nothing is lost, ${this.#logName()} has every rating and the next start replays it`,
      });
    } finally {
      this.#closed = true;
      this.#closeLogs();
    }
  }

  #closeLogs(): void {
    this.#own.log.close();
    for (const s of this.#foreign.values()) s.log.close();
  }

  /** Applies the entry that comes next, if it does come after every other device's applied. */
  #applyNext(entry: LogEntry, device: string): boolean {
    const mark = { at: entryTime(entry), device };
    for (const [other, at] of this.#marks) {
      if (other !== device && before(mark, { at, device: other })) return false;
    }
    if (this.#replay.apply(entry, device, this.#exact) !== undefined) return false;
    this.#applied(entry);
    this.#marks.set(device, mark.at);
    return true;
  }

  /** Whether the replay has seen every entry from the start (not begun from a snapshot). */
  #exact = true;

  #applied(entry: LogEntry): void {
    this.#checkpointed = false;
    if (entry.kind === 'move') {
      this.#movedTo.set(entry.card, entry.to);
      // Progress moved back (or rated again) under a key is that key's own again.
      this.#movedTo.delete(entry.to);
    }
  }

  /** The own log as messages name it: `reviews.jsonl` or `log/<device>.jsonl`. */
  #logName(): string {
    return relative(this.dir, this.#own.log.path);
  }

  #sources(): Source[] {
    return [this.#own, ...this.#foreign.values()];
  }

  /** The lines read from every device's log. */
  #lineCount(): number {
    return this.#sources().reduce((n, s) => n + s.lines, 0);
  }

  async #load(): Promise<StoreProblem[]> {
    const problems: StoreProblem[] = [];
    // The snapshot's cards go straight into the store's map; emptied again unless used.
    const read = await this.#snapshot.read(this.#cards);
    let base: (typeof read & { kind: 'ok' }) | undefined;
    if (read.kind === 'damaged') {
      problems.push(this.#setAside('damaged', `not a valid snapshot (${read.reason})`));
    } else if (read.kind === 'unreadable') {
      problems.push(this.#setAside('damaged', read.reason));
    } else if (read.kind === 'ok') {
      const mismatch = this.#mismatch(read.snapshot);
      if (mismatch === undefined) base = read;
      else if (!this.#ofMigratedLog(read.snapshot)) {
        problems.push(this.#setAside('stale', `does not match ${this.#logName()} (${mismatch})`));
      }
    }
    // Other devices' logs change under a sync: a snapshot that no longer matches them is not
    // damaged, only out of date, and replay starts over from the logs.
    if (!base || !this.#foreignMatch(base.snapshot)) this.#cards.clear();
    else {
      const { snapshot } = base;
      this.#own.offset = snapshot.logOffset;
      this.#own.lines = snapshot.logLines;
      this.#own.skipped = [...snapshot.skipped];
      for (const [device, p] of Object.entries(snapshot.foreign ?? {})) {
        const s = this.#foreign.get(device)!;
        s.offset = p.offset;
        s.lines = p.lines;
        s.skipped = [...p.skipped];
      }
      for (const [device, at] of Object.entries(snapshot.marks ?? {})) this.#marks.set(device, at);
      this.#exact = false;
      this.#checkpointed = true;
      this.#snapshotLines = this.#lineCount();
    }
    const before = this.#lineCount();
    this.#catchUp();
    this.#settle();
    for (const s of this.#sources()) problems.push(...damageReport(s));
    if (this.#partial) {
      problems.push({
        file: this.#own.log.path,
        line: this.#own.lines + 1,
        message:
          'incomplete last line (a write cut short by a crash?); left as is, the next entry starts on a new line',
      });
    }
    if (this.#lineCount() - before > this.#checkpointAfter) await this.checkpoint();
    return problems;
  }

  /** Why the snapshot cannot be the state of a prefix of the own log, if it cannot. */
  #mismatch(snapshot: SnapshotHead): string | undefined {
    const log = this.#own.log;
    const device = snapshot.device ?? LEGACY;
    // A snapshot of the single reviews.jsonl still fits the device log it was migrated to.
    if (device !== this.#own.device && device !== LEGACY) {
      return `it is of device ${device}'s log`;
    }
    const size = log.size();
    if (snapshot.logOffset > size) {
      return `it covers ${snapshot.logOffset} bytes of the log, which has ${size}`;
    }
    if (log.fingerprint(snapshot.logOffset) !== snapshot.logTail) {
      return 'the log was replaced or edited';
    }
    return undefined;
  }

  /**
   * Whether the snapshot is of the single `reviews.jsonl` this device's log was made from: its
   * offsets are of that file, not of the compact copy, so it is only out of date. The log has
   * every entry; replay rebuilds it, and the next checkpoint replaces it.
   */
  #ofMigratedLog(snapshot: SnapshotHead): boolean {
    return snapshot.device === undefined && this.#own.device !== LEGACY;
  }

  /** Whether the snapshot's view of the other devices' logs is a prefix of them. */
  #foreignMatch(snapshot: SnapshotHead): boolean {
    const covered = snapshot.foreign ?? {};
    for (const [device, p] of Object.entries(covered)) {
      const s = this.#foreign.get(device);
      if (!s || s.log.size() < p.offset || s.log.fingerprint(p.offset) !== p.tail) return false;
    }
    // Without a mark, entries of a device it never saw cannot be placed in time: start over.
    const unseen = [...this.#foreign].some(([d, s]) => !(d in covered) && s.log.size() > 0);
    return !(unseen && snapshot.marks === undefined && snapshot.logOffset > 0);
  }

  /** Keeps an unusable snapshot under a new name; the state is rebuilt from the log instead. */
  #setAside(label: 'damaged' | 'stale', why: string): StoreProblem {
    const file = this.#snapshot.path;
    if (this.#readOnly) {
      return { file, message: `${why}; rebuilt from ${this.#logName()}; left as is (read only)` };
    }
    try {
      const kept = this.#snapshot.setAside(label, new Date());
      return {
        file,
        message: `${why}; rebuilt from ${this.#logName()}; the ${label} file is kept at ${kept}`,
      };
    } catch (e) {
      this.#snapshotWritable = false;
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      return {
        file,
        message: `${why}; rebuilt from ${this.#logName()}; it could not be moved aside (${code}), so it is left as is and no snapshot is written`,
      };
    }
  }

  /**
   * Tells a line torn by a crash from one another session is writing right now (a reader can see
   * a write half done): waits a few milliseconds for it to end. True if it never does.
   */
  #settle(): boolean {
    const own = this.#own;
    const seen = this.#seen.get(own) ?? 0;
    // Longer than any entry: torn, not being written; nothing to wait for.
    if (this.#partial && seen - own.offset > own.log.maxLine) return true;
    for (let i = 0; i < SETTLE_TRIES && this.#partial; i++) {
      Atomics.wait(pause, 0, 0, 1);
      this.#catchUp();
    }
    return this.#partial;
  }

  /** Opens the logs of devices that appeared in the log folder (a sync brought them). */
  #discover(): void {
    for (const device of deviceLogIds(this.dir)) {
      if (device === this.#own.device || this.#foreign.has(device)) continue;
      const log = LogFile.open(deviceLogPath(this.dir, device), 'read', this.#maxLine);
      this.#foreign.set(device, { device, log, offset: 0, lines: 0, skipped: [] });
    }
  }

  #catchUp(): void {
    const known = this.#foreign.size;
    this.#discover();
    const sources = this.#sources();
    const sizes = sources.map((s) => s.log.size());
    // Appends only grow the logs, so unchanged sizes mean nothing new (a torn last line is not
    // read again on every rating).
    const unchanged = sources.every((s, i) => sizes[i] === this.#seen.get(s));
    if (unchanged && known === this.#foreign.size) return;
    if (sources.some((s, i) => sizes[i]! < s.offset)) {
      // A log shrank under us (replaced or truncated): the logs are the truth, so start over.
      this.#rebuild();
      return;
    }
    const ok = mergeSources(sources, sizes, (entry, device) => this.#applyNext(entry, device));
    if (!ok) {
      this.#rebuild();
      return;
    }
    for (const [i, s] of sources.entries()) this.#seen.set(s, sizes[i]!);
    this.#partial = sizes[0]! > this.#own.offset;
  }

  /**
   * Replays every log from the start, in time order. An undo that must not discard another
   * device's later ratings makes it start over without the rating it cancels.
   */
  #rebuild(): void {
    const sources = this.#sources();
    const fresh = (skip: ReadonlySet<string>) => {
      this.#cards.clear();
      this.#movedTo.clear();
      this.#marks.clear();
      this.#exact = true;
      this.#checkpointed = false;
      this.#snapshotLines = undefined;
      this.#replay = new MergedReplay(this.#cards, this.#own.device, this.#reschedule, skip);
      return this.#replay;
    };
    const sizes = replayFromStart(sources, fresh, (entry, device) => {
      this.#applied(entry);
      this.#marks.set(device, entryTime(entry));
    });
    for (const [i, s] of sources.entries()) this.#seen.set(s, sizes[i]!);
    this.#partial = sizes[0]! > this.#own.offset;
  }
}

/** One source's damaged lines as problems: a few one by one, the rest counted. */
function damageReport(s: Source): StoreProblem[] {
  const file = s.log.path;
  // 200k damaged lines were 22 MB of stderr on every start: show a few, count the rest.
  const out: StoreProblem[] = s.skipped
    .slice(0, DAMAGE_SHOWN)
    .map(({ line, message }) => ({ file, line, message }));
  const more = s.skipped.length - DAMAGE_SHOWN;
  if (more > 0) {
    const name = file.split('/').pop();
    out.push({
      file,
      message: `… and ${more} more damaged line${more === 1 ? '' : 's'} in ${name}, skipped`,
    });
  }
  return out;
}

/** File-system failures become one line the CLI prints; anything else is a bug and stays as is. */
export function unusable(e: unknown, dir: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return e;
  return new UserError(
    `cannot open the progress store: ${(e as Error).message} (${hint(code, dir)})`,
  );
}

/** What to do about a progress folder that cannot be written, by what stopped it. */
function hint(code: string, dir: string): string {
  const elsewhere = 'set RECALL_HOME to use another folder';
  switch (code) {
    case 'EROFS':
      return `the file system is read-only: status, stats and export still work; ${elsewhere}`;
    case 'EACCES':
    case 'EPERM':
      return `check the permissions of ${dir} and the files in it, or ${elsewhere}`;
    case 'ENOTDIR':
    case 'EISDIR':
    case 'EEXIST':
      return `a file stands where a folder is expected, or a folder where a file is; move it, or ${elsewhere}`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `the disk is full; free some space, or ${elsewhere}`;
    default:
      return elsewhere;
  }
}
