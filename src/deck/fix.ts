/**
 * `recall lint --fix`: gives every card without an `id` a readable, stable one, derived from
 * its content. The file is edited as text at offsets the YAML parser reports, so everything
 * else in it — comments, key order, quoting, blank lines, line endings — stays byte for byte.
 * Pure: text in, text out; the command does the reading and (atomic) writing.
 */
import { isAlias, isMap, isScalar, isSeq, parse, parseDocument } from 'yaml';
import type { Card } from '../core/card.js';
import { slug } from '../text/slug.js';
import { DEFAULT_PAIR_PROMPT } from './expand.js';
import { cardKey } from './identity.js';
import { parseDeck } from './parse.js';

/** Ids are cut at a word boundary near this length: long enough to read, short to type. */
export const FIX_ID_MAX = 40;

export type AddedId = {
  /** Where the inserted `id` key is in the fixed text (1-based, as editors count). */
  readonly line: number;
  readonly col: number;
  readonly id: string;
  /**
   * Progress keys of the card's expanded cards before (content hash) and after (the id). An
   * exact copy of another card has no old keys: their shared one goes to the first.
   */
  readonly oldKeys: string[];
  readonly newKeys: string[];
};

/** A card left without an id, where it is in the fixed text, and why. */
export type NotFixed = { readonly line: number; readonly col: number; readonly reason: string };

export type FixResult = {
  readonly text: string;
  readonly added: AddedId[];
  /** Cards that still have no id: an anchored card, an alias of one. */
  readonly notFixed: NotFixed[];
};

/** Thrown when inserting ids would not give the same deck back (a layout we cannot edit). */
export class FixError extends Error {}

/**
 * Inserts `id: <slug>` as the first key of every valid card that has no `id`. A file with YAML
 * syntax errors, or no usable deck, comes back unchanged. Throws `FixError` rather than return
 * a text whose cards differ from the input's in anything but their ids.
 */
export function fixIds(text: string, file: string): FixResult {
  // An exact copy of an id-less card is dropped as its duplicate, so it only shows up to be
  // fixed once the first has an id: fix again until no card is left without one.
  const first = fixPass(text, file);
  let result = first;
  const added = [...first.added];
  while (result.added.length > 0) {
    result = fixPass(result.text, file);
    // The copy shared the first card's content key, whose progress went to the first.
    const moved = new Set(added.flatMap((a) => a.oldKeys));
    for (const a of result.added) {
      added.push(a.oldKeys.some((k) => moved.has(k)) ? { ...a, oldKeys: [] } : a);
    }
  }
  const fixed = result.text;
  const notFixed = unfixable(fixed, file);
  if (added.length === first.added.length) return { ...first, notFixed };
  const at = idKeyOffsets(fixed, new Set(added.map((a) => a.id)));
  const positions = linePositions(fixed, [...at.values()]);
  const where = new Map([...at.keys()].map((id, i) => [id, positions[i]!]));
  const placed = added.map((a) => ({ ...a, ...where.get(a.id)! }));
  return {
    text: fixed,
    added: placed.sort((a, b) => a.line - b.line || a.col - b.col),
    notFixed,
  };
}

/**
 * The id-less cards `fixPass` leaves alone, said rather than skipped in silence: an id written
 * into an anchored card would repeat wherever it is aliased, and an alias has no keys to write.
 */
function unfixable(text: string, file: string): NotFixed[] {
  const parsed = parseDeck(text, file);
  if (!parsed.deck) return [];
  const orders = new Set(parsed.deck.cards.filter((c) => c.implicitId).map((c) => c.order));
  const cards = parseDocument(text).get('cards', true);
  if (orders.size === 0 || !isSeq(cards)) return [];
  const found: { offset: number; reason: string }[] = [];
  for (const order of orders) {
    const item = cards.items[order];
    const offset = (item as { range?: [number, number, number] } | undefined)?.range?.[0];
    if (offset === undefined) continue;
    if (isAlias(item)) {
      found.push({
        offset,
        reason: `not fixed: the card is an alias (*${item.source}) of another; write it out with its own \`id\``,
      });
    } else if (isMap(item) && item.anchor) {
      found.push({
        offset,
        reason: `not fixed: the card has an anchor (&${item.anchor}), so an id written there would repeat wherever it is aliased; add an \`id\` by hand`,
      });
    }
  }
  found.sort((a, b) => a.offset - b.offset);
  const at = linePositions(
    text,
    found.map((f) => f.offset),
  );
  return found.map((f, i) => ({ ...at[i]!, reason: f.reason }));
}

/** Where the `id` key of each card whose id is in `ids` starts, in document order. */
function idKeyOffsets(text: string, ids: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  const cards = parseDocument(text).get('cards', true);
  if (!isSeq(cards)) return out;
  for (const item of cards.items) {
    if (!isMap(item)) continue;
    const pair = item.items.find((p) => isScalar(p.key) && p.key.value === 'id');
    const value = isScalar(pair?.value) ? String(pair.value.value) : undefined;
    if (value !== undefined && ids.has(value) && isScalar(pair?.key) && pair.key.range) {
      out.set(value, pair.key.range[0]);
    }
  }
  return out;
}

/** One pass of `fixIds`: ids for the id-less cards the parser sees now. */
function fixPass(text: string, file: string): FixResult {
  const before = parseDeck(text, file);
  if (!before.deck || before.problems.some((p) => p.rule === 'yaml-syntax')) {
    return { text, added: [], notFixed: [] };
  }
  const implicit = groupByOrder(before.deck.cards.filter((c) => c.implicitId));
  if (implicit.size === 0) return { text, added: [], notFixed: [] };

  const doc = parseDocument(text, { uniqueKeys: true });
  const cards = doc.get('cards', true);
  if (!isSeq(cards)) return { text, added: [], notFixed: [] };

  const used = new Set(explicitIds(cards.items));
  const edits: { offset: number; insert: string; id: string; order: number }[] = [];
  for (const [order, group] of implicit) {
    const item = cards.items[order];
    // An anchored card may be reused by an alias: an id there would be a duplicate.
    if (!isMap(item) || item.anchor || item.items.length === 0) continue;
    const firstKey = item.items[0]?.key;
    if (!isScalar(firstKey) || !firstKey.range) continue;
    const id = uniqueId(readableId(group[0]!) || `card-${order + 1}`, used);
    used.add(id);
    const offset = firstKey.range[0];
    const value = asPlainScalar(id);
    const insert = item.flow
      ? `id: ${value}, `
      : `id: ${value}${eolAt(text, offset)}${indentAt(text, offset)}`;
    edits.push({ offset, insert, id, order });
  }
  if (edits.length === 0) return { text, added: [], notFixed: [] };

  edits.sort((a, b) => a.offset - b.offset);
  let out = '';
  let last = 0;
  const inserted: { at: number; edit: (typeof edits)[number] }[] = [];
  for (const edit of edits) {
    out += text.slice(last, edit.offset);
    inserted.push({ at: out.length, edit });
    out += edit.insert;
    last = edit.offset;
  }
  out += text.slice(last);

  const after = parseDeck(out, file);
  // Fewer errors is possible: an exact duplicate of a card that now has an id is no longer
  // "the same card" (it gets its own id in the next pass).
  const errors = (problems: typeof before.problems) =>
    problems.filter((p) => p.severity === 'error').length;
  if (!after.deck || errors(after.problems) > errors(before.problems)) {
    throw new FixError('inserting ids would change how the deck reads; add them by hand');
  }
  const afterCards = groupByOrder(after.deck.cards);
  const positions = linePositions(
    out,
    inserted.map((i) => i.at),
  );
  const added: AddedId[] = inserted.map(({ edit }, n) => {
    const old = implicit.get(edit.order) ?? [];
    const now = afterCards.get(edit.order) ?? [];
    const same =
      now.length === old.length &&
      now.every(
        (c, i) =>
          !c.implicitId &&
          c.noteId === edit.id &&
          c.kind === old[i]?.kind &&
          old[i] !== undefined &&
          subOf(c) === subOf(old[i]),
      );
    if (!same) {
      throw new FixError(`inserting id \`${edit.id}\` would change the card; add it by hand`);
    }
    return {
      ...positions[n]!,
      id: edit.id,
      oldKeys: old.map((c) => c.key),
      newKeys: now.map((c) => c.key),
    };
  });
  return { text: out, added, notFixed: [] };
}

/** The text an id is made from: what the card asks, as a person would name it. */
function identityText(card: Card): string {
  switch (card.kind) {
    case 'basic':
    case 'choice':
    case 'typed':
      return card.prompt;
    case 'cloze':
      return card.parts.map((p) => p.text).join('');
    case 'pair':
      // The note's `q` names all its pairs; its first left side names one of them.
      return card.prompt === DEFAULT_PAIR_PROMPT ? card.left : card.prompt;
  }
}

/** A slug of the card's text, cut at a word boundary near `FIX_ID_MAX`; may be ''. */
export function readableId(card: Card): string {
  // A code fence's language tag (```bash) is not part of what the card asks.
  const full = slug(identityText(card).replace(/```[\w+-]*/g, ' '), Number.POSITIVE_INFINITY);
  if (full.length <= FIX_ID_MAX) return full;
  const head = full.slice(0, FIX_ID_MAX + 1);
  const dash = head.lastIndexOf('-');
  const cut = (dash >= FIX_ID_MAX / 2 ? head.slice(0, dash) : full.slice(0, FIX_ID_MAX)).replace(
    /-+$/,
    '',
  );
  // `…-a-run-of-an` reads as cut off; `…-a-run` does not.
  const words = cut.split('-');
  while (words.length > 3 && DANGLING.has(words[words.length - 1]!)) words.pop();
  return words.join('-');
}

/** Words a cut id should not end on. */
const DANGLING = new Set(
  'a an the of to in on at for and or by with from is are was be that this as if'.split(' '),
);

function uniqueId(base: string, used: ReadonlySet<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Ids already written in the file, valid or not, so a new id never repeats one. */
function explicitIds(items: readonly unknown[]): string[] {
  return items.flatMap((item) => {
    if (!isMap(item)) return [];
    const id = item.get('id', true);
    if (!isScalar(id) || id.value === null) return [];
    return [id.type === 'PLAIN' && typeof id.source === 'string' ? id.source : String(id.value)];
  });
}

/**
 * `deck/note:sub` → `:sub` ('' for a card that is its note's only one). Cut after the note's
 * own key, not at the first `:`: a deck id from a file name (`notes:v2.yaml`) may have one.
 */
function subOf(card: Card): string {
  return card.key.slice(cardKey(card.deckId, card.noteId).length);
}

function groupByOrder(cards: readonly Card[]): Map<number, Card[]> {
  const groups = new Map<number, Card[]>();
  for (const card of cards) {
    const group = groups.get(card.order);
    if (group) group.push(card);
    else groups.set(card.order, [card]);
  }
  return groups;
}

/** `null` or `123` would not read back as text: quote those. */
function asPlainScalar(id: string): string {
  return typeof parse(id) === 'string' ? id : `'${id}'`;
}

/** The line ending of the line at `offset` (the file's first one if that line has none). */
function eolAt(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.includes('\r\n') ? '\r\n' : '\n';
  return text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** Spaces up to `offset` on its line: `  - q:` → the 4 spaces that line `q` up. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset).replace(/^\uFEFF/, '');
  return /^[ \t]*$/.test(prefix) ? prefix : ' '.repeat(prefix.length);
}

/** 1-based line and column of each offset (ascending), in one pass over the text. */
function linePositions(text: string, offsets: readonly number[]): { line: number; col: number }[] {
  let line = 1;
  let lineStart = 0;
  return offsets.map((offset) => {
    for (let nl = text.indexOf('\n', lineStart); nl !== -1 && nl < offset; ) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', lineStart);
    }
    const col = text.slice(lineStart, offset).replace(/^\uFEFF/, '').length + 1;
    return { line, col };
  });
}
