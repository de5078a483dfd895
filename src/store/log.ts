/**
 * The review log `reviews.jsonl`: one JSON entry per line, only ever appended. An append is one
 * `write` of the whole line to an `O_APPEND` descriptor followed by `fdatasync`, so its cost does
 * not depend on the size of the log, and concurrent appenders never interleave within a line.
 */

import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { LogEntry } from './model.js';
import { parseEntry } from './validate.js';

export const LOG_FILE = 'reviews.jsonl';

export function logPath(dir: string): string {
  return join(dir, LOG_FILE);
}

/** The folder of the per-device logs (docs/storage.md, "Progress from several devices"). */
export const LOG_DIR = 'log';

/** This device's log: the only file it appends to, the only one its sync commits. */
export function deviceLogPath(dir: string, device: string): string {
  return join(dir, LOG_DIR, `${device}.jsonl`);
}

/** A log line that was skipped, and why. */
export type LineDamage = { readonly line: number; readonly message: string };

/** What a read of complete lines saw; lines are numbered from 1. */
export type Visit = {
  entry(entry: LogEntry, line: number): void;
  damage(damage: LineDamage): void;
};

const NEWLINE = 0x0a;
const CHUNK = 1 << 22;
const TAIL_BYTES = 4096;
const BOM = '\uFEFF';

/**
 * The longest line read as an entry. A real entry is under 1 KB; anything longer is damage (a
 * 100 MB line cost every start seconds and hundreds of MB), reported without being parsed or
 * held whole in memory.
 */
export const MAX_LINE_BYTES = 1 << 20;

/** Stands for a line longer than the cap: its bytes were dropped unread. */
export const OVERLONG = null;
/** What a read hands over: each line's text, or OVERLONG. */
export type Line = string | typeof OVERLONG;

/**
 * Collects bytes and hands back complete lines. A line longer than the buffer grows it up to the
 * cap; beyond that its bytes are dropped until its newline and it comes back as OVERLONG. The
 * bytes after the last newline wait for the next read.
 */
class LineBuffer {
  #buf: Buffer;
  #filled = 0;
  readonly #max: number;
  /** Bytes of an overlong line dropped so far (0: not inside one). */
  #dropped = 0;

  /** `expected`: bytes about to be read, so catching up a few lines does not allocate megabytes. */
  constructor(expected: number, max: number) {
    this.#max = max;
    this.#buf = Buffer.allocUnsafe(Math.max(1024, Math.min(CHUNK, expected, max + 1)));
  }

  /** Where the next read should land (grown when a single line fills the buffer). */
  space(): { buf: Buffer; offset: number; length: number } {
    if (this.#filled === this.#buf.length) {
      if (this.#buf.length > this.#max) {
        this.#dropped += this.#filled;
        this.#filled = 0;
      } else {
        const bigger = Buffer.allocUnsafe(Math.min(this.#buf.length * 2, this.#max + 1));
        this.#buf.copy(bigger, 0, 0, this.#filled);
        this.#buf = bigger;
      }
    }
    return { buf: this.#buf, offset: this.#filled, length: this.#buf.length - this.#filled };
  }

  /** Takes `n` freshly read bytes; returns the complete lines so far and the bytes they span. */
  take(n: number): { lines: Line[]; bytes: number } {
    this.#filled += n;
    const last = this.#buf.lastIndexOf(NEWLINE, this.#filled - 1);
    if (last < 0) return { lines: [], bytes: 0 };
    const lines: Line[] = [];
    let start = 0;
    if (this.#dropped > 0) {
      lines.push(OVERLONG);
      start = this.#buf.indexOf(NEWLINE) + 1;
    }
    if (start <= last) {
      // Newlines never occur inside a UTF-8 sequence, so decoding whole lines at once is safe.
      // Mostly ASCII: then latin1 decodes the same characters many times faster than utf8.
      const bytes = this.#buf.subarray(start, last);
      for (const text of bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8').split('\n')) {
        lines.push(text.length > this.#max ? OVERLONG : text);
      }
    }
    const spanned = this.#dropped + last + 1;
    this.#dropped = 0;
    this.#buf.copy(this.#buf, 0, last + 1, this.#filled);
    this.#filled -= last + 1;
    return { lines, bytes: spanned };
  }
}

/** Parses one line; blank lines (left by a race with a torn line) are neither entries nor damage. */
export function visitLine(text: Line, line: number, visit: Visit, max: number): void {
  if (text === OVERLONG) {
    visit.damage({
      line,
      message: `longer than ${formatBytes(max)}, so not a log entry; skipped unread`,
    });
    return;
  }
  if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim().length === 0)) return;
  const parsed = parseEntry(text);
  if ('problem' in parsed) visit.damage({ line, message: parsed.problem });
  else visit.entry(parsed, line);
}

/** 1048576 → "1 MiB". */
export function formatBytes(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/**
 * `append`: read and append, creating the file. `read`: only read (a read-only folder or file
 * must not stop the commands that only print), and a missing file reads as empty.
 */
export type LogMode = 'append' | 'read';

/** The log opened for a session: appends, plus reads of what any process appended. */
export class LogFile {
  readonly path: string;
  readonly mode: LogMode;
  /** Lines longer than this many bytes are OVERLONG (lowered by tests). */
  readonly maxLine: number;
  /** null once closed; 'absent' when opened to read a file that does not exist. */
  #fd: number | 'absent' | null;

  private constructor(path: string, mode: LogMode, fd: number | 'absent', maxLine: number) {
    this.path = path;
    this.mode = mode;
    this.#fd = fd;
    this.maxLine = maxLine;
  }

  /** Opens the log: for appending and reading (creating it), or only for reading. */
  static open(path: string, mode: LogMode = 'append', maxLine = MAX_LINE_BYTES): LogFile {
    if (mode === 'read') {
      try {
        return new LogFile(path, mode, openSync(path, 'r'), maxLine);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        return new LogFile(path, mode, 'absent', maxLine);
      }
    }
    const log = new LogFile(path, mode, openSync(path, 'a+'), maxLine);
    if (log.size() === 0) syncDir(dirname(path));
    return log;
  }

  get #open(): number {
    if (this.#fd === null) throw new Error(`${this.path} is closed`);
    if (this.#fd === 'absent') throw new Error(`${this.path} does not exist`);
    return this.#fd;
  }

  size(): number {
    if (this.#fd === 'absent') return 0;
    return fstatSync(this.#open).size;
  }

  /**
   * Reads the complete lines in [from, to) (`to` defaults to the current size), handing them over
   * a read buffer's worth at a time. Returns where the complete lines end; bytes after that (a
   * line still being written, or torn by a crash) are left for a later read.
   */
  readText(from: number, to: number, take: (lines: readonly Line[]) => void): number {
    if (to <= from) return from;
    const fd = this.#open;
    const lines = new LineBuffer(to - from, this.maxLine);
    let end = from;
    let read = from;
    while (read < to) {
      const { buf, offset, length } = lines.space();
      const n = readSync(fd, buf, offset, Math.min(length, to - read), read);
      if (n === 0) break;
      const got = lines.take(n);
      // An editor may start the file with a byte-order mark; it is not part of the first entry.
      if (read === 0 && typeof got.lines[0] === 'string' && got.lines[0].startsWith(BOM)) {
        got.lines[0] = got.lines[0].slice(1);
      }
      read += n;
      take(got.lines);
      end += got.bytes;
    }
    return end;
  }

  /** `readText`, each line parsed and visited; `line` is the number of lines before `from`. */
  readLines(
    from: number,
    line: number,
    visit: Visit,
    to = this.size(),
  ): { end: number; line: number } {
    let n = line;
    const end = this.readText(from, to, (lines) => {
      for (const text of lines) visitLine(text, ++n, visit, this.maxLine);
    });
    return { end, line: n };
  }

  /**
   * What recognises the log a cache was taken of (a snapshot, the stats history): a hash of the
   * bytes before `end`. TAIL_BYTES hold the whole last line, and entry ids are unique, so a
   * different log has a different fingerprint.
   */
  fingerprint(end: number): string {
    const tail = this.bytesBefore(end, TAIL_BYTES);
    return createHash('sha256').update(tail).digest('hex').slice(0, 16);
  }

  /** Up to `n` bytes ending at `end`. */
  bytesBefore(end: number, n: number): Buffer {
    const start = Math.max(0, end - n);
    const buf = Buffer.alloc(end - start);
    if (buf.length === 0) return buf;
    const got = readSync(this.#open, buf, 0, buf.length, start);
    return buf.subarray(0, got);
  }

  /**
   * Appends `text` (lines, each with its newline) durably: one write, then `fdatasync`. With
   * `newLineFirst` a newline goes first, in the same write, so the entry never ends up glued to
   * a line torn by a crash. Returns the bytes written. Lines given as a list are encoded
   * straight into the one buffer written (not joined into a string first: an import's batch is
   * tens of megabytes).
   */
  append(text: string | readonly string[], newLineFirst: boolean): number {
    if (this.mode === 'read') throw new Error(`${this.path} is open only for reading`);
    const fd = this.#open;
    const bytes = encodeLines(typeof text === 'string' ? [text] : text, newLineFirst);
    let written = writeSync(fd, bytes);
    // A regular file takes the whole write at once; finish a short write rather than tear a line.
    while (written < bytes.length) written += writeSync(fd, bytes, written);
    fdatasyncSync(fd);
    return written;
  }

  close(): void {
    if (typeof this.#fd === 'number') closeSync(this.#fd);
    this.#fd = null;
  }
}

/** `lines` as UTF-8 in one buffer, after a newline when `newLineFirst`. */
function encodeLines(lines: readonly string[], newLineFirst: boolean): Buffer {
  let size = newLineFirst ? 1 : 0;
  for (const line of lines) size += Buffer.byteLength(line, 'utf8');
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  if (newLineFirst) bytes[at++] = NEWLINE;
  for (const line of lines) at += bytes.write(line, at, 'utf8');
  return bytes;
}

/** Makes a newly created file's directory entry durable too (best effort: not every OS can). */
export function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directory fsync is unsupported on some platforms; the log's own data is synced anyway.
  }
}
