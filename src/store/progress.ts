/**
 * The progress store the app uses: card states from the snapshot plus the log entries after it,
 * kept current with what other sessions append. Ratings go to the log (durable on return); the
 * snapshot is rewritten only at checkpoints. See docs/storage.md.
 */

import { join } from 'node:path';
import type { History } from '../core/history.js';
import type { CardProgress } from '../core/model.js';
import type { QuizResult } from '../core/quiz-score.js';
import { UserError } from '../errors.js';
import { LockBusy, withLock } from '../fs/lock.js';
import { makeDirs } from '../fs/make-dirs.js';
import { progressFromStored, progressToStored } from './convert.js';
import { type LineDamage, LOG_FILE, LogFile, logPath, type Visit } from './log.js';
import type { LogEntry, StoredCardProgress, StoreProblem } from './model.js';
import { appendQuizResult } from './quiz-history.js';
import { applyEntry } from './replay.js';
import { type Snapshot, SnapshotFile } from './snapshot.js';
import { entryProblem } from './validate.js';

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
};

/** Held by a session while it reads a card's state, computes a rating from it and appends it. */
export const LOCK_FILE = `${LOG_FILE}.lock`;

/** Damaged log lines reported one by one at open; the rest are counted in one more line. */
const DAMAGE_SHOWN = 5;

export class ProgressStore {
  readonly dir: string;
  readonly #log: LogFile;
  readonly #snapshot: SnapshotFile;
  readonly #historyCache: string | undefined;
  readonly #readOnly: boolean;
  readonly #onWarning: ((problem: StoreProblem) => void) | undefined;
  readonly #cards = new Map<string, CardProgress>();
  /** Where each moved key's progress went (`lint --fix`, `doctor --move`): sessions follow it. */
  readonly #movedTo = new Map<string, string>();
  /**
   * The cards as the snapshot on disk (read or last written) holds them, and the keys changed
   * since: a checkpoint converts only those (ISO formatting of 100k cards costs ~250 ms).
   */
  #stored: Readonly<Record<string, StoredCardProgress>> = {};
  #changed = new Set<string>();
  /** Bytes of the log read and applied: always the end of a complete line. */
  #offset = 0;
  /** Lines in those bytes. */
  #lines = 0;
  /** Damaged lines in those bytes. */
  #skipped: LineDamage[] = [];
  /** Whether bytes follow the last complete line (a torn line, or one being written). */
  #partial = false;
  /** The log's size when last read: while it stays the same there is nothing new to read. */
  #seen = 0;
  /** Log offset the snapshot on disk covers, as far as we know (-1: none usable). */
  #checkpointed = -1;
  /** False when read-only, or when a damaged snapshot could not be moved aside (keep it). */
  #snapshotWritable: boolean;
  #closed = false;

  readonly #visit: Visit = {
    entry: (entry) => this.#apply(entry),
    damage: (damage) => this.#skipped.push(damage),
  };

  private constructor(dir: string, log: LogFile, opts: OpenOptions) {
    this.dir = dir;
    this.#log = log;
    this.#snapshot = new SnapshotFile(dir);
    this.#historyCache = opts.historyCache;
    this.#readOnly = opts.readOnly === true;
    this.#onWarning = opts.onWarning;
    this.#snapshotWritable = !this.#readOnly;
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
    let log: LogFile;
    try {
      if (!opts.readOnly) makeDirs(dir);
      log = LogFile.open(logPath(dir), opts.readOnly ? 'read' : 'append', opts.maxLineBytes);
    } catch (e) {
      throw unusable(e, dir);
    }
    const store = new ProgressStore(dir, log, opts);
    try {
      const problems = await store.#load(opts.checkpointAfter ?? 1000);
      return { store, problems };
    } catch (e) {
      log.close();
      throw unusable(e, dir);
    }
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
   * Appends one entry: first catches up what other sessions appended, then writes and syncs the
   * line, then applies it. Durable when it returns; throws if the entry is not valid.
   */
  append(entry: LogEntry): void {
    if (this.#closed) throw new Error('the progress store is closed');
    if (this.#readOnly) throw new Error('the progress store is open only for reading');
    const problem = entryProblem(entry);
    if (problem !== undefined) {
      throw new Error(`refusing to log an invalid entry for ${entry.card}: ${problem}`);
    }
    const line = `${JSON.stringify(entry)}\n`;
    this.#catchUp();
    const torn = this.#settle();
    let written: number;
    try {
      written = this.#log.append(line, torn);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (typeof code !== 'string') throw e;
      // Not applied: the card keeps its state, and the caller must not show the entry as kept.
      throw new UserError(
        `could not record this in ${this.#log.path}: ${code} (${hint(code, this.dir)}); nothing was saved for ${entry.card}`,
      );
    }
    // Apply what replay will read back (no `undefined` keys, no stray objects).
    this.#apply(JSON.parse(line) as LogEntry);
    if (!torn && this.#log.size() === this.#offset + written) {
      this.#offset += written;
      this.#lines += 1;
    }
    // Otherwise another session appended meanwhile (or a torn line was closed off): the next
    // catch-up reads from #offset in log order, re-applying this entry after what precedes it.
  }

  /** Appends a finished mock test to `quizzes.jsonl`, durably (like a rating). */
  appendQuiz(result: QuizResult): void {
    appendQuizResult(this.dir, result);
  }

  /** The whole log as statistics read it, through the history cache if there is one. */
  async history(): Promise<History> {
    if (this.#closed) throw new Error('the progress store is closed');
    // Loaded here, not at the top: only stats read the history, and start-up is measured.
    const { readHistory } = await import('./history-cache.js');
    return readHistory(this.#log, this.#historyCache);
  }

  /** Applies entries other sessions appended since we last read the log. */
  refresh(): void {
    if (!this.#closed) this.#catchUp();
  }

  /** Writes the snapshot of everything read so far (after catching up), if it changed. */
  async checkpoint(): Promise<void> {
    if (this.#closed) return;
    this.#catchUp();
    if (!this.#snapshotWritable || this.#offset === this.#checkpointed) return;
    const offset = this.#offset;
    const snapshot: Snapshot = {
      version: 1,
      logOffset: offset,
      logLines: this.#lines,
      logTail: this.#log.fingerprint(offset),
      skipped: [...this.#skipped],
      cards: this.#storedCards(),
    };
    await this.#snapshot.write(snapshot);
    this.#checkpointed = offset;
    this.#stored = snapshot.cards;
    this.#changed.clear();
  }

  /**
   * Checkpoints and closes the log. A snapshot the file system refuses (a full disk) is only a
   * warning: the log has everything. The log is closed whatever happens.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.checkpoint();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (typeof code !== 'string') throw e;
      this.#onWarning?.({
        file: this.#snapshot.path,
        message: `could not be written (${code}); nothing is lost, reviews.jsonl has every rating and the next start replays it`,
      });
    } finally {
      this.#closed = true;
      this.#log.close();
    }
  }

  #apply(entry: LogEntry): void {
    applyEntry(this.#cards, entry);
    this.#changed.add(entry.card);
    if (entry.kind === 'move') {
      this.#changed.add(entry.to);
      this.#movedTo.set(entry.card, entry.to);
      // Progress moved back (or rated again) under a key is that key's own again.
      this.#movedTo.delete(entry.to);
    }
  }

  #storedCards(): Record<string, StoredCardProgress> {
    const out: Record<string, StoredCardProgress> = {};
    for (const [key, p] of this.#cards) {
      const kept = this.#changed.has(key) ? undefined : this.#stored[key];
      out[key] = kept ?? progressToStored(p);
    }
    return out;
  }

  async #load(checkpointAfter: number): Promise<StoreProblem[]> {
    const problems: StoreProblem[] = [];
    const read = await this.#snapshot.read();
    let base: Snapshot | undefined;
    if (read.kind === 'damaged') {
      problems.push(this.#setAside('damaged', `not a valid snapshot (${read.reason})`));
    } else if (read.kind === 'unreadable') {
      problems.push(this.#setAside('damaged', read.reason));
    } else if (read.kind === 'ok') {
      const mismatch = this.#mismatch(read.snapshot);
      if (mismatch === undefined) base = read.snapshot;
      else problems.push(this.#setAside('stale', `does not match reviews.jsonl (${mismatch})`));
    }
    if (base) {
      const cards = base.cards;
      for (const key of Object.keys(cards)) this.#cards.set(key, progressFromStored(cards[key]!));
      this.#stored = cards;
      this.#offset = this.#checkpointed = base.logOffset;
      this.#lines = base.logLines;
      this.#skipped = [...base.skipped];
    }
    const before = this.#lines;
    this.#catchUp();
    this.#settle();
    const file = this.#log.path;
    // 200k damaged lines were 22 MB of stderr on every start: show a few, count the rest.
    for (const { line, message } of this.#skipped.slice(0, DAMAGE_SHOWN)) {
      problems.push({ file, line, message });
    }
    const more = this.#skipped.length - DAMAGE_SHOWN;
    if (more > 0) {
      problems.push({
        file,
        message: `… and ${more} more damaged line${more === 1 ? '' : 's'} in ${LOG_FILE}, skipped`,
      });
    }
    if (this.#partial) {
      problems.push({
        file,
        line: this.#lines + 1,
        message:
          'incomplete last line (a write cut short by a crash?); left as is, the next entry starts on a new line',
      });
    }
    if (this.#lines - before > checkpointAfter) await this.checkpoint();
    return problems;
  }

  /** Why the snapshot cannot be the state of a prefix of this log, if it cannot. */
  #mismatch(snapshot: Snapshot): string | undefined {
    const size = this.#log.size();
    if (snapshot.logOffset > size) {
      return `it covers ${snapshot.logOffset} bytes of the log, which has ${size}`;
    }
    if (this.#log.fingerprint(snapshot.logOffset) !== snapshot.logTail) {
      return 'the log was replaced or edited';
    }
    return undefined;
  }

  /** Keeps an unusable snapshot under a new name; the state is rebuilt from the log instead. */
  #setAside(label: 'damaged' | 'stale', why: string): StoreProblem {
    const file = this.#snapshot.path;
    if (this.#readOnly) {
      return { file, message: `${why}; rebuilt from reviews.jsonl; left as is (read only)` };
    }
    try {
      const kept = this.#snapshot.setAside(label, new Date());
      return {
        file,
        message: `${why}; rebuilt from reviews.jsonl; the ${label} file is kept at ${kept}`,
      };
    } catch (e) {
      this.#snapshotWritable = false;
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      return {
        file,
        message: `${why}; rebuilt from reviews.jsonl; it could not be moved aside (${code}), so it is left as is and no snapshot is written`,
      };
    }
  }

  /**
   * Tells a line torn by a crash from one another session is writing right now (a reader can see
   * a write half done): waits a few milliseconds for it to end. True if it never does.
   */
  #settle(): boolean {
    // Longer than any entry: torn, not being written; nothing to wait for.
    if (this.#partial && this.#seen - this.#offset > this.#log.maxLine) return true;
    for (let i = 0; i < SETTLE_TRIES && this.#partial; i++) {
      Atomics.wait(pause, 0, 0, 1);
      this.#catchUp();
    }
    return this.#partial;
  }

  #catchUp(): void {
    const size = this.#log.size();
    // Appends only grow the log, so an unchanged size means nothing new (a torn last line is not
    // read again on every rating).
    if (size === this.#seen && size >= this.#offset) return;
    this.#seen = size;
    if (size < this.#offset) {
      // The log shrank under us (replaced or truncated): it is the source of truth, so start over.
      this.#cards.clear();
      this.#movedTo.clear();
      this.#stored = {};
      this.#changed.clear();
      this.#offset = this.#lines = 0;
      this.#skipped = [];
      this.#checkpointed = -1;
    }
    if (size > this.#offset) {
      const read = this.#log.readLines(this.#offset, this.#lines, this.#visit, size);
      this.#offset = read.end;
      this.#lines = read.line;
    }
    this.#partial = size > this.#offset;
  }
}

/** File-system failures become one line the CLI prints; anything else is a bug and stays as is. */
function unusable(e: unknown, dir: string): unknown {
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
