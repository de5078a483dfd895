/**
 * recall's cards and history → an Anki package (`recall export --anki`): a legacy schema-11
 * `collection.anki2` in a zip, the shape every Anki version imports. Facts from Anki's rslib
 * (storage/schema11.sql; notetype, deck and deck-config schema11.rs for the keys `col` must
 * hold), written here from scratch.
 *
 * - One Anki note per recall note: a basic card (and its reverse) is a Basic note, a cloze one
 *   Cloze note with a card per gap, a typed card a type-in note, a choice card a Basic note
 *   whose front lists the choices; each pair of a pairs note is a Basic note of its own (Anki
 *   has no such kind). The note's guid is `recall:` + its progress key without the card part,
 *   which `recall import` reads back to give each card the key it had (anki-notes.ts).
 * - Card states use the v1 scheduler's numbers (a relearning card is type 2 in queue 1), which
 *   every version reads; FSRS memory goes into `cards.data` as Anki's FSRS keeps it.
 * - Reviews become revlog rows typed by the state the card was in (learn, review, relearn);
 *   cram answers that left the schedule alone become type 3 (filtered) rows with no ease
 *   factor, which is how Anki logs cramming without rescheduling, and which its FSRS ignores.
 * - Card and deck ids are derived from recall's keys (hashes in Anki's millisecond range), so
 *   exporting again gives the same cards and decks; Anki matches notes by guid, so it updates
 *   instead of duplicating. Note ids count up in deck order, the order importers (recall's
 *   too) read notes in.
 */
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import type { Card, ClozePart } from '../core/card.js';
import type { CardProgress, SrsState } from '../core/model.js';
import type { CardReview } from '../store/card-reviews.js';
import { flagOfMark, markCustomData } from './anki-flags.js';
import { sqlite } from './sqlite.js';

export type ExportDeck = {
  readonly id: string;
  /** The Anki deck name: folders and the deck's name joined by `::`. */
  readonly ankiName: string;
  readonly description?: string;
  readonly cards: readonly Card[];
};

export type ExportInput = {
  readonly decks: readonly ExportDeck[];
  readonly progress: (key: string) => CardProgress | undefined;
  readonly reviews: ReadonlyMap<string, readonly CardReview[]>;
  /** Epoch ms: the collection's clock (creation day, modification times, buried cards). */
  readonly now: number;
};

export type ExportSummary = {
  readonly decks: number;
  readonly notes: number;
  readonly cards: number;
  readonly reviews: number;
  readonly cram: number;
  readonly suspended: number;
};

export type ExportedPackage = { readonly bytes: Uint8Array; readonly summary: ExportSummary };

const DAY_MS = 86_400_000;
/** The guid prefix that names a recall note (read back by anki-notes.ts `recallGuid`). */
export const GUID_PREFIX = 'recall:';

/** Note type ids: fixed, so a second export's notes join the note types of the first. */
const MODEL = {
  basic: 1_500_000_000_001,
  reversed: 1_500_000_000_002,
  cloze: 1_500_000_000_003,
  typed: 1_500_000_000_004,
};

const EXPLANATION = '{{#Explanation}}<br><br>{{Explanation}}{{/Explanation}}';
const CSS =
  '.card {\n font-family: arial;\n font-size: 20px;\n text-align: center;\n color: black;\n background-color: white;\n}\n';

type ModelSpec = {
  readonly id: number;
  readonly name: string;
  readonly cloze: boolean;
  readonly fields: readonly string[];
  readonly templates: readonly { name: string; qfmt: string; afmt: string }[];
};

export const NOTE_TYPES: readonly ModelSpec[] = [
  {
    id: MODEL.basic,
    name: 'Basic (recall)',
    cloze: false,
    fields: ['Front', 'Back', 'Explanation'],
    templates: [
      {
        name: 'Card 1',
        qfmt: '{{Front}}',
        afmt: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}${EXPLANATION}`,
      },
    ],
  },
  {
    id: MODEL.reversed,
    name: 'Basic and reversed (recall)',
    cloze: false,
    fields: ['Front', 'Back', 'Explanation'],
    templates: [
      {
        name: 'Card 1',
        qfmt: '{{Front}}',
        afmt: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}${EXPLANATION}`,
      },
      {
        name: 'Card 2',
        qfmt: '{{Back}}',
        afmt: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}${EXPLANATION}`,
      },
    ],
  },
  {
    id: MODEL.cloze,
    name: 'Cloze (recall)',
    cloze: true,
    fields: ['Text', 'Back Extra'],
    templates: [
      { name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' },
    ],
  },
  {
    id: MODEL.typed,
    name: 'Type in the answer (recall)',
    cloze: false,
    fields: ['Front', 'Back', 'Explanation'],
    templates: [
      {
        name: 'Card 1',
        qfmt: '{{Front}}\n\n{{type:Back}}',
        afmt: `{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}${EXPLANATION}`,
      },
    ],
  },
];

/** One Anki note to write: its fields (HTML), and its cards by template ordinal. */
type NoteRow = {
  readonly guid: string;
  readonly model: number;
  readonly fields: readonly string[];
  readonly tags: readonly string[];
  readonly cards: readonly { readonly ord: number; readonly card: Card }[];
};

/** Plain card text as field HTML: markup characters escaped, line breaks as `<br>`. */
export function fieldHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, '<br>');
}

const letter = (i: number) => String.fromCharCode(65 + i);

function clozeText(parts: readonly ClozePart[]): string {
  return parts
    .map((p) => {
      if (p.type === 'text') return fieldHtml(p.text);
      const hint = p.hint === undefined ? '' : `::${clozeSafe(p.hint)}`;
      return `{{c${p.index}::${clozeSafe(p.text)}${hint}}}`;
    })
    .join('');
}

/** A gap's text inside `{{c1::…}}`: `}}` and `::` would end or split the deletion. */
const clozeSafe = (text: string) => fieldHtml(text).replace(/\}\}/g, '} }').replace(/::/g, ': :');

/** Anki's tags are space-separated words. */
const ankiTag = (tag: string) => tag.trim().replace(/\s+/g, '_');

/** The recall notes of a deck as Anki notes, in deck order. */
export function notesOf(deck: ExportDeck): NoteRow[] {
  const byNote = new Map<string, Card[]>();
  for (const card of deck.cards) {
    const id = card.kind === 'pair' ? card.key : `${card.deckId}/${card.noteId}`;
    const list = byNote.get(id);
    if (list === undefined) byNote.set(id, [card]);
    else list.push(card);
  }
  const out: NoteRow[] = [];
  for (const [id, cards] of byNote) {
    const first = cards[0]!;
    const explain = fieldHtml(first.explain ?? '');
    const tags = [...new Set(first.tags.map(ankiTag).filter(Boolean))];
    const guid = `${GUID_PREFIX}${id}`;
    switch (first.kind) {
      case 'basic': {
        const forward = cards.find((c) => c.key === `${c.deckId}/${c.noteId}`) ?? first;
        const reverse = cards.find((c) => c.key.endsWith(':reverse'));
        if (forward.kind !== 'basic') break;
        out.push({
          guid,
          model: reverse ? MODEL.reversed : MODEL.basic,
          fields: [fieldHtml(forward.prompt), fieldHtml(forward.answer), explain],
          tags,
          cards: reverse
            ? [
                { ord: 0, card: forward },
                { ord: 1, card: reverse },
              ]
            : [{ ord: 0, card: forward }],
        });
        break;
      }
      case 'cloze':
        out.push({
          guid,
          model: MODEL.cloze,
          fields: [clozeText(first.parts), explain],
          tags,
          cards: cards.map((c) => ({ ord: c.kind === 'cloze' ? c.gap - 1 : 0, card: c })),
        });
        break;
      case 'typed': {
        const [answer = '', ...others] = first.accepted;
        const also = others.length > 0 ? `Also accepted: ${others.map(fieldHtml).join(', ')}` : '';
        out.push({
          guid,
          model: MODEL.typed,
          fields: [
            fieldHtml(first.prompt),
            fieldHtml(answer),
            [also, explain].filter(Boolean).join('<br><br>'),
          ],
          tags,
          cards: [{ ord: 0, card: first }],
        });
        break;
      }
      case 'choice': {
        const list = first.choices.map((c, i) => `${letter(i)}. ${fieldHtml(c)}`).join('<br>');
        const right = first.correct.map(
          (i) => `${letter(i)}. ${fieldHtml(first.choices[i] ?? '')}`,
        );
        out.push({
          guid,
          model: MODEL.basic,
          fields: [`${fieldHtml(first.prompt)}<br><br>${list}`, right.join('<br>'), explain],
          tags,
          cards: [{ ord: 0, card: first }],
        });
        break;
      }
      case 'pair':
        out.push({
          guid,
          model: MODEL.basic,
          fields: [
            `${fieldHtml(first.prompt)}<br><br>${fieldHtml(first.left)}`,
            fieldHtml(first.right),
            explain,
          ],
          tags,
          cards: [{ ord: 0, card: first }],
        });
        break;
    }
  }
  return out;
}

/** A stable id in Anki's range (epoch ms, 2001–2033) from a text, unique within `taken`. */
function stableId(text: string, taken: Set<number>): number {
  const h = createHash('sha1').update(text).digest();
  let id = 1_000_000_000_000 + (h.readUIntBE(0, 6) % 1_000_000_000_000);
  while (taken.has(id)) id++;
  taken.add(id);
  return id;
}

/** Anki's first-field checksum: the first 8 hex digits of sha1 of the field's text. */
function checksum(text: string): number {
  return Number.parseInt(createHash('sha1').update(text).digest('hex').slice(0, 8), 16);
}

const stripHtml = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();

/** An interval as revlog holds it: days when a day or more, else negative seconds to its due. */
function revlogIvl(s: SrsState | null, from: number | undefined): number {
  if (s === null || s.state === 'New') return 0;
  if (s.scheduledDays >= 1) return Math.round(s.scheduledDays);
  return from === undefined ? 0 : -Math.max(1, Math.round((s.due - from) / 1000));
}

/** revlog.type of a review: the state the card was answered in. */
function revlogType(before: SrsState | null): number {
  if (before === null || before.state === 'New' || before.state === 'Learning') return 0;
  return before.state === 'Review' ? 1 : 2;
}

/** A card's columns for the v1 scheduler, which every Anki reads. */
function cardColumns(p: CardProgress | undefined, crt: number, now: number, position: number) {
  const s = p?.srs ?? null;
  const dayOf = (ms: number) => Math.round((ms - crt * 1000) / DAY_MS);
  let type = 0;
  let queue = 0;
  let due = position;
  let ivl = 0;
  let left = 0;
  if (s !== null && s.state !== 'New') {
    ivl = Math.max(0, Math.round(s.scheduledDays));
    if (s.state === 'Review') {
      type = 2;
      queue = 2;
      due = dayOf(s.due);
      ivl = Math.max(1, ivl);
    } else {
      type = s.state === 'Learning' ? 1 : 2;
      left = 1001;
      if (s.scheduledDays >= 1) {
        queue = 3;
        due = dayOf(s.due);
      } else {
        queue = 1;
        due = Math.floor(s.due / 1000);
      }
    }
  }
  if (p?.suspended) queue = -1;
  else if (p?.buriedUntil !== undefined && p.buriedUntil > now) queue = -2;
  const custom = markCustomData(p?.mark);
  const memory =
    s === null || s.state === 'New'
      ? {}
      : {
          s: round(s.stability, 4),
          d: round(s.difficulty, 3),
          ...(s.lastReview === undefined ? {} : { lrt: Math.floor(s.lastReview / 1000) }),
        };
  const data =
    custom === undefined && !('s' in memory)
      ? ''
      : JSON.stringify(custom === undefined ? memory : { ...memory, cd: custom });
  return {
    type,
    queue,
    due,
    ivl,
    factor: type === 0 ? 0 : 2500,
    reps: s?.reps ?? 0,
    lapses: s?.lapses ?? 0,
    left,
    flags: flagOfMark(p?.mark),
    data,
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function deckJson(id: number, name: string, desc: string, mod: number) {
  return {
    id,
    mod,
    name,
    usn: -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc,
    dyn: 0,
    conf: 1,
    extendNew: 0,
    extendRev: 0,
  };
}

function modelJson(m: ModelSpec, mod: number) {
  return {
    id: m.id,
    name: m.name,
    type: m.cloze ? 1 : 0,
    mod,
    usn: -1,
    sortf: 0,
    did: null,
    tmpls: m.templates.map((t, ord) => ({
      name: t.name,
      ord,
      qfmt: t.qfmt,
      afmt: t.afmt,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0,
    })),
    flds: m.fields.map((name, ord) => ({
      name,
      ord,
      sticky: false,
      rtl: false,
      font: 'Arial',
      size: 20,
      media: [],
    })),
    css: CSS,
    latexPre:
      '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    latexsvg: false,
    // Which fields a template needs to make a card (old Anki versions read it): Front for card 1,
    // Back for card 2; a cloze note's cards come from its deletions.
    req: m.cloze
      ? [[0, 'any', [0]]]
      : m.templates.map((_, ord) => [ord, 'any', [ord === 1 ? 1 : 0]]),
    tags: [],
    vers: [],
  };
}

const DECK_CONFIG = {
  id: 1,
  mod: 0,
  name: 'Default',
  usn: -1,
  maxTaken: 60,
  autoplay: true,
  timer: 0,
  replayq: true,
  dyn: false,
  new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
  rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
  lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
};

export async function buildAnkiPackage(input: ExportInput): Promise<ExportedPackage> {
  const { now } = input;
  const mod = Math.floor(now / 1000);
  let first = now;
  for (const list of input.reviews.values()) for (const r of list) first = Math.min(first, r.at);
  // The collection's day 0: review cards' due days count from it.
  const crt = Math.floor(first / DAY_MS) * 86_400;

  const deckIds = new Set<number>([1]);
  const decks: Record<string, unknown> = { 1: deckJson(1, 'Default', '', mod) };
  const deckIdOf = new Map<string, number>([['Default', 1]]);
  const ensureDeck = (name: string, desc: string): number => {
    const known = deckIdOf.get(name);
    if (known !== undefined) return known;
    const parent = name.lastIndexOf('::');
    if (parent > 0) ensureDeck(name.slice(0, parent), '');
    const id = stableId(`deck:${name}`, deckIds);
    deckIdOf.set(name, id);
    decks[id] = deckJson(id, name, desc, mod);
    return id;
  };

  const SQL = await sqlite();
  const db = new SQL.Database();
  try {
    db.exec(SCHEMA);
    const cardIds = new Set<number>();
    const insertNote = db.prepare('INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)');
    const insertCard = db.prepare('INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
    const insertRev = db.prepare('INSERT INTO revlog VALUES (?,?,?,?,?,?,?,?,?)');
    const revlog: {
      at: number;
      cid: number;
      ease: number;
      ivl: number;
      lastIvl: number;
      factor: number;
      time: number;
      type: number;
    }[] = [];
    let notes = 0;
    let cards = 0;
    let suspended = 0;
    let reviews = 0;
    let cram = 0;
    let position = 0;
    const all = input.decks.map((deck) => ({ deck, notes: notesOf(deck) }));
    const firstNote = Math.floor(now) - all.reduce((n, d) => n + d.notes.length, 0);
    db.exec('BEGIN');
    for (const { deck, notes: deckNotes } of all) {
      const did = ensureDeck(deck.ankiName, fieldHtml(deck.description ?? ''));
      for (const note of deckNotes) {
        const nid = firstNote + position;
        const sort = stripHtml(note.fields[0] ?? '');
        insertNote.run([
          nid,
          note.guid,
          note.model,
          mod,
          -1,
          note.tags.length > 0 ? ` ${note.tags.join(' ')} ` : '',
          note.fields.join('\x1f'),
          sort,
          checksum(sort),
          0,
          '',
        ]);
        notes++;
        position++;
        for (const { ord, card } of note.cards) {
          const cid = stableId(`card:${card.key}`, cardIds);
          const p = input.progress(card.key);
          const c = cardColumns(p, crt, now, position);
          if (c.queue === -1) suspended++;
          insertCard.run([
            cid,
            nid,
            did,
            ord,
            mod,
            -1,
            c.type,
            c.queue,
            c.due,
            c.ivl,
            c.factor,
            c.reps,
            c.lapses,
            c.left,
            0,
            0,
            c.flags,
            c.data,
          ]);
          cards++;
          for (const r of input.reviews.get(card.key) ?? []) {
            const time = Math.min(2_147_483_647, Math.max(0, Math.round(r.durationMs)));
            if (r.kind === 'cram') {
              cram++;
              revlog.push({
                at: r.at,
                cid,
                ease: r.rating,
                ivl: 0,
                lastIvl: 0,
                factor: 0,
                time,
                type: 3,
              });
              continue;
            }
            reviews++;
            revlog.push({
              at: r.at,
              cid,
              ease: r.rating,
              ivl: revlogIvl(r.after, r.at),
              lastIvl: revlogIvl(r.before, r.before?.lastReview),
              factor: 2500,
              time,
              type: revlogType(r.before),
            });
          }
        }
      }
    }
    // revlog ids are the answer times in ms and must be unique: answers in the same millisecond
    // (two devices, or an import) move on by a millisecond each, keeping their order.
    revlog.sort((a, b) => a.at - b.at);
    let last = -1;
    for (const r of revlog) {
      const id = Math.max(Math.round(r.at), last + 1);
      last = id;
      insertRev.run([id, r.cid, -1, r.ease, r.ivl, r.lastIvl, r.factor, r.time, r.type]);
    }
    insertNote.free();
    insertCard.free();
    insertRev.free();
    const models: Record<string, unknown> = {};
    for (const m of NOTE_TYPES) models[m.id] = modelJson(m, mod);
    const conf = {
      activeDecks: [1],
      curDeck: 1,
      newSpread: 0,
      collapseTime: 1200,
      timeLim: 0,
      estTimes: true,
      dueCounts: true,
      curModel: MODEL.basic,
      nextPos: position + 1,
      sortType: 'noteFld',
      sortBackwards: false,
      addToCur: true,
    };
    db.run(
      'UPDATE col SET crt = ?, mod = ?, scm = ?, ver = 11, conf = ?, models = ?, decks = ?, dconf = ?, tags = ?',
      [
        crt,
        now,
        now,
        JSON.stringify(conf),
        JSON.stringify(models),
        JSON.stringify(decks),
        JSON.stringify({ 1: { ...DECK_CONFIG, mod } }),
        '{}',
      ],
    );
    db.exec('COMMIT');
    const collection = db.export();
    const bytes = zipSync({
      'collection.anki2': collection,
      media: new TextEncoder().encode('{}'),
    });
    return {
      bytes,
      summary: { decks: input.decks.length, notes, cards, reviews, cram, suspended },
    };
  } finally {
    db.close();
  }
}

/** Anki's schema 11 (rslib storage/schema11.sql), with the one `col` row filled in above. */
const SCHEMA = `
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
  scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
  ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
  dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
  sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
  ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
  queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
  reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,
  odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,
  ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL,
  time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
INSERT INTO col VALUES (1,0,0,0,11,0,0,0,'{}','{}','{}','{}','{}');
`;
