/**
 * Which device this progress folder logs as. Each device appends only to its own files
 * (`log/<id>.jsonl`, `quizzes/<id>.jsonl`), so files from several machines can be merged by
 * copying them side by side. That holds only if two machines never share an id, and the easy
 * way to make them share one is to copy a whole progress folder to a new machine. So the id is
 * kept in `device.json` (local, never synced) with a fingerprint of where it was made: the
 * host name and the folder's inode. A copy (cp -r, a backup restored, a USB transfer) has a new
 * inode, a new machine a new host name; either makes a new id, and says so once.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-file.js';
import { makeDirs } from '../fs/make-dirs.js';
import { slug } from '../text/slug.js';
import { instantIso } from './instant.js';

export const DEVICE_FILE = 'device.json';

/** `laptop-3fa9`: a name a person recognises, and four hex digits so two laptops differ. */
const ID = /^[a-z0-9-]{1,20}-[0-9a-f]{4}$/;

export type Device = {
  readonly id: string;
  /** What to tell the user once: the folder was copied (or device.json was unusable). */
  readonly notice: string | null;
};

type Place = { readonly hostname: string; readonly inode: string };
type Made = Place & { readonly id: string; readonly since: string };
type Former = Made & { readonly until: string };
type DeviceFile = Made & { readonly version: 1; readonly history: readonly Former[] };

export type DeviceOptions = {
  readonly hostname: string;
  readonly now: number;
  /** Four hex digits; tests fix them. */
  readonly randomSuffix?: () => string;
};

/** The id this folder logs as on this machine, made (and written) on first use or after a copy. */
export async function deviceOf(dir: string, options: DeviceOptions): Promise<Device> {
  makeDirs(dir);
  const file = join(dir, DEVICE_FILE);
  const here: Place = { hostname: options.hostname, inode: inodeOf(dir) };
  const read = readDevice(file);
  if (read.kind === 'ok' && samePlace(read.device, here))
    return { id: read.device.id, notice: null };

  const former = read.kind === 'ok' ? read.device : null;
  const taken = new Set([former?.id, ...(former?.history.map((h) => h.id) ?? [])]);
  const id = newId(options.hostname, taken, options.randomSuffix ?? randomSuffix);
  const since = instantIso(options.now);
  const next: DeviceFile = {
    version: 1,
    id,
    ...here,
    since,
    history: former
      ? [
          ...former.history,
          {
            id: former.id,
            hostname: former.hostname,
            inode: former.inode,
            since: former.since,
            until: since,
          },
        ]
      : [],
  };
  let kept: string | null = null;
  if (read.kind === 'damaged') {
    kept = `${file}.damaged-${since.replace(/[:.]/g, '-')}`;
    try {
      renameSync(file, kept);
    } catch {
      kept = null;
    }
  }
  await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
  // Two first starts at once each make an id; the one whose file landed last is the one kept.
  const landed = readDevice(file);
  const chosen = landed.kind === 'ok' && samePlace(landed.device, here) ? landed.device.id : id;

  let notice: string | null = null;
  if (former) {
    notice = `this progress folder was copied from ${former.id} (another machine or folder); this machine now logs as ${chosen}`;
  } else if (read.kind === 'damaged') {
    notice = `${DEVICE_FILE} could not be used (${read.reason})${kept ? `; kept as ${kept}` : ''}; this machine now logs as ${chosen}`;
  }
  return { id: chosen, notice };
}

/** `My-Laptop.local` → `my-laptop`: the short host name, lowercase, at most 20 of [a-z0-9-]. */
export function hostLabel(hostname: string): string {
  return slug(hostname.split('.')[0] ?? '', 20) || 'device';
}

/** Whether `id` has the shape of a device id (it names files, so nothing else is accepted). */
export const isDeviceId = (id: string): boolean => ID.test(id);

function newId(hostname: string, taken: Set<string | undefined>, suffix: () => string): string {
  const label = hostLabel(hostname);
  let id = `${label}-${suffix()}`;
  for (let i = 0; taken.has(id) && i < 100; i++) id = `${label}-${suffix()}`;
  return id;
}

function randomSuffix(): string {
  return randomBytes(2).toString('hex');
}

function inodeOf(dir: string): string {
  return statSync(dir, { bigint: true }).ino.toString();
}

const samePlace = (a: Place, b: Place) => a.hostname === b.hostname && a.inode === b.inode;

type Read =
  | { readonly kind: 'ok'; readonly device: DeviceFile }
  | { readonly kind: 'missing' }
  | { readonly kind: 'damaged'; readonly reason: string };

function readDevice(file: string): Read {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'damaged', reason: code ?? 'unreadable' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'damaged', reason: 'not valid JSON' };
  }
  return isDeviceFile(value)
    ? { kind: 'ok', device: value }
    : { kind: 'damaged', reason: 'not a device file' };
}

function isMade(v: unknown): v is Made {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { [k: string]: unknown };
  return (
    typeof r.id === 'string' &&
    ID.test(r.id) &&
    typeof r.hostname === 'string' &&
    typeof r.inode === 'string' &&
    /^\d+$/.test(r.inode) &&
    typeof r.since === 'string'
  );
}

function isDeviceFile(v: unknown): v is DeviceFile {
  if (!isMade(v)) return false;
  const r = v as { [k: string]: unknown };
  return (
    r.version === 1 &&
    Array.isArray(r.history) &&
    r.history.every((h) => isMade(h) && typeof (h as { until?: unknown }).until === 'string')
  );
}

/**
 * The id this folder logs as on this machine, if it has one, without making or writing
 * anything: for the commands that only read.
 */
export function knownDevice(dir: string, hostname: string): string | undefined {
  let inode: string;
  try {
    inode = inodeOf(dir);
  } catch {
    return undefined;
  }
  const read = readDevice(join(dir, DEVICE_FILE));
  if (read.kind !== 'ok' || !samePlace(read.device, { hostname, inode })) return undefined;
  return read.device.id;
}
