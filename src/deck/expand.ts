/**
 * One validated YAML entry (a note) → the cards it asks: a basic card, its reverse, one card per
 * cloze gap, one per pair. Pure; parse.ts has already checked the rules these rely on.
 */

import type { AnswerRules } from '../core/answer-check.js';
import type { Card, CardCommon, ClozePart, SourcePos } from '../core/card.js';
import type { Mutable } from '../core/mutable.js';
import { cardKey, uniqueSlugs } from './identity.js';

/** The text of a note once validated and tidied, by kind. */
export type Note =
  | { readonly kind: 'basic'; readonly q: string; readonly a: string; readonly reverse: boolean }
  | { readonly kind: 'cloze'; readonly cloze: string }
  | {
      readonly kind: 'choice';
      readonly q: string;
      readonly choices: readonly string[];
      readonly answer: readonly string[];
    }
  | { readonly kind: 'typed'; readonly q: string; readonly typed: readonly string[] }
  | {
      readonly kind: 'pairs';
      readonly q?: string;
      readonly pairs: readonly (readonly [string, string])[];
    };

/** Where the note sits and what every card made from it shares. */
export type NoteContext = {
  readonly deckId: string;
  readonly noteId: string;
  readonly implicitId: boolean;
  /** The content-hash id an explicit-id note would have without its `id` (Card.formerNoteId). */
  readonly formerNoteId?: string;
  readonly tags: readonly string[];
  readonly group?: string;
  readonly explain?: string;
  /** What counts as the same answer. */
  readonly answers?: AnswerRules;
  readonly pos: SourcePos;
  readonly order: number;
  /** Position of each pair (pairs notes), for cards that point at their own line. */
  readonly pairPos?: readonly SourcePos[];
};

/** Shown above a pair's left side when the note has no `q`. */
export const DEFAULT_PAIR_PROMPT = 'What goes with this?';

/** The content that names an implicit note: its kind-defining fields, not tags or `explain`. */
export function identityContent(note: Note): unknown {
  switch (note.kind) {
    case 'basic':
      // `reverse` is left out so that making a card reversible keeps its forward progress.
      return { q: note.q, a: note.a };
    case 'cloze':
      return { cloze: note.cloze };
    case 'choice':
      return { q: note.q, choices: note.choices, answer: note.answer };
    case 'typed':
      return { q: note.q, typed: note.typed };
    case 'pairs':
      return { q: note.q, pairs: note.pairs };
  }
}

const GAP = /\{\{([\s\S]*?)\}\}/g;

/** `a {{b}} c {{d::hint}}` → text and numbered gaps (from 1, in text order). */
export function parseCloze(text: string): ClozePart[] {
  const parts: ClozePart[] = [];
  let last = 0;
  let index = 0;
  for (const m of text.matchAll(GAP)) {
    if (m.index > last) parts.push({ type: 'text', text: text.slice(last, m.index) });
    const inner = m[1]!;
    const sep = inner.indexOf('::');
    const answer = (sep === -1 ? inner : inner.slice(0, sep)).trim();
    const hint = sep === -1 ? '' : inner.slice(sep + 2).trim();
    index++;
    parts.push(
      hint ? { type: 'gap', index, text: answer, hint } : { type: 'gap', index, text: answer },
    );
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ type: 'text', text: text.slice(last) });
  return parts;
}

/** The cards a note expands to, in a fixed order (forward before reverse, gaps and pairs in order). */
export function expandNote(note: Note, ctx: NoteContext): Card[] {
  // Built by assignment, in the order the fields have always had (the deck cache's shapes):
  // conditional spreads took V8's slow path on every card of a cold parse.
  const common = (sub?: string, pos: SourcePos = ctx.pos): CardCommon => {
    const c = {
      key: cardKey(ctx.deckId, ctx.noteId, sub),
      deckId: ctx.deckId,
      noteId: ctx.noteId,
      implicitId: ctx.implicitId,
    } as Mutable<CardCommon>;
    if (ctx.formerNoteId !== undefined) c.formerNoteId = ctx.formerNoteId;
    c.tags = ctx.tags;
    if (ctx.group !== undefined) c.group = ctx.group;
    if (ctx.explain !== undefined) c.explain = ctx.explain;
    if (ctx.answers !== undefined) c.answers = ctx.answers;
    c.pos = pos;
    c.order = ctx.order;
    return c;
  };
  switch (note.kind) {
    case 'basic': {
      const forward: Card = Object.assign(common(), {
        kind: 'basic' as const,
        prompt: note.q,
        answer: note.a,
      });
      if (!note.reverse) return [forward];
      return [
        forward,
        Object.assign(common('reverse'), {
          kind: 'basic' as const,
          prompt: note.a,
          answer: note.q,
        }),
      ];
    }
    case 'cloze': {
      const parts = parseCloze(note.cloze);
      const gaps = parts.filter((p) => p.type === 'gap').length;
      return Array.from({ length: gaps }, (_, i) =>
        Object.assign(common(`c${i + 1}`), { kind: 'cloze' as const, parts, gap: i + 1 }),
      );
    }
    case 'choice':
      return [
        Object.assign(common(), {
          kind: 'choice' as const,
          prompt: note.q,
          choices: note.choices,
          correct: note.answer.map((a) => note.choices.indexOf(a)),
        }),
      ];
    case 'typed':
      return [
        Object.assign(common(), { kind: 'typed' as const, prompt: note.q, accepted: note.typed }),
      ];
    case 'pairs': {
      const subs = uniqueSlugs(note.pairs.map(([left]) => left));
      const rights = note.pairs.map(([, right]) => right);
      return note.pairs.map(([left, right], i) =>
        Object.assign(common(subs[i], ctx.pairPos?.[i] ?? ctx.pos), {
          kind: 'pair' as const,
          prompt: note.q ?? DEFAULT_PAIR_PROMPT,
          left,
          right,
          rights,
        }),
      );
    }
  }
}
