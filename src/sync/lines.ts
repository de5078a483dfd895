/** Counting what a sync moved: the complete lines in part of a log, and how many are ratings. */
import { open } from 'node:fs/promises';

export type Counted = { readonly lines: number; readonly reviews: number };

const CHUNK = 1 << 20;
/** As the store reads logs: a longer line is damage, counted but never parsed. */
const MAX_LINE = 1 << 20;

/**
 * The lines ending in [from, to) of `file`, and how many of them are `"kind":"review"` entries
 * (damaged lines are counted as lines only). Read in chunks: a first sync can bring a whole
 * history.
 */
export async function countNew(file: string, from: number, to: number): Promise<Counted> {
  if (to <= from) return { lines: 0, reviews: 0 };
  const handle = await open(file, 'r');
  let lines = 0;
  let reviews = 0;
  let carry: Buffer[] = [];
  let carried = 0;
  const finish = (tail: Buffer) => {
    lines++;
    if (carried + tail.length > MAX_LINE) return;
    const text = Buffer.concat([...carry, tail]).toString('utf8');
    if (isReview(text)) reviews++;
  };
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (let at = from; at < to; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, to - at), at);
      if (bytesRead === 0) break;
      at += bytesRead;
      let start = 0;
      for (let nl = buffer.indexOf(10, start); nl !== -1 && nl < bytesRead; ) {
        finish(buffer.subarray(start, nl));
        carry = [];
        carried = 0;
        start = nl + 1;
        nl = buffer.indexOf(10, start);
      }
      if (start < bytesRead && carried <= MAX_LINE) {
        carry.push(Buffer.from(buffer.subarray(start, bytesRead)));
        carried += bytesRead - start;
      }
    }
  } finally {
    await handle.close();
  }
  return { lines, reviews };
}

function isReview(line: string): boolean {
  try {
    const entry: unknown = JSON.parse(line);
    return (
      typeof entry === 'object' && entry !== null && (entry as { kind?: unknown }).kind === 'review'
    );
  } catch {
    return false;
  }
}
