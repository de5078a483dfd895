/**
 * A folder of an older recall made this device's own (docs/storage.md, "The files"): its single
 * `reviews.jsonl` becomes `log/<device>.jsonl` in the compact format, its `quizzes.jsonl` is
 * copied as it is, and both originals are renamed to `<name>.migrated` and kept. Killed at any
 * point, the next open finishes the job: the new file appears only by a rename once it is whole
 * and synced, and the original is renamed only after that.
 */

import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { CardProgress } from '../core/model.js';
import { compactLine } from './line.js';
import { MAX_LINE_BYTES, syncDir } from './log.js';
import { applyEntry } from './replay.js';
import { parseEntry } from './validate.js';

/** Makes the older `reviews.jsonl` this device's log, each line compact where it says the same. */
export function migrateLog(legacy: string, mine: string): void {
  migrate(legacy, mine, compactCopy);
}

/** Makes the older `quizzes.jsonl` this device's quiz history, byte for byte. */
export function migrateFile(legacy: string, mine: string): void {
  migrate(legacy, mine, copyFileSync);
}

function migrate(legacy: string, mine: string, copy: (from: string, to: string) => void): void {
  if (!existsSync(legacy)) return;
  if (!existsSync(mine)) {
    const temp = `${mine}.tmp`;
    copy(legacy, temp);
    const fd = openSync(temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, mine);
    syncDir(dirname(mine));
  }
  let kept = `${legacy}.migrated`;
  for (let n = 2; existsSync(kept); n++) kept = `${legacy}.migrated.${n}`;
  renameSync(legacy, kept);
}

const NEWLINE = 0x0a;
const CHUNK = 4 << 20;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Copies a log line by line, writing each entry in the compact format where that reads back as
 * the same entry in its place (line.ts `compactLine`, with the card's state replayed so far), and
 * every other line's bytes as they are: entries v2 cannot say exactly, damaged and blank lines
 * (so damage keeps its line number), an overlong line, and a torn last line.
 */
export function compactCopy(from: string, to: string): void {
  const src = openSync(from, 'r');
  const out = openSync(to, 'w');
  const cards = new Map<string, CardProgress>();
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes === 0) return;
    const all = Buffer.concat(pending, pendingBytes);
    let written = 0;
    while (written < all.length) written += writeSync(out, all, written);
    pending = [];
    pendingBytes = 0;
  };
  const emit = (bytes: Buffer) => {
    pending.push(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes >= CHUNK) flush();
  };
  const line = (bytes: Buffer, first: boolean) => {
    const body = first && bytes.subarray(0, 3).equals(BOM) ? bytes.subarray(3) : bytes;
    const compact = body.length <= MAX_LINE_BYTES ? convert(body.toString('utf8'), cards) : null;
    emit(compact === null ? bytes : Buffer.from(compact, 'utf8'));
    emit(Buffer.from([NEWLINE]));
  };
  try {
    let carry = Buffer.alloc(0);
    let first = true;
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readSync(src, buf, 0, CHUNK, null);
      if (n === 0) break;
      let chunk = Buffer.concat([carry, buf.subarray(0, n)]);
      let start = 0;
      for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
        line(chunk.subarray(start, nl), first);
        first = false;
        start = nl + 1;
      }
      chunk = chunk.subarray(start);
      carry = Buffer.from(chunk);
    }
    // A torn last line stays torn: the store reports it, and the next entry starts a new line.
    if (carry.length > 0) emit(carry);
    flush();
  } finally {
    closeSync(src);
    closeSync(out);
  }
}

/** The compact line for one log line, or null to keep the line's own bytes. */
function convert(text: string, cards: Map<string, CardProgress>): string | null {
  if (text.trim() === '') return null;
  const parsed = parseEntry(text);
  if ('problem' in parsed) return null;
  const compact = parsed.v === 1 ? compactLine(parsed, cards.get(parsed.card)?.srs ?? null) : null;
  applyEntry(cards, parsed);
  return compact;
}
