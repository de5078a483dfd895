import { openCollection } from '../app/open.js';
import { collectionStatus, examLine, type Status } from '../app/status.js';
import { clockFromEnv } from '../clock.js';
import { formatInterval } from '../core/duration.js';
import { dataDir } from '../fs/paths.js';
import { redact } from '../sync/failure.js';
import { readSyncRecord, type SyncRecord } from '../sync/record.js';
import { toJson } from '../text/sanitize.js';
import { collapseWhitespace } from '../text/whitespace.js';
import { displayWidth, padEnd } from '../text/width.js';

export async function runStatus(paths: readonly string[], opts: { json?: boolean }): Promise<void> {
  const now = clockFromEnv()();
  const { collection, brief } = await openCollection(paths, process.env, { readOnly: true });
  for (const p of brief) process.stderr.write(`${p}\n`);
  const status = collectionStatus(collection, now);
  const synced = readSyncRecord(dataDir(process.env));
  process.stdout.write(
    opts.json ? `${toJson(statusJson(status, synced))}\n` : statusText(status, now, synced),
  );
}

export function statusJson(status: Status, synced: SyncRecord | null = null) {
  return {
    decks: status.decks.map(({ id, name, new: n, learning, review, total, exam }) => ({
      id,
      name,
      new: n,
      learning,
      review,
      total,
      ...(exam ? { exam } : {}),
    })),
    nextDue: status.nextDue === null ? null : new Date(status.nextDue).toISOString(),
    lastSync: synced === null ? null : { at: synced.at, remote: redact(synced.remote) },
  };
}

export function statusText(status: Status, now: number, synced: SyncRecord | null = null): string {
  // One row per deck whatever a name holds (the parser makes names one line; a cache entry or
  // a caller may not have).
  const decks = status.decks.map((d) => ({ ...d, name: collapseWhitespace(d.name) }));
  const width = Math.max(4, ...decks.map((d) => displayWidth(d.name)));
  const row = (name: string, cells: (string | number)[]) =>
    `${padEnd(name, width)}  ${cells.map((c, i) => String(c).padStart(i === 1 ? 5 : i === 0 ? 3 : 6)).join(' ')}`;
  const lines = [row('deck', ['new', 'learn', 'review', 'total'])];
  for (const d of decks) lines.push(row(d.name, [d.new, d.learning, d.review, d.total]));
  for (const d of decks) if (d.exam) lines.push(`${d.name}: ${examLine(d.exam)}`);
  lines.push(`next due: ${whenText(status.nextDue, now)}`);
  // Only once this device has synced: most people never do, and status runs in shell prompts.
  if (synced !== null)
    lines.push(`last synced: ${formatInterval(now - Date.parse(synced.at))} ago`);
  return `${lines.join('\n')}\n`;
}

function whenText(at: number | null, now: number): string {
  if (at === null) return 'nothing scheduled';
  if (at <= now) return 'now';
  return new Date(at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}
