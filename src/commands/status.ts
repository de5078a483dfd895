import { openStatusSource } from '../app/queue-cache.js';
import { collectionStatus, examLine, heldBackLines, type Status } from '../app/status.js';
import { clockFromEnv } from '../clock.js';
import { formatInterval } from '../core/duration.js';
import { UserError } from '../errors.js';
import { dataDir } from '../fs/paths.js';
import { redact } from '../sync/failure.js';
import { readSyncRecord, type SyncRecord } from '../sync/record.js';
import { toJson } from '../text/sanitize.js';
import { collapseWhitespace } from '../text/whitespace.js';
import { displayWidth, padEnd } from '../text/width.js';

export type StatusFlags = { readonly json?: boolean; readonly format?: string };

export async function runStatus(paths: readonly string[], opts: StatusFlags): Promise<void> {
  if (opts.json && opts.format !== undefined)
    throw new UserError('--json and --format are two outputs: give one', 2);
  // Checked before the decks are read: a typo in a shell prompt's template says so at once.
  if (opts.format !== undefined) formatStatus(opts.format, { decks: [], nextDue: null }, 0);
  const now = clockFromEnv()();
  const { source, brief } = await openStatusSource(paths, process.env);
  for (const p of brief) process.stderr.write(`${p}\n`);
  const status = collectionStatus(source, now);
  const synced = readSyncRecord(dataDir(process.env));
  process.stdout.write(
    opts.json
      ? `${toJson(statusJson(status, synced))}\n`
      : opts.format !== undefined
        ? `${formatStatus(opts.format, status, now)}\n`
        : statusText(status, now, synced),
  );
}

/** What a `--format` template can name, summed over the decks read. */
export const FORMAT_FIELDS = {
  due: 'cards to study now: new + learning + review',
  new: 'new cards ready today',
  learning: 'cards in learning due today',
  review: 'review cards due today',
  next: 'time until the next card is due (`now`, `25m`, `3d`; empty: nothing scheduled)',
} as const;

type Field = keyof typeof FORMAT_FIELDS;

/**
 * `{due} due` → `12 due`: one short line for a shell prompt. `{{` and `}}` are literal braces;
 * an unknown `{name}` is a usage error naming the fields there are.
 */
export function formatStatus(template: string, status: Status, now: number): string {
  const sum = (k: 'new' | 'learning' | 'review') => status.decks.reduce((n, d) => n + d[k], 0);
  const value = (f: Field): string => {
    if (f === 'due') return String(sum('new') + sum('learning') + sum('review'));
    if (f !== 'next') return String(sum(f));
    if (status.nextDue === null) return '';
    return status.nextDue <= now ? 'now' : formatInterval(status.nextDue - now);
  };
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (all, name: string | undefined) => {
    if (name === undefined) return all[0]!;
    if (Object.hasOwn(FORMAT_FIELDS, name)) return value(name as Field);
    throw new UserError(
      `--format: no field {${name}}; there are ${Object.keys(FORMAT_FIELDS)
        .map((f) => `{${f}}`)
        .join(' ')}`,
      2,
    );
  });
}

export function statusJson(status: Status, synced: SyncRecord | null = null) {
  return {
    decks: status.decks.map(({ id, name, new: n, learning, review, total, exam, heldBack }) => ({
      id,
      name,
      new: n,
      learning,
      review,
      total,
      ...(exam ? { exam } : {}),
      ...(heldBack ? { heldBack } : {}),
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
  for (const d of decks) {
    const exam = d.exam && examLine(d.exam);
    if (exam) lines.push(`${d.name}: ${exam}`);
  }
  for (const d of decks) {
    for (const held of heldBackLines([d.heldBack])) lines.push(`${d.name}: ${held}`);
  }
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
