/**
 * Card identity: the progress keys. Everything here is pure and stable across versions —
 * changing any output changes users' progress keys, so treat it as a file format.
 *   key      = `${deckId}/${noteId}` or `${deckId}/${noteId}:${sub}` for an expanded card
 *   noteId   = the entry's explicit `id`, else `h-` + 10 hex of sha256(normalised content)
 *   sub      = `reverse` | `c${gap}` | slug(pair left) (deduplicated with -2, -3 …)
 * `lint --fix` uses `slug` (text/slug.ts) and `contentHash` to derive readable ids.
 */
import { createHash } from 'node:crypto';
import { slug } from '../text/slug.js';
import { collapseWhitespace } from '../text/whitespace.js';

/** Card ids: what an explicit `id` may look like (no `/` or `:`, which keys use). */
export const CARD_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Slugs for a list of texts, unique within the list: a repeat gets `-2`, `-3` … in order, and
 * a text with no letters or digits becomes `item-N` (its 1-based position).
 */
export function uniqueSlugs(texts: readonly string[]): string[] {
  const used = new Set<string>();
  return texts.map((text, i) => {
    const base = slug(text) || `item-${i + 1}`;
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}`;
    used.add(candidate);
    return candidate;
  });
}

/**
 * JSON with object keys sorted at every level and strings whitespace-collapsed. Keys sort by
 * UTF-16 code units (`sort()`'s order). Written as appends, not maps and joins: every card of
 * a cold parse goes through it (`contentHash`).
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(collapseWhitespace(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i === 0 ? '' : ','}${canonicalJson(value[i])}`;
    return `${out}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let out = '{';
    for (const key of Object.keys(record).sort()) {
      const v = record[key];
      if (v === undefined) continue;
      out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value ?? null);
}

/** `h-` + the first 10 hex digits of sha256 over `canonicalJson(content)`. */
export function contentHash(content: unknown): string {
  return `h-${createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 10)}`;
}

/** The progress key of a card: `deck/note` or `deck/note:sub`. */
export function cardKey(deckId: string, noteId: string, sub?: string): string {
  return sub === undefined ? `${deckId}/${noteId}` : `${deckId}/${noteId}:${sub}`;
}
