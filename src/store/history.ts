/**
 * The whole review log as history: every entry under the key its card has now. A `move` (a card
 * that got an id, re-attached progress) re-keys the entries before it, so statistics of a card
 * include what was recorded under its old key.
 */
import { readLog } from './log.js';
import type { LogEntry } from './model.js';

export async function readHistory(dir: string): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  for await (const { entry } of readLog(dir)) entries.push(entry);
  return followMoves(entries);
}

/** Pure: entries re-keyed through the moves that come after them (chains followed). */
export function followMoves(entries: readonly LogEntry[]): LogEntry[] {
  const renamed = new Map<string, string>();
  const out: LogEntry[] = new Array(entries.length);
  // Backwards: by the time an entry is reached, every later move is known.
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.kind === 'move') {
      renamed.set(e.card, renamed.get(e.to) ?? e.to);
      out[i] = e;
      continue;
    }
    const now = renamed.get(e.card);
    out[i] = now === undefined ? e : { ...e, card: now };
  }
  return out;
}
