/** Log entry ids: unique, and sorting them as strings sorts them by time. */
import { randomFillSync } from 'node:crypto';

/** 9 base-36 digits hold every millisecond up to the year 5138, so ids keep a fixed width. */
const TIME_WIDTH = 9;

/** A time-ordered unique id such as `mbx2k9d1c-4f7a1e0b9c2d`: `now` (epoch ms), then randomness. */
export function newEntryId(now: number): string {
  const ms = Math.max(0, Math.floor(now));
  return `${ms.toString(36).padStart(TIME_WIDTH, '0')}-${randomHex()}`;
}

/**
 * 12 random hex digits, from a pool filled 4 KiB at a time: one crypto call per id cost an
 * import of 200k reviews seconds.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;
function randomHex(): string {
  if (used + 6 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 6;
  return pool.toString('hex', used - 6, used);
}

const ID = /^[0-9a-z]{9}-[0-9a-f]{12}$/;

/** The epoch ms an id made by `newEntryId` holds; NaN for any other id. */
export function idTime(id: string): number {
  return ID.test(id) ? Number.parseInt(id.slice(0, TIME_WIDTH), 36) : Number.NaN;
}
