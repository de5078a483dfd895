/**
 * An Anki package (.apkg, .colpkg) or a bare collection file → its collection and media.
 * Packages come in three shapes: `collection.anki2` (legacy, schema 11), `collection.anki21`
 * (schema 11, newer scheduler) and `collection.anki21b` (zstd-compressed, schema 18, with a
 * protobuf `meta` and media map, and every media file zstd-compressed). The last also holds a
 * dummy `collection.anki2` whose one note asks to update Anki: the newest collection present is
 * always the one read.
 */
import { type AnkiCollection, readCollection } from './anki-collection.js';
import { BadInput } from './bad-input.js';
import {
  MAX_COLLECTION_BYTES,
  MAX_MEDIA_FILE_BYTES,
  MAX_MEDIA_MAP_BYTES,
  MAX_PACKAGE_BYTES,
} from './limits.js';
import { fields, stringField, varintField } from './protobuf.js';
import { openCollectionDb } from './sqlite.js';
import { ZipReader } from './zip.js';
import { isZstd, unzstd } from './zstd.js';

export type MediaFile = {
  readonly name: string;
  /** The file's bytes, unpacked when asked (one at a time: media can be gigabytes). */
  readonly read: () => Uint8Array;
};

export type AnkiPackage = {
  readonly collection: AnkiCollection;
  readonly media: readonly MediaFile[];
  /** Which collection file was read, for `--dry-run`. */
  readonly shape: 'collection.anki21b' | 'collection.anki21' | 'collection.anki2' | 'sqlite';
};

const SQLITE_MAGIC = 'SQLite format 3\0';

export function isSqlite(data: Uint8Array): boolean {
  return new TextDecoder().decode(data.subarray(0, 16)) === SQLITE_MAGIC;
}

export async function readAnkiPackage(data: Uint8Array): Promise<AnkiPackage> {
  if (isSqlite(data)) {
    const db = await openCollectionDb(data, 'the collection');
    try {
      return { collection: readCollection(db, 'the collection'), media: [], shape: 'sqlite' };
    } finally {
      db.close();
    }
  }
  const zip = new ZipReader(data, MAX_PACKAGE_BYTES);
  const version = zip.entries.has('meta')
    ? varintField(fields(zip.read('meta', 1024), 'meta'), 1)
    : undefined;
  const shape =
    version === 3 || (version === undefined && zip.entries.has('collection.anki21b'))
      ? 'collection.anki21b'
      : zip.entries.has('collection.anki21')
        ? 'collection.anki21'
        : zip.entries.has('collection.anki2')
          ? 'collection.anki2'
          : undefined;
  if (shape === undefined) {
    throw new BadInput(
      'a zip with no Anki collection in it (no collection.anki2, .anki21 or .anki21b)',
    );
  }
  const modern = shape === 'collection.anki21b';
  let bytes = zip.read(shape, MAX_COLLECTION_BYTES);
  if (modern) bytes = unzstd(bytes, shape, MAX_COLLECTION_BYTES);
  const db = await openCollectionDb(bytes, shape);
  let collection: AnkiCollection;
  try {
    collection = readCollection(db, shape);
  } finally {
    db.close();
  }
  return { collection, media: mediaOf(zip, modern), shape };
}

function mediaOf(zip: ZipReader, modern: boolean): MediaFile[] {
  if (!zip.entries.has('media')) return [];
  let map = zip.read('media', MAX_MEDIA_MAP_BYTES);
  const names: [entry: string, name: string][] = [];
  if (modern || isZstd(map)) {
    map = unzstd(map, 'the media list', MAX_MEDIA_MAP_BYTES);
    // MediaEntries { repeated MediaEntry entries = 1 }, MediaEntry { string name = 1; … };
    // the zip entry of the i-th file is named `i`.
    fields(map, 'the media list')
      .filter((f) => f.no === 1 && f.type === 'bytes')
      .forEach((f, i) => {
        if (f.type === 'bytes')
          names.push([String(i), stringField(fields(f.value, 'the media list'), 1)]);
      });
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(map));
    } catch {
      throw new BadInput('the media list is damaged (not JSON)');
    }
    if (parsed === null || typeof parsed !== 'object')
      throw new BadInput('the media list is damaged');
    for (const [entry, name] of Object.entries(parsed)) names.push([entry, String(name)]);
  }
  return names
    .filter(([entry, name]) => zip.entries.has(entry) && name !== '')
    .map(([entry, name]) => ({
      name,
      read: () => {
        const raw = zip.read(entry, MAX_MEDIA_FILE_BYTES);
        return modern ? unzstd(raw, name, MAX_MEDIA_FILE_BYTES) : raw;
      },
    }));
}
