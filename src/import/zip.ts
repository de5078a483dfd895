/**
 * Reading a zip (an Anki package) without trusting it. fflate's `unzipSync` trusts each entry's
 * declared size and grows its buffer past it, so a small zip could unpack to gigabytes: here the
 * central directory is read by hand and each entry is inflated in slices, its output counted
 * against a cap as it comes.
 */
import { Inflate } from 'fflate';
import { BadInput } from './bad-input.js';

export type ZipEntry = {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly headerOffset: number;
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes inflated per step: at deflate's ~1032:1 at most ~16 MB of output per step. */
const SLICE = 16 * 1024;

export class ZipReader {
  readonly #data: Uint8Array;
  readonly #view: DataView;
  readonly entries: ReadonlyMap<string, ZipEntry>;
  /** Bytes handed out so far, against the package's cap. */
  #unpacked = 0;
  readonly #maxTotal: number;

  constructor(data: Uint8Array, maxTotal: number) {
    this.#data = data;
    this.#view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.#maxTotal = maxTotal;
    this.entries = this.#readDirectory();
  }

  /** The entry's bytes; throws BadInput when it is damaged or would unpack past `max`. */
  read(name: string, max: number): Uint8Array {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new BadInput(`the package has no ${name}`);
    const v = this.#view;
    const at = entry.headerOffset;
    if (at + 30 > this.#data.length || v.getUint32(at, true) !== LOCAL) {
      throw new BadInput(`the zip is damaged (entry ${name} is not where its directory says)`);
    }
    const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.#data.length) throw new BadInput(`the zip is truncated (in ${name})`);
    const raw = this.#data.subarray(start, end);
    const cap = Math.min(max, this.#maxTotal - this.#unpacked);
    const out = entry.method === 0 ? this.#stored(raw, name, cap) : this.#inflate(raw, name, cap);
    this.#unpacked += out.length;
    return out;
  }

  #stored(raw: Uint8Array, name: string, cap: number): Uint8Array {
    if (raw.length > cap) throw tooBig(name, cap);
    return raw;
  }

  #inflate(raw: Uint8Array, name: string, cap: number): Uint8Array {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let ended = false;
    const inflater = new Inflate((chunk, final) => {
      total += chunk.length;
      if (total > cap) throw tooBig(name, cap);
      chunks.push(chunk);
      if (final) ended = true;
    });
    try {
      for (let i = 0; i < raw.length; i += SLICE) {
        const last = i + SLICE >= raw.length;
        inflater.push(raw.subarray(i, i + SLICE), last);
      }
      if (raw.length === 0) inflater.push(raw, true);
    } catch (e) {
      if (e instanceof BadInput) throw e;
      throw new BadInput(`the zip is damaged (${name} does not decompress)`);
    }
    if (!ended) throw new BadInput(`the zip is truncated (in ${name})`);
    return concat(chunks, total);
  }

  #readDirectory(): Map<string, ZipEntry> {
    const data = this.#data;
    const v = this.#view;
    let eocd = -1;
    for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
      if (v.getUint32(i, true) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new BadInput('not an Anki package (not a zip file)');
    const count = v.getUint16(eocd + 10, true);
    let at = v.getUint32(eocd + 16, true);
    const entries = new Map<string, ZipEntry>();
    const decoder = new TextDecoder();
    for (let n = 0; n < count; n++) {
      if (at + 46 > data.length || v.getUint32(at, true) !== CENTRAL) {
        throw new BadInput('the zip is damaged (its directory is cut short)');
      }
      const nameLength = v.getUint16(at + 28, true);
      const entry: ZipEntry = {
        name: decoder.decode(data.subarray(at + 46, at + 46 + nameLength)),
        method: v.getUint16(at + 10, true),
        compressedSize: v.getUint32(at + 20, true),
        size: v.getUint32(at + 24, true),
        headerOffset: v.getUint32(at + 42, true),
      };
      if (entry.method !== 0 && entry.method !== 8) {
        throw new BadInput(`the zip uses a compression recall cannot read (in ${entry.name})`);
      }
      if (entry.compressedSize === 0xffffffff || entry.headerOffset === 0xffffffff) {
        throw new BadInput('the zip is in ZIP64 form, which recall cannot read yet');
      }
      entries.set(entry.name, entry);
      at += 46 + nameLength + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
    }
    return entries;
  }
}

function tooBig(name: string, cap: number): BadInput {
  return new BadInput(
    `${name} unpacks to more than ${Math.round(cap / 1024 / 1024)} MB: refused (a zip bomb, or a package too large)`,
  );
}

export function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
