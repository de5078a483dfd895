/**
 * Anki notes → recall deck entries, each Anki card mapped to the recall card that asks it.
 * Every card is rendered from its own template (template.ts), never by field position; the
 * stock shapes then become recall's kinds: one template → basic, a second template that is the
 * first's mirror → `reverse: true`, `{{type:…}}` → typed, a plain `{{cloze:…}}` template whose
 * deletions are each used once → cloze. Anything else (a custom note type's third template, a
 * `{{c1::…}}` used twice) stays one basic card per Anki card, rendered as Anki shows it.
 *
 * Ids come from Anki's: note 1700000000123 is `n1700000000123`; its second template's card,
 * when not a mirror, `n1700000000123-2`; cloze 3 rendered on its own, `n1700000000123-c3`.
 */

import { CARD_ID_PATTERN } from '../deck/identity.js';
import type { AnkiCard, AnkiCollection, AnkiNote, AnkiNoteType } from './anki-collection.js';
import { htmlToText } from './html.js';
import { clozeNumbers, parseTemplate, type RenderContext, render } from './template.js';

export type Entry =
  | { readonly id: string; readonly q: string; readonly a: string; readonly reverse?: true }
  | { readonly id: string; readonly cloze: string }
  | { readonly id: string; readonly q: string; readonly typed: readonly string[] };

export type EntryMeta = {
  readonly tags: readonly string[];
  readonly explain?: string;
};

/** An entry with what each of its Anki cards became: the card id → the sub-key (or none). */
export type Converted = {
  readonly entry: Entry & EntryMeta;
  readonly cards: ReadonlyMap<number, string | undefined>;
};

export type ConvertedDeck = {
  readonly ankiDeckId: number;
  /**
   * The recall deck every note of this deck came from, when `recall export --anki` wrote them
   * all (their guids say so): the import then gives the deck that id again.
   */
  recallDeckId?: string | undefined;
  /** Anki's full name, `Spanish::Basics`. */
  readonly name: string;
  readonly entries: Converted[];
};

export type Conversion = {
  readonly decks: ConvertedDeck[];
  /** Cards whose question renders empty (Anki would not have shown them). */
  readonly emptyCards: number;
  /** Notes whose cards sit in several decks: all of them went to the first card's deck. */
  readonly splitNotes: number;
  /** Notes whose note type is missing from the package. */
  readonly orphanNotes: number;
  /** Media files the cards refer to. */
  readonly media: ReadonlySet<string>;
};

const ANSWER_RULE = /<hr[^>]*id\s*=\s*["']?answer["']?[^>]*>/i;

export function convertNotes(col: AnkiCollection): Conversion {
  const cardsOf = new Map<number, AnkiCard[]>();
  for (const c of col.cards) cardsOf.set(c.nid, [...(cardsOf.get(c.nid) ?? []), c]);
  const decks = new Map<number, ConvertedDeck>();
  const media = new Set<string>();
  let emptyCards = 0;
  let splitNotes = 0;
  let orphanNotes = 0;
  for (const note of col.notes) {
    const cards = (cardsOf.get(note.id) ?? []).slice().sort((a, b) => a.ord - b.ord);
    if (cards.length === 0) continue;
    const nt = col.noteTypes.get(note.mid);
    if (nt === undefined) {
      orphanNotes++;
      continue;
    }
    const did = cards[0]!.did;
    if (cards.some((c) => c.did !== did)) splitNotes++;
    const deckName = col.decks.get(did) ?? 'Default';
    const recall = recallGuid(note.guid);
    let deck = decks.get(did);
    if (deck === undefined) {
      deck = { ankiDeckId: did, name: deckName, entries: [], recallDeckId: recall?.deckId };
      decks.set(did, deck);
    } else if (deck.recallDeckId !== recall?.deckId) deck.recallDeckId = undefined;
    const result = convertNote(note, nt, cards, deckName, recall?.noteId);
    emptyCards += result.empty;
    deck.entries.push(...result.entries);
    for (const f of note.fields) for (const name of mediaNames(f)) media.add(name);
  }
  return { decks: [...decks.values()], emptyCards, splitNotes, orphanNotes, media };
}

/** File names a field refers to: `<img src>` and `[sound:…]`. */
export function mediaNames(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    out.push((m[1] ?? m[2] ?? m[3])!);
  }
  for (const m of html.matchAll(/\[sound:([^\]]+)\]/g)) out.push(m[1]!.trim());
  return out.filter((n) => n !== '' && !/^[a-z]+:/i.test(n));
}

type NoteResult = { entries: Converted[]; empty: number };

/**
 * The recall deck and note a guid names (`recall:deck/note`, or `recall:deck/note:sub` for one
 * pair of a pairs note, written by anki-export.ts), when it is one: a package is untrusted, so
 * each part must be what recall could have written. A pair comes back as a basic card with the
 * id `note-sub` (recall import writes no pairs notes).
 */
export function recallGuid(guid: string): { deckId: string; noteId: string } | undefined {
  const m = /^recall:([^/:]+)\/([^/:]+)(?::([^/:]+))?$/.exec(guid);
  if (!m) return undefined;
  const [, deckId, note, sub] = m;
  const noteId = sub === undefined ? note! : `${note}-${sub}`;
  if (!CARD_ID_PATTERN.test(deckId!) || !CARD_ID_PATTERN.test(noteId)) return undefined;
  return { deckId: deckId!, noteId };
}

function contextOf(note: AnkiNote, nt: AnkiNoteType, deck: string, ord: number): RenderContext {
  const fields = new Map<string, string>();
  nt.fields.forEach((name, i) => {
    fields.set(name, note.fields[i] ?? '');
  });
  const template = nt.cloze ? nt.templates[0] : nt.templates.find((t) => t.ord === ord);
  return { fields, tags: note.tags, noteType: nt.name, deck, template: template?.name ?? '', ord };
}

/** A card's question and answer as Anki renders them; the answer without the question above it. */
function renderCard(note: AnkiNote, nt: AnkiNoteType, card: AnkiCard, deck: string) {
  const template = nt.cloze ? nt.templates[0] : nt.templates.find((t) => t.ord === card.ord);
  if (template === undefined) return undefined;
  const ctx = contextOf(note, nt, deck, card.ord);
  const q = render(template.qfmt, ctx, 'question');
  const full = render(template.afmt, ctx, 'answer', q);
  const rule = ANSWER_RULE.exec(full);
  let a = rule ? full.slice(rule.index + rule[0].length) : full;
  if (!rule && full.startsWith(q)) a = full.slice(q.length);
  return { q: htmlToText(q), a: htmlToText(a), template };
}

function convertNote(
  given: AnkiNote,
  nt: AnkiNoteType,
  cards: readonly AnkiCard[],
  deck: string,
  /** The recall note id its guid names: the entry keeps it, so its cards keep their keys. */
  recallId?: string,
): NoteResult {
  const base = recallId ?? `n${given.id}`;
  const tags = given.tags;
  // A recall note keeps its explanation in a field of its own (anki-export.ts): it becomes the
  // entry's explanation again, not part of the answer it is rendered under.
  const at = recallId === undefined ? -1 : nt.fields.indexOf('Explanation');
  const explained = at < 0 ? '' : htmlToText(given.fields[at] ?? '');
  const note =
    at < 0 ? given : { ...given, fields: given.fields.map((f, i) => (i === at ? '' : f)) };
  const extra = explained === '' ? {} : { explain: explained };
  if (nt.cloze) {
    const cloze = asRecallCloze(note, nt, cards, deck, base);
    if (cloze) return { entries: [cloze], empty: 0 };
  }
  const rendered = cards.map((card) => ({ card, r: renderCard(note, nt, card, deck) }));
  let empty = 0;
  const live = rendered.filter(({ r }) => {
    const ok = r !== undefined && r.q !== '';
    if (!ok) empty++;
    return ok;
  });
  const entries: Converted[] = [];
  const first = live[0];
  const second = live[1];
  let rest = live;
  if (!nt.cloze && first && first.card.ord === 0) {
    const typedField = typedFieldOf(first.r!.template.qfmt);
    const ctx = contextOf(note, nt, deck, 0);
    if (typedField !== undefined && ctx.fields.has(typedField)) {
      const answer = htmlToText(ctx.fields.get(typedField)!, { plain: true });
      const explain = first.r!.a === answer || first.r!.a === '' ? undefined : first.r!.a;
      if (answer !== '') {
        entries.push({
          entry: {
            id: base,
            q: first.r!.q,
            typed: [answer],
            tags,
            ...(explain ? { explain } : extra),
          },
          cards: new Map([[first.card.id, undefined]]),
        });
        rest = live.slice(1);
      }
    }
    if (rest === live) {
      const mirror =
        second !== undefined &&
        second.card.ord === 1 &&
        second.r!.q === first.r!.a &&
        second.r!.a === first.r!.q;
      entries.push({
        entry: {
          id: base,
          q: first.r!.q,
          a: first.r!.a,
          ...(mirror ? { reverse: true } : {}),
          tags,
          ...extra,
        },
        cards: new Map([
          [first.card.id, undefined],
          ...(mirror ? [[second!.card.id, 'reverse'] as const] : []),
        ]),
      });
      rest = live.slice(mirror ? 2 : 1);
    }
  }
  for (const { card, r } of rest) {
    const id = nt.cloze ? `${base}-c${card.ord + 1}` : `${base}-${card.ord + 1}`;
    entries.push({ entry: { id, q: r!.q, a: r!.a, tags }, cards: new Map([[card.id, undefined]]) });
  }
  return { entries, empty };
}

/** The field a template's `{{type:Field}}` asks for (not `type:cloze:`, which is a cloze). */
function typedFieldOf(qfmt: string): string | undefined {
  for (const node of parseTemplate(qfmt)) {
    if (node.kind === 'field' && node.filters.length === 1 && node.filters[0] === 'type') {
      return node.name;
    }
  }
  return undefined;
}

const CLOZE_SOURCE = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;

/**
 * A cloze note as one recall cloze, when that asks exactly what Anki asks: the template is
 * `{{cloze:Field}}` and nothing else on the question, and each cloze number is used once (recall
 * asks one gap per card; Anki hides every deletion of the number). recall numbers gaps in text
 * order, so the Anki card of cloze N maps to the gap at N's place in the text.
 */
function asRecallCloze(
  note: AnkiNote,
  nt: AnkiNoteType,
  cards: readonly AnkiCard[],
  deck: string,
  id: string,
): Converted | undefined {
  const template = nt.templates[0];
  if (template === undefined) return undefined;
  const m = /^\s*\{\{\s*cloze:([^}]+?)\s*\}\}\s*$/.exec(template.qfmt);
  if (!m) return undefined;
  const fieldName = m[1]!;
  const ctx = contextOf(note, nt, deck, 0);
  const source = ctx.fields.get(fieldName);
  if (source === undefined) return undefined;
  const uses = [...source.matchAll(CLOZE_SOURCE)].map((x) => Number(x[1]));
  if (uses.length === 0 || new Set(uses).size !== uses.length) return undefined;
  const order = clozeNumbers(source);
  let broken = false;
  const text = htmlToText(source).replace(
    /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g,
    (_, _n, answer: string, hint?: string) => {
      if (answer.trim() === '' || /\{\{|\}\}/.test(answer + (hint ?? ''))) broken = true;
      return hint ? `{{${answer}::${hint}}}` : `{{${answer}}}`;
    },
  );
  // A nested or malformed deletion, or literal braces that recall would read as a gap.
  if (broken || text.split('{{').length - 1 !== uses.length) return undefined;
  const afmt = template.afmt.replace(/\{\{\s*cloze:[^}]+\}\}/g, '');
  const explain = htmlToText(render(afmt, ctx, 'answer', ''));
  const map = new Map<number, string | undefined>();
  for (const card of cards) {
    const at = order.indexOf(card.ord + 1);
    if (at >= 0) map.set(card.id, `c${at + 1}`);
  }
  return {
    entry: { id, cloze: text, tags: note.tags, ...(explain ? { explain } : {}) },
    cards: map,
  };
}
