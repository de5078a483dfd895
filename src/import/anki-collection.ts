/**
 * An Anki collection database → plain data. Two layouts: schema 11 (note types and decks as
 * JSON in `col`) and schema 15+ (tables `notetypes`, `fields`, `templates`, `decks`, with
 * protobuf configs; deck names joined by \x1f). Read from Anki's rslib storage code.
 */
import type { Database } from 'sql.js';
import { BadInput } from './bad-input.js';
import { fields as protoFields, stringField, varintField } from './protobuf.js';
import { rows } from './sqlite.js';

export type AnkiTemplate = {
  readonly name: string;
  readonly ord: number;
  readonly qfmt: string;
  readonly afmt: string;
};

export type AnkiNoteType = {
  readonly id: number;
  readonly name: string;
  readonly cloze: boolean;
  readonly fields: readonly string[];
  readonly templates: readonly AnkiTemplate[];
};

export type AnkiNote = {
  readonly id: number;
  /** Anki's global id; `recall:deck/note` for a note `recall export --anki` wrote. */
  readonly guid: string;
  readonly mid: number;
  readonly tags: readonly string[];
  readonly fields: readonly string[];
};

export type AnkiCard = {
  readonly id: number;
  readonly nid: number;
  /** The card's home deck (its original deck while it sits in a filtered deck). */
  readonly did: number;
  readonly ord: number;
  /** 0 new · 1 learning · 2 review · 3 relearning. */
  readonly type: number;
  /** -1 suspended · -2/-3 buried; else as type. */
  readonly queue: number;
  readonly due: number;
  readonly ivl: number;
  readonly factor: number;
  readonly reps: number;
  readonly lapses: number;
  /** The card's flag in the low 3 bits (anki-flags.ts). */
  readonly flags: number;
  readonly data: string;
};

/** One review log row: times in ms (its id), ease 0–4, type 0 learn … 5 rescheduled. */
export type RevlogRow = {
  readonly id: number;
  readonly cid: number;
  readonly ease: number;
  readonly ivl: number;
  readonly lastIvl: number;
  readonly factor: number;
  readonly time: number;
  readonly type: number;
};

export type AnkiCollection = {
  /** When the collection was created (epoch s): the day review cards' `due` counts from. */
  readonly crt: number;
  readonly noteTypes: ReadonlyMap<number, AnkiNoteType>;
  /** Deck id → full name, levels joined by `::`. */
  readonly decks: ReadonlyMap<number, string>;
  readonly notes: readonly AnkiNote[];
  readonly cards: readonly AnkiCard[];
  /** Sorted by card, then time. */
  readonly revlog: readonly RevlogRow[];
};

type Obj = Record<string, unknown>;

export function readCollection(db: Database, what: string): AnkiCollection {
  const col = rows<{ crt: number; models: string; decks: string }>(
    db,
    'SELECT crt, models, decks FROM col',
    what,
  )[0];
  if (col === undefined)
    throw new BadInput(`${what} has no collection record (not an Anki collection)`);
  const tables = new Set(
    rows<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table'", what).map(
      (r) => r.name,
    ),
  );
  const modern = tables.has('notetypes');
  return {
    crt: Number(col.crt),
    noteTypes: modern ? noteTypesFromTables(db, what) : noteTypesFromJson(col.models, what),
    decks: modern ? decksFromTable(db, what) : decksFromJson(col.decks, what),
    notes: rows<{ id: number; guid: string; mid: number; tags: string; flds: string }>(
      db,
      'SELECT id, guid, mid, tags, flds FROM notes ORDER BY id',
      what,
    ).map((n) => ({
      id: n.id,
      guid: String(n.guid ?? ''),
      mid: n.mid,
      tags: String(n.tags).split(/\s+/).filter(Boolean),
      fields: String(n.flds).split('\x1f'),
    })),
    cards: rows<AnkiCard & { odid: number }>(
      db,
      'SELECT id, nid, did, odid, ord, type, queue, due, ivl, factor, reps, lapses, flags, data FROM cards ORDER BY nid, ord',
      what,
    ).map(({ odid, ...c }) => ({
      ...c,
      did: odid || c.did,
      flags: Number(c.flags) || 0,
      data: String(c.data ?? ''),
    })),
    revlog: rows<RevlogRow>(
      db,
      'SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY cid, id',
      what,
    ),
  };
}

function json(text: string, what: string): Obj {
  try {
    const v: unknown = JSON.parse(text);
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  } catch {
    // reported below
  }
  throw new BadInput(`${what} is damaged (its note types or decks are not JSON)`);
}

const list = (v: unknown): Obj[] =>
  Array.isArray(v) ? v.filter((x): x is Obj => x !== null && typeof x === 'object') : [];

function noteTypesFromJson(text: string, what: string): Map<number, AnkiNoteType> {
  const out = new Map<number, AnkiNoteType>();
  for (const m of Object.values(json(text, what))) {
    if (m === null || typeof m !== 'object') continue;
    const o = m as Obj;
    const id = Number(o.id);
    const byOrd = (a: Obj, b: Obj) => Number(a.ord) - Number(b.ord);
    out.set(id, {
      id,
      name: String(o.name ?? ''),
      cloze: Number(o.type) === 1,
      fields: list(o.flds)
        .sort(byOrd)
        .map((f) => String(f.name ?? '')),
      templates: list(o.tmpls)
        .sort(byOrd)
        .map((t) => ({
          name: String(t.name ?? ''),
          ord: Number(t.ord),
          qfmt: String(t.qfmt ?? ''),
          afmt: String(t.afmt ?? ''),
        })),
    });
  }
  return out;
}

function decksFromJson(text: string, what: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const d of Object.values(json(text, what))) {
    if (d === null || typeof d !== 'object') continue;
    out.set(Number((d as Obj).id), String((d as Obj).name ?? ''));
  }
  return out;
}

/** Notetype.Config: field 1 is the kind (0 normal, 1 cloze). Template.Config: 1 question, 2 answer. */
function noteTypesFromTables(db: Database, what: string): Map<number, AnkiNoteType> {
  const fieldsOf = new Map<number, string[]>();
  for (const f of rows<{ ntid: number; name: string }>(
    db,
    'SELECT ntid, name FROM fields ORDER BY ntid, ord',
    what,
  )) {
    fieldsOf.set(f.ntid, [...(fieldsOf.get(f.ntid) ?? []), String(f.name)]);
  }
  const templatesOf = new Map<number, AnkiTemplate[]>();
  for (const t of rows<{ ntid: number; ord: number; name: string; config: Uint8Array }>(
    db,
    'SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord',
    what,
  )) {
    const config = protoFields(t.config, what);
    templatesOf.set(t.ntid, [
      ...(templatesOf.get(t.ntid) ?? []),
      {
        name: String(t.name),
        ord: t.ord,
        qfmt: stringField(config, 1),
        afmt: stringField(config, 2),
      },
    ]);
  }
  const out = new Map<number, AnkiNoteType>();
  for (const n of rows<{ id: number; name: string; config: Uint8Array }>(
    db,
    'SELECT id, name, config FROM notetypes',
    what,
  )) {
    out.set(n.id, {
      id: n.id,
      name: String(n.name),
      cloze: varintField(protoFields(n.config, what), 1) === 1,
      fields: fieldsOf.get(n.id) ?? [],
      templates: templatesOf.get(n.id) ?? [],
    });
  }
  return out;
}

function decksFromTable(db: Database, what: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const d of rows<{ id: number; name: string }>(db, 'SELECT id, name FROM decks', what)) {
    out.set(d.id, String(d.name).split('\x1f').join('::'));
  }
  return out;
}
