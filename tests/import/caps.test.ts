import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BadInput } from '../../src/import/bad-input.js';
import { ZipReader } from '../../src/import/zip.js';
import { unzstd } from '../../src/import/zstd.js';
import { zstdRaw } from './anki-fixtures.js';

const MB = 1024 * 1024;

describe('unpacking is capped as it goes (zip bombs)', () => {
  // 4 MB of zeros deflate to a few kilobytes: the same shape as a bomb, at a test's size.
  const zeros = new Uint8Array(4 * MB);
  const zip = zipSync({ 'collection.anki2': zeros, small: new Uint8Array(10) }, { level: 6 });

  it('refuses an entry that unpacks past its cap, whatever its size on disk', () => {
    expect(zip.length).toBeLessThan(64 * 1024);
    const reader = new ZipReader(zip, 100 * MB);
    expect(() => reader.read('collection.anki2', 1 * MB)).toThrow(BadInput);
    expect(() => reader.read('collection.anki2', 1 * MB)).toThrow(/unpacks to more than 1 MB/);
    expect(reader.read('collection.anki2', 16 * MB)).toHaveLength(4 * MB);
  });

  it('counts every entry against the whole package', () => {
    const reader = new ZipReader(zip, 5 * MB);
    reader.read('collection.anki2', 16 * MB);
    expect(() => reader.read('collection.anki2', 16 * MB)).toThrow(/unpacks to more than/);
  });

  it('caps zstd the same way', () => {
    const frame = zstdRaw(new Uint8Array(3 * MB));
    expect(() => unzstd(frame, 'the collection', 1 * MB)).toThrow(
      /the collection unpacks to more than 1 MB/,
    );
    expect(unzstd(frame, 'the collection', 4 * MB)).toHaveLength(3 * MB);
    expect(() => unzstd(frame.subarray(0, 1000), 'the collection', 4 * MB)).toThrow(
      /truncated|damaged/,
    );
  });
});
