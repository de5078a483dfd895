/**
 * The review log as statistics read it: one row per review or cram answer, in columns of typed
 * arrays. Each row names its card by a slot whose key follows the moves that come after it, and
 * a review an undo cancels is marked. Columns hold a million rows in ~35 MB without the garbage
 * collector dominating a read, and go to the cache file as they are (history-cache.ts).
 */

import {
  type Columns,
  type History,
  ROW_CRAM,
  ROW_FIRST,
  ROW_PREV_REVIEW,
  ROW_UNDONE,
  ROW_VIA_CRAM,
} from '../core/history.js';
import type { FsrsStateName, Rating } from '../core/model.js';
import { idTime } from './ids.js';
import { instantIso, instantMs } from './instant.js';
import type { LogEntry } from './model.js';
import { parseEntry } from './validate.js';

/** A card's state as statistics need it: which FSRS state, and the interval. */
export type StateSummary = { readonly state: FsrsStateName; readonly scheduledDays: number };

/** What statistics keep of a log entry (the parser's output, and what tests write). */
export type HistoryEntry =
  | {
      readonly kind: 'review';
      readonly id: string;
      readonly card: string;
      readonly rating: Rating;
      readonly reviewedAt: string;
      readonly durationMs: number;
      /** The state it gave. */
      readonly state: FsrsStateName;
      readonly scheduledDays: number;
      /**
       * The state before it (null: the card was new). Absent (a compact v2 line): the card's
       * state as the entries before it left it, which the builder follows.
       */
      readonly prev?: StateSummary | null;
      readonly via?: 'review' | 'cram' | undefined;
    }
  | {
      readonly kind: 'cram';
      readonly id: string;
      readonly card: string;
      readonly at: string;
      readonly durationMs: number;
    }
  | {
      readonly kind: 'undo';
      readonly card: string;
      readonly undoes: string;
      readonly restore: StateSummary | null;
    }
  | { readonly kind: 'move'; readonly card: string; readonly to: string }
  /** A `set` that applies (one device's log: always; merged logs: replay says). */
  | { readonly kind: 'set'; readonly card: string; readonly srs: StateSummary | null }
  | {
      readonly kind: 'flag' | 'forget' | 'suspend' | 'unsuspend' | 'bury' | 'mark';
      readonly card: string;
    };

/**
 * Everything a builder holds, as plain data: what the cache stores. Column arrays may be longer
 * than `rows` (spare capacity); `ids` holds each row's entry id as UTF-8, row r's ending at
 * `idEnd[r]`, so an undo can find what it cancels.
 */
export type HistoryState = Columns & {
  readonly rows: number;
  readonly idEnd: Uint32Array;
  readonly ids: Uint8Array;
  /** Per slot: the key it was last given. Slots merged by a move point at their `parent`. */
  readonly slotKeys: readonly string[];
  readonly parent: Int32Array;
  /** Slots entries of their key go to now (a key moved away has none until it is used again). */
  readonly live: readonly number[];
  /** Undone ids no review has had yet. */
  readonly pending: readonly string[];
  /**
   * Per slot, its card's state as replay would have it (`slotStateCode`), and that state's
   * interval: the state before a compact review, whose line does not carry it.
   */
  readonly slotState: Uint8Array;
  readonly slotDays: Float32Array;
};

/** No progress; progress without a schedule (flagged, or undone to new); then FSRS states. */
const NO_PROGRESS = 0;
const UNSCHEDULED = 1;
const STATE_CODES: readonly FsrsStateName[] = ['New', 'Learning', 'Review', 'Relearning'];
const stateCode = (s: FsrsStateName): number => 2 + STATE_CODES.indexOf(s);

const EMPTY_ROWS = 1024;

/** Builds a history from log lines in order, from nothing or from a cached state. */
export class HistoryBuilder {
  #rows = 0;
  #slot: Int32Array;
  #at: Float64Array;
  #duration: Float32Array;
  #prevDays: Float32Array;
  #rating: Uint8Array;
  #flags: Uint8Array;
  #idEnd: Uint32Array;
  #ids: Buffer;
  #idBytes = 0;
  readonly #slotKeys: string[];
  #parent: Int32Array;
  #slotState: Uint8Array;
  #slotDays: Float32Array;
  /** Key → the slot its entries go to now; built on first use (a cache read may add nothing). */
  #currentMap: Map<string, number> | undefined;
  readonly #live: readonly number[];
  readonly #pending: Set<string>;

  /** `from`'s arrays are taken over, not copied: a cached state is used once. */
  constructor(from?: HistoryState) {
    this.#rows = from?.rows ?? 0;
    this.#slot = from?.slot ?? new Int32Array(EMPTY_ROWS);
    this.#at = from?.at ?? new Float64Array(EMPTY_ROWS);
    this.#duration = from?.durationMs ?? new Float32Array(EMPTY_ROWS);
    this.#prevDays = from?.prevScheduledDays ?? new Float32Array(EMPTY_ROWS);
    this.#rating = from?.rating ?? new Uint8Array(EMPTY_ROWS);
    this.#flags = from?.flags ?? new Uint8Array(EMPTY_ROWS);
    this.#idEnd = from?.idEnd ?? new Uint32Array(EMPTY_ROWS);
    this.#ids = from
      ? Buffer.from(from.ids.buffer, from.ids.byteOffset, from.ids.length)
      : Buffer.alloc(EMPTY_ROWS * 24);
    this.#idBytes = this.#rows > 0 ? this.#idEnd[this.#rows - 1]! : 0;
    this.#slotKeys = [...(from?.slotKeys ?? [])];
    this.#parent = from?.parent ?? new Int32Array(EMPTY_ROWS);
    this.#slotState = from?.slotState ?? new Uint8Array(EMPTY_ROWS);
    this.#slotDays = from?.slotDays ?? new Float32Array(EMPTY_ROWS);
    this.#live = from?.live ?? [];
    this.#pending = new Set(from?.pending);
  }

  get rows(): number {
    return this.#rows;
  }

  /** One log line. Lines that are blank or damaged are skipped: the store reports those. */
  line(text: string): void {
    const review = quickReview(text);
    if (review) {
      this.entry(review);
      return;
    }
    if (text.length === 0 || text.trim() === '') return;
    const parsed = parseEntry(text);
    if (!('problem' in parsed)) this.entry(slim(parsed));
  }

  entry(e: HistoryEntry): void {
    switch (e.kind) {
      case 'review': {
        const s = this.#slotOf(e.card);
        const prev = e.prev === undefined ? this.#stateOf(s) : e.prev;
        let flags = prev === null ? ROW_FIRST : prev.state === 'Review' ? ROW_PREV_REVIEW : 0;
        if (e.via === 'cram') flags |= ROW_VIA_CRAM;
        if (this.#pending.size > 0 && this.#pending.has(e.id)) flags |= ROW_UNDONE;
        const at = instantMs(e.reviewedAt);
        this.#push(s, at, e.durationMs, prev?.scheduledDays ?? 0, e.rating, flags, e.id);
        this.#setState(s, e);
        return;
      }
      case 'cram': {
        // Its id too: an undo may cancel a cram answer as well as a review.
        const undone = this.#pending.size > 0 && this.#pending.has(e.id) ? ROW_UNDONE : 0;
        this.#push(
          this.#slotOf(e.card),
          instantMs(e.at),
          e.durationMs,
          0,
          0,
          ROW_CRAM | undone,
          e.id,
        );
        return;
      }
      case 'undo':
        this.#undo(e.undoes);
        this.#setState(this.#slotOf(e.card), e.restore);
        return;
      case 'move':
        this.#move(e.card, e.to);
        return;
      case 'set':
        this.#setState(this.#slotOf(e.card), e.srs);
        return;
      case 'flag':
      case 'suspend':
      case 'unsuspend':
      case 'bury':
      case 'mark': {
        // Like a flag, these give a card without progress some (replay.ts): a move carries it.
        const s = this.#slotOf(e.card);
        if (this.#slotState[s] === NO_PROGRESS) this.#slotState[s] = UNSCHEDULED;
        return;
      }
      case 'forget': {
        const s = this.#current.get(e.card);
        if (s !== undefined) this.#slotState[s] = NO_PROGRESS;
        return;
      }
    }
  }

  /** The state slot `s`'s card has as replay would have it; null when it has no schedule. */
  #stateOf(s: number): StateSummary | null {
    const code = this.#slotState[s]!;
    if (code < 2) return null;
    return { state: STATE_CODES[code - 2]!, scheduledDays: this.#slotDays[s]! };
  }

  /** Slot `s`'s card now has `state` (null: progress, but no schedule). */
  #setState(s: number, state: StateSummary | null): void {
    this.#slotState[s] = state === null ? UNSCHEDULED : stateCode(state.state);
    this.#slotDays[s] = state?.scheduledDays ?? 0;
  }

  /** The history so far (views of the columns: valid until the next line is added). */
  history(): History {
    const keys = this.#slotKeys.map((_, s) => this.#slotKeys[this.#root(s)]!);
    return { rows: this.#rows, ...this.#columns(), keys };
  }

  state(): HistoryState {
    return {
      rows: this.#rows,
      ...this.#columns(),
      idEnd: this.#idEnd.subarray(0, this.#rows),
      ids: this.#ids.subarray(0, this.#idBytes),
      slotKeys: this.#slotKeys,
      parent: this.#parent.subarray(0, this.#slotKeys.length),
      slotState: this.#slotState.subarray(0, this.#slotKeys.length),
      slotDays: this.#slotDays.subarray(0, this.#slotKeys.length),
      live: this.#currentMap ? [...this.#currentMap.values()] : this.#live,
      pending: [...this.#pending],
    };
  }

  /** Views of the filled part of each column. */
  #columns(): Columns {
    const n = this.#rows;
    return {
      slot: this.#slot.subarray(0, n),
      at: this.#at.subarray(0, n),
      durationMs: this.#duration.subarray(0, n),
      prevScheduledDays: this.#prevDays.subarray(0, n),
      rating: this.#rating.subarray(0, n),
      flags: this.#flags.subarray(0, n),
    };
  }

  #push(
    slot: number,
    at: number,
    durationMs: number,
    prevDays: number,
    rating: number,
    flags: number,
    id: string,
  ): void {
    if (this.#rows >= this.#slot.length) this.#grow();
    const r = this.#rows++;
    this.#slot[r] = slot;
    this.#at[r] = at;
    this.#duration[r] = durationMs;
    this.#prevDays[r] = prevDays;
    this.#rating[r] = rating;
    this.#flags[r] = flags;
    if (id.length > 0) {
      if (this.#ids.length - this.#idBytes < id.length * 3) this.#growIds(id.length * 3);
      this.#idBytes += this.#ids.write(id, this.#idBytes, 'utf8');
    }
    this.#idEnd[r] = this.#idBytes;
  }

  get #current(): Map<string, number> {
    if (!this.#currentMap) {
      this.#currentMap = new Map(this.#live.map((s) => [this.#slotKeys[s]!, s]));
    }
    return this.#currentMap;
  }

  #slotOf(card: string): number {
    const s = this.#current.get(card);
    if (s !== undefined) return s;
    const fresh = this.#slotKeys.length;
    // A copy, not a slice of the read buffer's text, which would keep megabytes alive.
    const key = Buffer.from(card, 'utf8').toString('utf8');
    if (fresh >= this.#parent.length) {
      const cap = Math.max(EMPTY_ROWS, fresh * 2);
      this.#parent = grown(new Int32Array(cap), this.#parent, fresh);
      this.#slotState = grown(new Uint8Array(cap), this.#slotState, fresh);
      this.#slotDays = grown(new Float32Array(cap), this.#slotDays, fresh);
    }
    this.#slotKeys.push(key);
    this.#parent[fresh] = -1;
    this.#slotState[fresh] = NO_PROGRESS;
    this.#slotDays[fresh] = 0;
    this.#current.set(key, fresh);
    return fresh;
  }

  #root(s: number): number {
    let r = s;
    while (this.#parent[r]! >= 0) r = this.#parent[r]!;
    return r;
  }

  /**
   * `from`'s entries so far become `to`'s: its slot is renamed, or joins `to`'s slot if `to` has
   * entries of its own. Later entries for `from` start a new slot. Its progress, if it has any,
   * replaces `to`'s, as replay moves it (replay.ts `applyEntry`).
   */
  #move(from: string, to: string): void {
    const s = this.#current.get(from);
    if (s === undefined) return;
    if (from === to) {
      // Replay sets the progress where it is and then deletes the key it came from.
      this.#slotState[s] = NO_PROGRESS;
      return;
    }
    this.#current.delete(from);
    const t = this.#current.get(to);
    if (t === undefined) {
      this.#slotKeys[s] = to;
      this.#current.set(to, s);
    } else {
      this.#parent[s] = t;
      if (this.#slotState[s] !== NO_PROGRESS) {
        this.#slotState[t] = this.#slotState[s]!;
        this.#slotDays[t] = this.#slotDays[s]!;
      }
    }
  }

  /** Marks the review `id` undone; an undo is written after its review, so look from the end. */
  #undo(id: string): void {
    const row = this.#rowOfId(id);
    if (row >= 0) this.#flags[row]! |= ROW_UNDONE;
    else this.#pending.add(id);
  }

  #rowOfId(id: string): number {
    const needle = Buffer.from(id, 'utf8');
    const ids = this.#ids.subarray(0, this.#idBytes);
    for (let at = ids.lastIndexOf(needle); at >= 0; at = ids.lastIndexOf(needle, at - 1)) {
      const row = this.#firstRowEndingAt(at + needle.length);
      if (row >= 0 && (row === 0 ? 0 : this.#idEnd[row - 1]!) === at) return row;
      if (at === 0) break;
    }
    return -1;
  }

  /**
   * The first row whose id ends at byte `end` (-1 if none). `idEnd` never decreases; rows
   * without an id repeat the end before them, so the first is the id's owner.
   */
  #firstRowEndingAt(end: number): number {
    let lo = 0;
    let hi = this.#rows;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#idEnd[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.#rows && this.#idEnd[lo] === end ? lo : -1;
  }

  #grow(): void {
    const cap = Math.max(EMPTY_ROWS, this.#rows * 2);
    this.#slot = grown(new Int32Array(cap), this.#slot, this.#rows);
    this.#at = grown(new Float64Array(cap), this.#at, this.#rows);
    this.#duration = grown(new Float32Array(cap), this.#duration, this.#rows);
    this.#prevDays = grown(new Float32Array(cap), this.#prevDays, this.#rows);
    this.#rating = grown(new Uint8Array(cap), this.#rating, this.#rows);
    this.#flags = grown(new Uint8Array(cap), this.#flags, this.#rows);
    this.#idEnd = grown(new Uint32Array(cap), this.#idEnd, this.#rows);
  }

  #growIds(atLeast: number): void {
    const bigger = Buffer.alloc(Math.max(this.#ids.length * 2, this.#idBytes + atLeast));
    this.#ids.copy(bigger, 0, 0, this.#idBytes);
    this.#ids = bigger;
  }
}

/** `into` with the first `n` items of `from` copied in. */
function grown<T extends Int32Array | Float64Array | Float32Array | Uint8Array | Uint32Array>(
  into: T,
  from: T | undefined,
  n: number,
): T {
  if (from && n > 0) into.set(from.subarray(0, n) as never);
  return into;
}

/** Pure: the history of these entries, in order (what a log of them reads as). */
export function historyOf(entries: Iterable<HistoryEntry>): History {
  const b = new HistoryBuilder();
  for (const e of entries) b.entry(e);
  return b.history();
}

/** What statistics keep of a full entry. */
export function slim(e: LogEntry): HistoryEntry {
  switch (e.kind) {
    case 'review': {
      const { id, card, rating, reviewedAt, durationMs, state, scheduledDays, prev, via } = e;
      const out = {
        kind: 'review' as const,
        id,
        card,
        rating,
        reviewedAt,
        durationMs,
        state,
        scheduledDays,
        via,
      };
      return prev === undefined ? out : { ...out, prev: prev && summary(prev) };
    }
    case 'cram':
      return { kind: 'cram', id: e.id, card: e.card, at: e.at, durationMs: e.durationMs };
    case 'undo':
      return {
        kind: 'undo',
        card: e.card,
        undoes: e.undoes,
        restore: e.restore && summary(e.restore),
      };
    case 'move':
      return { kind: 'move', card: e.card, to: e.to };
    case 'set':
      return { kind: 'set', card: e.card, srs: e.srs && summary(e.srs) };
    default:
      return { kind: e.kind, card: e.card };
  }
}

const summary = (s: StateSummary): StateSummary => ({
  state: s.state,
  scheduledDays: s.scheduledDays,
});

const REVIEW_HEAD = '{"v":1,"id":"';
const STATES = new Set<string>(['New', 'Learning', 'Review', 'Relearning']);

/**
 * A review line exactly as this program writes it (JSON.stringify, fixed key order; v1 or v2),
 * read without JSON.parse — most of a million-line read otherwise. Anything else (another key
 * order, a hand edit, an escaped character) returns null and goes through the full, validating
 * parser.
 */
export function quickReview(text: string): HistoryEntry | null {
  if (text.includes('\\')) return null;
  if (text.startsWith(REVIEW_HEAD)) return quickFull(text);
  if (text.startsWith(COMPACT_HEAD)) return quickCompact(text);
  return null;
}

function quickFull(text: string): HistoryEntry | null {
  const id = between(text, REVIEW_HEAD.length, '","kind":"review","card":"');
  if (!id?.value) return null;
  const card = between(text, id.end, '","rating":');
  if (!card?.value) return null;
  const rating = between(text, card.end, ',"reviewedAt":"');
  if (!rating) return null;
  const reviewedAt = between(text, rating.end, '","durationMs":');
  if (!reviewedAt) return null;
  const duration = between(text, reviewedAt.end, ',"state":"');
  if (!duration) return null;
  const r = Number(rating.value);
  const durationMs = Number(duration.value);
  if (!(r === 1 || r === 2 || r === 3 || r === 4) || !Number.isFinite(durationMs)) return null;
  if (Number.isNaN(instantMs(reviewedAt.value))) return null;

  const p = text.lastIndexOf(',"prev":');
  if (p < 0) return null;
  const after = summaryIn(text, duration.end - 9, p);
  if (!after) return null;
  let prev: StateSummary | null = null;
  let tail = p + 8;
  if (text.startsWith('null', tail)) {
    tail += 4;
  } else {
    const close = text.indexOf('}', tail);
    if (close < 0) return null;
    prev = summaryIn(text, tail, close);
    if (!prev) return null;
    tail = close + 1;
  }
  const via = viaOf(text.slice(tail));
  if (via === null) return null;
  return {
    kind: 'review',
    id: id.value,
    card: card.value,
    rating: r,
    reviewedAt: reviewedAt.value,
    durationMs,
    ...after,
    prev,
    via,
  };
}

/** The `state` and `scheduledDays` of a state written in [from, to). */
function summaryIn(text: string, from: number, to: number): StateSummary | null {
  const st = text.indexOf('"state":"', from);
  const sd = text.indexOf('"scheduledDays":', from);
  if (st < 0 || st > to || sd < 0 || sd > to) return null;
  const state = text.slice(st + 9, text.indexOf('"', st + 9));
  const schedEnd = text.indexOf(',', sd);
  const scheduledDays = Number(text.slice(sd + 16, schedEnd < 0 || schedEnd > to ? to : schedEnd));
  if (!STATES.has(state) || !Number.isFinite(scheduledDays)) return null;
  return { state: state as FsrsStateName, scheduledDays };
}

/** A line's ending after its last field: no `via`, or one of its two values; null otherwise. */
function viaOf(rest: string): 'review' | 'cram' | undefined | null {
  if (rest === '}') return undefined;
  if (rest === ',"via":"cram"}') return 'cram';
  if (rest === ',"via":"review"}') return 'review';
  return null;
}

const COMPACT_HEAD = '{"v":2,"id":"';

/** A v2 review line (store/line.ts `compactLine`), which carries no state before it. */
function quickCompact(text: string): HistoryEntry | null {
  const id = between(text, COMPACT_HEAD.length, '","kind":"review","card":"');
  if (!id?.value) return null;
  const card = between(text, id.end, '","rating":');
  if (!card?.value) return null;
  const rating = between(text, card.end, ',"ms":');
  if (!rating) return null;
  const duration = between(text, rating.end, ',"on":"');
  if (!duration) return null;
  const on = between(text, duration.end, '","state":"');
  if (!on) return null;
  const state = between(text, on.end, '","due":');
  if (!state || !STATES.has(state.value)) return null;
  // Due, stability and difficulty are not statistics' business: on to the interval.
  const memory = between(text, state.end, ',"days":');
  if (!memory) return null;
  const days = between(text, memory.end, ',"step":');
  if (!days) return null;
  const lapses = between(text, days.end, ',"lapses":');
  if (!lapses) return null;
  const r = Number(rating.value);
  const durationMs = Number(duration.value);
  const scheduledDays = Number(days.value);
  if (!(r === 1 || r === 2 || r === 3 || r === 4) || !Number.isFinite(durationMs)) return null;
  if (!Number.isFinite(scheduledDays)) return null;
  let tail = lapses.end;
  while (tail < text.length && text.charCodeAt(tail) >= 48 && text.charCodeAt(tail) <= 57) tail++;
  let reviewedAt: string;
  if (text.startsWith(',"at":"', tail)) {
    const at = between(text, tail + 7, '"');
    if (!at || Number.isNaN(instantMs(at.value))) return null;
    reviewedAt = at.value;
    tail = at.end;
  } else {
    const t = idTime(id.value);
    if (Number.isNaN(t)) return null;
    reviewedAt = instantIso(t);
  }
  const via = viaOf(text.slice(tail));
  if (via === null) return null;
  return {
    kind: 'review',
    id: id.value,
    card: card.value,
    rating: r,
    reviewedAt,
    durationMs,
    state: state.value as FsrsStateName,
    scheduledDays,
    via,
  };
}

/** The text from `from` up to `stop`, and where reading goes on after `stop`. */
function between(text: string, from: number, stop: string): { value: string; end: number } | null {
  if (from < 0) return null;
  const at = text.indexOf(stop, from);
  return at < 0 ? null : { value: text.slice(from, at), end: at + stop.length };
}
