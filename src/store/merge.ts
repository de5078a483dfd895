/**
 * Several devices' logs read as one, in time order: each log keeps its own order, and between
 * logs the entry with the earlier time comes first (equal times: the smaller device id). Every
 * machine with the same files sees the same sequence, whatever order they arrived in.
 */

import type { SrsState } from '../core/model.js';
import { instantMs } from './instant.js';
import { type Line, type LineDamage, type LogFile, type Visit, visitLine } from './log.js';
import type { LogEntry } from './model.js';
import type { MergedReplay } from './replay.js';

/** One device's log and how far it has been read. */
export type Source = {
  readonly device: string;
  readonly log: LogFile;
  /** Bytes read and applied: always the end of a complete line. */
  offset: number;
  /** Lines in those bytes. */
  lines: number;
  /** Damaged lines in those bytes. */
  skipped: LineDamage[];
};

/** Where replay has got to: the order key of the last entry applied. */
export type Mark = { readonly at: number; readonly device: string };

export const before = (a: Mark, b: Mark): boolean =>
  a.at < b.at || (a.at === b.at && a.device < b.device);

/** The time an entry sorts by. */
export function entryTime(entry: LogEntry): number {
  return instantMs(entry.kind === 'review' ? entry.reviewedAt : entry.at);
}

type Item = { readonly entry: LogEntry; readonly at: number };

/** Reads one source's complete lines from its offset to `to`, a slice at a time. */
class Cursor {
  readonly source: Source;
  readonly #to: number;
  #items: Item[] = [];
  #i = 0;
  #read: number;
  #line: number;

  constructor(source: Source, to: number) {
    this.source = source;
    this.#to = to;
    this.#read = source.offset;
    this.#line = source.lines;
  }

  /** The next entry, without taking it; undefined at the end. */
  peek(): Item | undefined {
    while (this.#i >= this.#items.length) {
      if (this.#read >= this.#to || !this.#fill()) return undefined;
    }
    return this.#items[this.#i];
  }

  take(): Item {
    return this.#items[this.#i++]!;
  }

  /** Everything up to `to` was visited: the source's offset moves to the end of it. */
  finish(): void {
    this.source.offset = this.#read;
    this.source.lines = this.#line;
  }

  #fill(): boolean {
    const { log, skipped } = this.source;
    const items: Item[] = [];
    const visit: Visit = {
      entry: (entry) => items.push({ entry, at: entryTime(entry) }),
      damage: (damage) => skipped.push(damage),
    };
    const from = this.#read;
    const take = (lines: readonly Line[]) => {
      for (const text of lines) visitLine(text, ++this.#line, visit, log.maxLine);
    };
    const slice = Math.min(this.#to, from + SLICE);
    let end = log.readText(from, slice, take);
    // A single line longer than a slice: read on to its end.
    if (end === from && slice < this.#to) end = log.readText(from, this.#to, take);
    if (end === from) return false;
    this.#read = end;
    this.#items = items;
    this.#i = 0;
    return true;
  }
}

const SLICE = 4 << 20;

/**
 * Visits every entry after each source's offset (up to `sizes`), merged in time order, and moves
 * the offsets to the end. Stops early, offsets unmoved, when `visit` returns false (the caller
 * starts over from the beginning).
 */
export function mergeSources(
  sources: readonly Source[],
  sizes: readonly number[],
  visit: (entry: LogEntry, device: string, at: number) => boolean,
): boolean {
  const cursors = sources.map((s, i) => new Cursor(s, sizes[i]!));
  for (;;) {
    let best: Cursor | undefined;
    let head: Item | undefined;
    for (const c of cursors) {
      const item = c.peek();
      if (item === undefined) continue;
      if (
        head === undefined ||
        item.at < head.at ||
        (item.at === head.at && c.source.device < best!.source.device)
      ) {
        best = c;
        head = item;
      }
    }
    if (best === undefined || head === undefined) break;
    best.take();
    if (!visit(head.entry, best.source.device, head.at)) return false;
  }
  for (const c of cursors) c.finish();
  return true;
}

/**
 * Replays every source from its beginning, in time order, into the replay `fresh` makes (handed
 * the ratings to leave out). An undo that must not discard another device's later ratings makes
 * it start over, without the rating that undo cancels; `fresh` then resets whatever the caller
 * builds. `applied` is told of each entry once it is applied, with its card's state before it
 * and the time it sorts by.
 * Returns the size of each source that was read to.
 */
export function replayFromStart(
  sources: readonly Source[],
  fresh: (skip: ReadonlySet<string>) => MergedReplay,
  applied: (entry: LogEntry, device: string, before: SrsState | null, at: number) => void,
): number[] {
  const skip = new Set<string>();
  for (;;) {
    const replay = fresh(skip);
    for (const s of sources) {
      s.offset = 0;
      s.lines = 0;
      s.skipped = [];
    }
    const sizes = sources.map((s) => s.log.size());
    let again: string | undefined;
    mergeSources(sources, sizes, (entry, device, at) => {
      const before = replay.cards.get(entry.card)?.srs ?? null;
      const restart = replay.apply(entry, device, true);
      if (restart?.skip !== undefined) {
        again = restart.skip;
        return false;
      }
      applied(entry, device, before, at);
      return true;
    });
    if (again === undefined) return sizes;
    skip.add(again);
  }
}
