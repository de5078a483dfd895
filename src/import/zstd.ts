/**
 * zstd (Anki's current packages compress the collection, the media map and each media file),
 * decompressed as a stream so that output is counted against a cap as it comes: a frame may
 * declare any size, or none.
 */
import { Decompress } from 'fzstd';
import { BadInput } from './bad-input.js';
import { concat } from './zip.js';

const ZSTD_MAGIC = 0xfd2fb528;
const SLICE = 64 * 1024;

/** Whether `data` starts like a zstd frame. */
export function isZstd(data: Uint8Array): boolean {
  return (
    data.length >= 4 &&
    new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true) === ZSTD_MAGIC
  );
}

export function unzstd(data: Uint8Array, what: string, cap: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const stream = new Decompress((chunk, final) => {
    total += chunk.length;
    if (total > cap) {
      throw new BadInput(
        `${what} unpacks to more than ${Math.round(cap / 1024 / 1024)} MB: refused`,
      );
    }
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let i = 0; i < data.length; i += SLICE) {
      stream.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
    }
  } catch (e) {
    if (e instanceof BadInput) throw e;
    throw new BadInput(`${what} is damaged (its zstd data does not decompress)`);
  }
  if (!ended) throw new BadInput(`${what} is truncated`);
  return concat(chunks, total);
}
