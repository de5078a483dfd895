/**
 * The whole review log as history for statistics: every entry under the key its card has now
 * (a `move` re-keys the entries before it), slimmed to what statistics read, so a million
 * reviews fit in memory without the garbage collector dominating the read.
 */
import { readLogLines } from './log.js';
import type { FsrsStateName, LogEntry, Rating } from './model.js';
import { parseEntry } from './validate.js';

export type HistoryEntry =
  | {
      readonly kind: 'review';
      readonly id: string;
      readonly card: string;
      readonly rating: Rating;
      readonly reviewedAt: string;
      readonly durationMs: number;
      readonly prev: { readonly state: FsrsStateName; readonly scheduledDays: number } | null;
      readonly via?: 'review' | 'cram' | undefined;
    }
  | {
      readonly kind: 'cram';
      readonly card: string;
      readonly at: string;
      readonly durationMs: number;
    }
  | { readonly kind: 'undo'; readonly card: string; readonly undoes: string }
  | { readonly kind: 'move'; readonly card: string; readonly to: string }
  | { readonly kind: 'flag' | 'forget'; readonly card: string };

export async function readHistory(dir: string): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  for await (const batch of readLogLines(dir)) {
    for (const text of batch) {
      const e = quickReview(text) ?? slowEntry(text);
      if (e) entries.push(e);
    }
  }
  return followMoves(entries);
}

/** What statistics keep of a full entry. */
export function slim(e: LogEntry): HistoryEntry {
  switch (e.kind) {
    case 'review': {
      const { id, card, rating, reviewedAt, durationMs, prev, via } = e;
      const before = prev && { state: prev.state, scheduledDays: prev.scheduledDays };
      return { kind: 'review', id, card, rating, reviewedAt, durationMs, prev: before, via };
    }
    case 'cram':
      return { kind: 'cram', card: e.card, at: e.at, durationMs: e.durationMs };
    case 'undo':
      return { kind: 'undo', card: e.card, undoes: e.undoes };
    case 'move':
      return { kind: 'move', card: e.card, to: e.to };
    default:
      return { kind: e.kind, card: e.card };
  }
}

function slowEntry(text: string): HistoryEntry | null {
  if (text.trim() === '') return null;
  const parsed = parseEntry(text);
  // Damaged lines are the store's to report (`recall doctor`); statistics skip them.
  return 'problem' in parsed ? null : slim(parsed);
}

const REVIEW_HEAD = '{"v":1,"id":"';
const STATES = new Set<string>(['New', 'Learning', 'Review', 'Relearning']);

/**
 * A review line exactly as this program writes it (JSON.stringify, fixed key order), read
 * without JSON.parse — most of a million-line read otherwise. Anything else (another key order,
 * a hand edit, an escaped character) returns null and goes through the full, validating parser.
 */
export function quickReview(text: string): HistoryEntry | null {
  if (!text.startsWith(REVIEW_HEAD) || text.includes('\\')) return null;
  const id = between(text, REVIEW_HEAD.length, '","kind":"review","card":"');
  if (!id) return null;
  const card = between(text, id.end, '","rating":');
  if (!card) return null;
  const rating = between(text, card.end, ',"reviewedAt":"');
  if (!rating) return null;
  const reviewedAt = between(text, rating.end, '","durationMs":');
  if (!reviewedAt) return null;
  const duration = between(text, reviewedAt.end, ',"state":"');
  if (!duration) return null;
  const r = Number(rating.value);
  const durationMs = Number(duration.value);
  if (!(r === 1 || r === 2 || r === 3 || r === 4) || !Number.isFinite(durationMs)) return null;
  if (Number.isNaN(Date.parse(reviewedAt.value))) return null;

  const p = text.lastIndexOf(',"prev":');
  if (p < 0) return null;
  let prev: { state: FsrsStateName; scheduledDays: number } | null = null;
  let tail = p + 8;
  if (text.startsWith('null', tail)) {
    tail += 4;
  } else {
    const close = text.indexOf('}', tail);
    const st = text.indexOf('"state":"', tail);
    const sd = text.indexOf('"scheduledDays":', tail);
    if (close < 0 || st < 0 || st > close || sd < 0 || sd > close) return null;
    const state = text.slice(st + 9, text.indexOf('"', st + 9));
    const schedEnd = text.indexOf(',', sd);
    const scheduledDays = Number(
      text.slice(sd + 16, schedEnd < 0 || schedEnd > close ? close : schedEnd),
    );
    if (!STATES.has(state) || !Number.isFinite(scheduledDays)) return null;
    prev = { state: state as FsrsStateName, scheduledDays };
    tail = close + 1;
  }
  const rest = text.slice(tail);
  const via =
    rest === '}'
      ? undefined
      : rest === ',"via":"cram"}'
        ? 'cram'
        : rest === ',"via":"review"}'
          ? 'review'
          : null;
  if (via === null) return null;
  return {
    kind: 'review',
    id: id.value,
    card: card.value,
    rating: r,
    reviewedAt: reviewedAt.value,
    durationMs,
    prev,
    via,
  };
}

/** The text from `from` up to `stop`, and where reading goes on after `stop`. */
function between(text: string, from: number, stop: string): { value: string; end: number } | null {
  if (from < 0) return null;
  const at = text.indexOf(stop, from);
  return at < 0 ? null : { value: text.slice(from, at), end: at + stop.length };
}

/** Pure: entries re-keyed through the moves that come after them (chains followed). */
export function followMoves(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const renamed = new Map<string, string>();
  const out: HistoryEntry[] = new Array(entries.length);
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
