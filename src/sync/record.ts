/**
 * `sync.json`: this machine's memory of its last sync (never synced itself). The remote head it
 * saw is what tells a remote that moved on from one that was rewritten; the time is what
 * `recall status` shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-file.js';

export const SYNC_FILE = 'sync.json';

export type SyncRecord = {
  readonly version: 1;
  /** When the sync ended (ISO-8601, UTC). */
  readonly at: string;
  /** `sync.remote` as configured. */
  readonly remote: string;
  /** The remote's `main` after the sync (the commit pushed, or the one pulled). */
  readonly remoteHead: string | null;
  readonly device: string;
  readonly pushed: { readonly lines: number; readonly reviews: number };
  readonly pulled: { readonly lines: number; readonly reviews: number };
};

/** The last sync's record, or null when there is none or it cannot be used. */
export function readSyncRecord(dir: string): SyncRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(dir, SYNC_FILE), 'utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const r = value as { [k: string]: unknown };
  const counts = (c: unknown) =>
    typeof c === 'object' &&
    c !== null &&
    Number.isInteger((c as { lines?: unknown }).lines) &&
    Number.isInteger((c as { reviews?: unknown }).reviews);
  const ok =
    r.version === 1 &&
    typeof r.at === 'string' &&
    !Number.isNaN(Date.parse(r.at)) &&
    typeof r.remote === 'string' &&
    (r.remoteHead === null ||
      (typeof r.remoteHead === 'string' && /^[0-9a-f]{40,64}$/.test(r.remoteHead))) &&
    typeof r.device === 'string' &&
    counts(r.pushed) &&
    counts(r.pulled);
  return ok ? (value as SyncRecord) : null;
}

export async function writeSyncRecord(dir: string, record: SyncRecord): Promise<void> {
  await writeFileAtomic(join(dir, SYNC_FILE), `${JSON.stringify(record, null, 2)}\n`);
}
