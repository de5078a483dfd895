/**
 * The layout of recall's binary caches (the stats history, the queue cache): 8 bytes of magic
 * naming the kind of file, a JSON header (its byte length as a 32-bit little-endian number
 * first), then typed-array columns, each right after the last, starting 8-byte aligned. Written
 * widest elements first, every column is aligned for its element size, so reading is one file
 * read and array views over it: no parsing of the numbers.
 */
import { open } from 'node:fs/promises';

type Column = ArrayBufferView & { readonly byteLength: number };

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** The file's bytes: `magic` (8 latin1 characters), `header` as JSON, the columns in order. */
export function encodeColumns(magic: string, header: unknown, columns: readonly Column[]): Buffer {
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const start = align8(12 + head.length);
  const bytes = columns.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const out = Buffer.alloc(start + bytes.reduce((n, c) => n + c.length, 0));
  out.write(magic, 0, 'latin1');
  out.writeUInt32LE(head.length, 8);
  head.copy(out, 12);
  let at = start;
  for (const c of bytes) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

type ArrayOf<T> = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
};

/** Takes the columns in the order they were written; undefined once the file has too few bytes. */
export type Columns = {
  readonly take: <T>(kind: ArrayOf<T>, length: number) => T | undefined;
  /** Whether every byte of the file was taken: a longer or shorter file is not what was written. */
  readonly done: () => boolean;
};

/**
 * The header (parsed, unchecked: the caller checks its shape) and a reader of the columns, or
 * undefined when `file` does not start with `magic` and a readable header.
 */
export function decodeColumns(
  file: Uint8Array,
  magic: string,
): { readonly header: unknown; readonly columns: Columns } | undefined {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.length);
  if (bytes.length < 12 || bytes.toString('latin1', 0, 8) !== magic) return undefined;
  const headLength = bytes.readUInt32LE(8);
  if (12 + headLength > bytes.length) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8', 12, 12 + headLength));
  } catch {
    return undefined;
  }
  // Typed-array views need their element size's alignment in the underlying buffer.
  const base = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  const end = base.byteOffset + base.length;
  let at = base.byteOffset + align8(12 + headLength);
  const take = <T>(kind: ArrayOf<T>, length: number): T | undefined => {
    const size = length * kind.BYTES_PER_ELEMENT;
    if (!Number.isSafeInteger(length) || length < 0 || at + size > end) return undefined;
    if (at % kind.BYTES_PER_ELEMENT !== 0) return undefined;
    const view = new kind(base.buffer, at, length);
    at += size;
    return view;
  };
  return { header, columns: { take, done: () => at === end } };
}

/**
 * The file in one read into a fresh, 8-byte-aligned buffer: readFile reads a big file in
 * chunks through the thread pool, several times slower for tens of megabytes.
 */
export async function readWhole(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(size);
    let got = 0;
    while (got < size) {
      const { bytesRead } = await handle.read(bytes, got, size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return bytes.subarray(0, got);
  } finally {
    await handle.close();
  }
}

/** A cache file's bytes (`readWhole`), or undefined when it cannot be read: for a cache, a miss. */
export async function readCacheBytes(file: string): Promise<Uint8Array | undefined> {
  try {
    return await readWhole(file);
  } catch {
    return undefined;
  }
}
