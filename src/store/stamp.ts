/**
 * What the card states of a progress folder are a function of, as one string: each log's size
 * and the fingerprint of its bytes (the one the snapshot and the stats history keep), and the
 * size and mtime of `state.json` and `device.json` (which log is this device's, and the problems
 * a damaged snapshot reports). A cache of anything replay gives keeps it and misses when it
 * differs: a rating appended, another device's log arriving, a snapshot written.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEVICE_FILE } from './device.js';
import { LOG_DIR, LogFile, logPath } from './log.js';
import { SNAPSHOT_FILE } from './snapshot.js';

/** Undefined when a log cannot be read: no cache then, and the open says what is wrong. */
export function progressStamp(dir: string): string | undefined {
  const parts = logParts(dir);
  if (parts === undefined) return undefined;
  for (const name of [SNAPSHOT_FILE, DEVICE_FILE])
    parts.push([name, ...fileStamp(join(dir, name))]);
  return JSON.stringify(parts);
}

/** The logs' part of `progressStamp` alone: the folder's inode, each log's size and fingerprint. */
export function logsStamp(dir: string): string | undefined {
  const parts = logParts(dir);
  return parts && JSON.stringify(parts);
}

function logParts(dir: string): unknown[] | undefined {
  const logs = [logPath(dir)];
  try {
    for (const name of readdirSync(join(dir, LOG_DIR)).sort()) {
      if (name.endsWith('.jsonl')) logs.push(join(dir, LOG_DIR, name));
    }
  } catch {
    // No log folder yet: only the single reviews.jsonl, if that.
  }
  const parts: unknown[] = [inode(dir)];
  for (const path of logs) {
    try {
      const log = LogFile.open(path, 'read');
      try {
        const size = log.size();
        parts.push([path, size, log.fingerprint(size)]);
      } finally {
        log.close();
      }
    } catch {
      return undefined;
    }
  }
  return parts;
}

function inode(path: string): number | null {
  try {
    return statSync(path).ino;
  } catch {
    return null;
  }
}

/** A file's size and mtime; none when it is not there. */
export function fileStamp(path: string): [number, number] | [] {
  try {
    const s = statSync(path);
    return [s.size, s.mtimeMs];
  } catch {
    return [];
  }
}
