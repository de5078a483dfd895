/**
 * Append-only, checked without holding a log in memory: "old is a prefix of new" is "the first
 * old-size bytes of new hash to old's blob id", since a blob id is the hash of
 * `blob <size>\0<bytes>`. So one streaming read of the new version settles it.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import type { Git } from './git.js';

export type Blob = { readonly oid: string; readonly size: number };
/** path → blob, for the files of a commit. */
export type Tree = ReadonlyMap<string, Blob>;

export const EMPTY_TREE: Tree = new Map();

/** Every file of `commit` with its blob id and size (one `git ls-tree`). */
export async function treeOf(git: Git, commit: string | null): Promise<Tree> {
  if (commit === null) return EMPTY_TREE;
  const { stdout } = await git.run('ls-tree', ['ls-tree', '-r', '-l', '-z', '--full-tree', commit]);
  const tree = new Map<string, Blob>();
  for (const entry of stdout.split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+) +(\d+)\t([\s\S]+)$/.exec(entry);
    if (m) tree.set(m[3]!, { oid: m[1]!, size: Number(m[2]) });
  }
  return tree;
}

/** Hashes the way this repository names objects (sha1, or sha256 in a repository made so). */
export class Hasher {
  constructor(readonly algorithm: 'sha1' | 'sha256') {}

  static async of(git: Git): Promise<Hasher> {
    const { stdout } = await git.run('rev-parse', ['rev-parse', '--show-object-format'], {
      ok: [0, 128, 129],
    });
    return new Hasher(stdout.trim() === 'sha256' ? 'sha256' : 'sha1');
  }

  /** A running blob id for `size` bytes yet to come. */
  blob(size: number): Hash {
    return createHash(this.algorithm).update(`blob ${size}\0`);
  }
}

/** Whether the first `old.size` bytes of the blob `newer` are exactly the blob `old`. */
export async function blobExtends(
  git: Git,
  hasher: Hasher,
  old: Blob,
  newer: Blob,
): Promise<boolean> {
  if (newer.size < old.size) return false;
  if (newer.oid === old.oid) return true;
  const child = git.stream(['cat-file', 'blob', newer.oid]);
  const done = new Promise<void>((resolve) => child.on('close', () => resolve()));
  child.stderr?.resume();
  const ok = await prefixHashes(child.stdout!, hasher, old);
  child.kill();
  await done;
  return ok;
}

/** The size of the part of `path` that ends with its last newline (a torn line is not shared). */
export async function completeSize(path: string): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(64 * 1024);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - buffer.length);
      const { bytesRead } = await handle.read(buffer, 0, end - start, start);
      const nl = buffer.subarray(0, bytesRead).lastIndexOf(10);
      if (nl !== -1) return start + nl + 1;
      end = start;
    }
    return 0;
  } finally {
    await handle.close();
  }
}

/**
 * The first `size` bytes of `path` as a stream, and a check, once it has been read, that its
 * first `old.size` bytes are `old` (null: nothing to check).
 */
export function readCheckingPrefix(
  path: string,
  size: number,
  hasher: Hasher,
  old: Blob | null,
): { readonly stream: Readable; readonly extends: () => boolean } {
  const tee = new PassThrough();
  const hash = old ? hasher.blob(old.size) : null;
  let seen = 0;
  if (size === 0) {
    tee.end();
  } else {
    const source = createReadStream(path, { start: 0, end: size - 1 });
    // No encoding given: every chunk is a Buffer.
    source.on('data', (data) => {
      const chunk = data as Buffer;
      if (hash && old && seen < old.size) hash.update(chunk.subarray(0, old.size - seen));
      seen += chunk.length;
    });
    source.on('error', (e) => tee.destroy(e));
    source.pipe(tee);
  }
  return {
    stream: tee,
    extends: () => !old || (seen >= old.size && hash!.digest('hex') === old.oid),
  };
}

async function prefixHashes(stream: Readable, hasher: Hasher, old: Blob): Promise<boolean> {
  const hash = hasher.blob(old.size);
  let seen = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const want = old.size - seen;
    hash.update(chunk.subarray(0, want));
    seen += Math.min(want, chunk.length);
    if (seen >= old.size) break;
  }
  stream.destroy();
  return seen >= old.size && hash.digest('hex') === old.oid;
}

/** The blob id and size the file at `path` would have in git. */
export async function fileBlob(path: string, hasher: Hasher): Promise<Blob> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const hash = hasher.blob(size);
    const buffer = Buffer.alloc(1 << 20);
    for (let at = 0; at < size; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - at), at);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      at += bytesRead;
    }
    return { oid: hash.digest('hex'), size };
  } finally {
    await handle.close();
  }
}
