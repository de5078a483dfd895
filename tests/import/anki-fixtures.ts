/**
 * Anki packages built in code, following Anki's schema (rslib storage): schema 11 with note
 * types and decks as JSON in `col`, or schema 18 with `notetypes`/`fields`/`templates`/`decks`
 * tables, protobuf configs and `COLLATE unicase` (written as nocase, then renamed in the schema
 * text: sql.js cannot create what it cannot compare). zstd frames are written as raw blocks:
 * valid zstd that any decoder reads, with no compressor needed.
 */
import { zipSync } from 'fflate';
import { sqlite } from '../../src/import/sqlite.js';

export type FixtureNoteType = {
  readonly id: number;
  readonly name: string;
  readonly cloze?: boolean;
  readonly fields: readonly string[];
  readonly templates: readonly { name: string; qfmt: string; afmt: string }[];
};

export type FixtureCard = {
  readonly id: number;
  readonly nid: number;
  readonly did: number;
  readonly ord: number;
  readonly type?: number;
  readonly queue?: number;
  readonly due?: number;
  readonly ivl?: number;
  readonly factor?: number;
  readonly reps?: number;
  readonly lapses?: number;
  readonly odid?: number;
  /** Anki's card flag in the low 3 bits (1 red … 7 purple). */
  readonly flags?: number;
  readonly data?: string;
};

export type FixtureRevlog = {
  readonly id: number;
  readonly cid: number;
  readonly ease: number;
  readonly ivl?: number;
  readonly lastIvl?: number;
  readonly factor?: number;
  readonly time?: number;
  readonly type: number;
};

export type FixtureCollection = {
  readonly crt?: number;
  readonly noteTypes: readonly FixtureNoteType[];
  readonly decks: readonly { id: number; name: string }[];
  readonly notes: readonly { id: number; mid: number; fields: readonly string[]; tags?: string }[];
  readonly cards: readonly FixtureCard[];
  readonly revlog?: readonly FixtureRevlog[];
};

export const BASIC: FixtureNoteType = {
  id: 1001,
  name: 'Basic',
  fields: ['Front', 'Back'],
  templates: [
    { name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' },
  ],
};
export const REVERSED: FixtureNoteType = {
  id: 1002,
  name: 'Basic (and reversed card)',
  fields: ['Front', 'Back'],
  templates: [
    BASIC.templates[0]!,
    { name: 'Card 2', qfmt: '{{Back}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}' },
  ],
};
export const OPTIONAL_REVERSED: FixtureNoteType = {
  id: 1003,
  name: 'Basic (optional reversed card)',
  fields: ['Front', 'Back', 'Add Reverse'],
  templates: [
    BASIC.templates[0]!,
    {
      name: 'Card 2',
      qfmt: '{{#Add Reverse}}{{Back}}{{/Add Reverse}}',
      afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}',
    },
  ],
};
export const TYPED: FixtureNoteType = {
  id: 1004,
  name: 'Basic (type in the answer)',
  fields: ['Front', 'Back'],
  templates: [
    {
      name: 'Card 1',
      qfmt: '{{Front}}\n\n{{type:Back}}',
      afmt: '{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}',
    },
  ],
};
export const CLOZE: FixtureNoteType = {
  id: 1005,
  name: 'Cloze',
  cloze: true,
  fields: ['Text', 'Back Extra'],
  templates: [
    { name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' },
  ],
};
/** A custom note type with three templates, one of them conditional. */
export const VOCAB: FixtureNoteType = {
  id: 1006,
  name: 'Vocab',
  fields: ['Word', 'Meaning', 'Example'],
  templates: [
    { name: 'Recognition', qfmt: '{{Word}}', afmt: '{{FrontSide}}<hr id=answer>{{Meaning}}' },
    {
      name: 'Production',
      qfmt: 'Say: {{Meaning}}',
      afmt: '{{FrontSide}}<hr id=answer>{{Word}}{{#Example}}<br><i>{{Example}}</i>{{/Example}}',
    },
    {
      name: 'Usage',
      qfmt: '{{#Example}}Use <b>{{Word}}</b> in a sentence ({{text:Meaning}}){{/Example}}',
      afmt: '{{FrontSide}}<hr id=answer>{{Example}}',
    },
  ],
};

const SCHEMA_11 = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
`;

const SCHEMA_18_EXTRA = `
CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL COLLATE nocase, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);
CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);
CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE nocase, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE nocase, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE nocase, mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);
CREATE UNIQUE INDEX idx_decks_name ON decks (name);
`;

/** Protobuf: a varint field and a length-delimited one. */
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
export function protoVarint(no: number, value: number): number[] {
  return [...varint(no * 8), ...varint(value)];
}
export function protoBytes(no: number, value: Uint8Array | string): number[] {
  const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  return [...varint(no * 8 + 2), ...varint(bytes.length), ...bytes];
}

/** A zstd frame of raw (stored) blocks. */
export function zstdRaw(data: Uint8Array): Uint8Array {
  const BLOCK = 128 * 1024;
  const blocks = Math.max(1, Math.ceil(data.length / BLOCK));
  const out = new Uint8Array(13 + blocks * 3 + data.length);
  out.set([0x28, 0xb5, 0x2f, 0xfd, 0xe0]);
  new DataView(out.buffer).setBigUint64(5, BigInt(data.length), true);
  let at = 13;
  for (let b = 0; b < blocks; b++) {
    const chunk = data.subarray(b * BLOCK, (b + 1) * BLOCK);
    // Block header: last-block bit, type 0 (raw), size.
    const h = (b === blocks - 1 ? 1 : 0) | (chunk.length << 3);
    out.set([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], at);
    out.set(chunk, at + 3);
    at += 3 + chunk.length;
  }
  return out;
}

export async function buildCollection(
  spec: FixtureCollection,
  schema: 11 | 18,
): Promise<Uint8Array> {
  const SQL = await sqlite();
  const db = new SQL.Database();
  db.run(SCHEMA_11);
  const models: Record<string, unknown> = {};
  const decks: Record<string, unknown> = {};
  if (schema === 11) {
    for (const nt of spec.noteTypes) {
      models[nt.id] = {
        id: nt.id,
        name: nt.name,
        type: nt.cloze ? 1 : 0,
        flds: nt.fields.map((name, ord) => ({ name, ord })),
        tmpls: nt.templates.map((t, ord) => ({ ...t, ord })),
      };
    }
    for (const d of spec.decks) decks[d.id] = { id: d.id, name: d.name, dyn: 0 };
  }
  db.run('INSERT INTO col VALUES (1, ?, 0, 0, ?, 0, 0, 0, ?, ?, ?, ?, ?)', [
    spec.crt ?? 1_600_000_000,
    schema,
    '{}',
    JSON.stringify(models),
    JSON.stringify(decks),
    '{}',
    '{}',
  ]);
  if (schema === 18) {
    db.run(SCHEMA_18_EXTRA);
    for (const nt of spec.noteTypes) {
      db.run('INSERT INTO notetypes VALUES (?, ?, 0, 0, ?)', [
        nt.id,
        nt.name,
        Uint8Array.from([...protoVarint(1, nt.cloze ? 1 : 0), ...protoBytes(3, '.card {}')]),
      ]);
      nt.fields.forEach((name, ord) => {
        db.run('INSERT INTO fields VALUES (?, ?, ?, ?)', [nt.id, ord, name, new Uint8Array()]);
      });
      nt.templates.forEach((t, ord) => {
        db.run('INSERT INTO templates VALUES (?, ?, ?, 0, 0, ?)', [
          nt.id,
          ord,
          t.name,
          Uint8Array.from([...protoBytes(1, t.qfmt), ...protoBytes(2, t.afmt)]),
        ]);
      });
    }
    for (const d of spec.decks) {
      db.run('INSERT INTO decks VALUES (?, ?, 0, 0, ?, ?)', [
        d.id,
        d.name.split('::').join('\x1f'),
        new Uint8Array(),
        Uint8Array.from(protoBytes(1, new Uint8Array())),
      ]);
    }
  }
  // One transaction and one prepared statement per table: the benchmark's 200k rows took 18 s
  // as separate statements.
  db.run('BEGIN');
  const insert = (sql: string) => {
    const stmt = db.prepare(sql);
    return {
      run: (values: (number | string)[]) => {
        stmt.run(values);
      },
      free: () => stmt.free(),
    };
  };
  const noteRow = insert('INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, ?, 0, 0, ?)');
  for (const n of spec.notes) {
    noteRow.run([
      n.id,
      `g${n.id}`,
      n.mid,
      n.tags ?? '',
      n.fields.join('\x1f'),
      n.fields[0] ?? '',
      '',
    ]);
  }
  noteRow.free();
  const cardRow = insert(
    'INSERT INTO cards VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)',
  );
  for (const c of spec.cards) {
    cardRow.run([
      c.id,
      c.nid,
      c.did,
      c.ord,
      c.type ?? 0,
      c.queue ?? c.type ?? 0,
      c.due ?? 0,
      c.ivl ?? 0,
      c.factor ?? 0,
      c.reps ?? 0,
      c.lapses ?? 0,
      c.odid ?? 0,
      c.flags ?? 0,
      c.data ?? '',
    ]);
  }
  cardRow.free();
  const revlogRow = insert('INSERT INTO revlog VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)');
  for (const r of spec.revlog ?? []) {
    revlogRow.run([
      r.id,
      r.cid,
      r.ease,
      r.ivl ?? 0,
      r.lastIvl ?? 0,
      r.factor ?? 0,
      r.time ?? 5000,
      r.type,
    ]);
  }
  revlogRow.free();
  db.run('COMMIT');
  if (schema === 18) {
    db.run('PRAGMA writable_schema = ON');
    db.run("UPDATE sqlite_master SET sql = replace(sql, 'COLLATE nocase', 'COLLATE unicase')");
    db.run('PRAGMA writable_schema = OFF');
  }
  const bytes = db.export();
  db.close();
  return bytes;
}

/** The "please update Anki" collection that current packages carry beside the real one. */
const DUMMY: FixtureCollection = {
  noteTypes: [BASIC],
  decks: [{ id: 1, name: 'Default' }],
  notes: [{ id: 1, mid: BASIC.id, fields: ['Please update to the latest Anki version', ''] }],
  cards: [{ id: 1, nid: 1, did: 1, ord: 0 }],
};

export type Shape = 'anki2' | 'anki21' | 'anki21b';

export async function buildPackage(
  spec: FixtureCollection,
  shape: Shape,
  media: Record<string, Uint8Array> = {},
): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const names = Object.keys(media);
  if (shape === 'anki21b') {
    files['collection.anki21b'] = zstdRaw(await buildCollection(spec, 18));
    files['collection.anki2'] = await buildCollection(DUMMY, 11);
    files.meta = Uint8Array.from(protoVarint(1, 3));
    const entries = names.map((name) =>
      protoBytes(
        1,
        Uint8Array.from([...protoBytes(1, name), ...protoVarint(2, media[name]!.length)]),
      ),
    );
    files.media = zstdRaw(Uint8Array.from(entries.flat()));
    names.forEach((name, i) => {
      files[String(i)] = zstdRaw(media[name]!);
    });
  } else {
    files[shape === 'anki2' ? 'collection.anki2' : 'collection.anki21'] = await buildCollection(
      spec,
      11,
    );
    files.media = new TextEncoder().encode(
      JSON.stringify(Object.fromEntries(names.map((n, i) => [i, n]))),
    );
    names.forEach((name, i) => {
      files[String(i)] = media[name]!;
    });
  }
  return zipSync(files);
}

const DAY = 86_400_000;
/** A fixed "now" for the fixtures' history: 2024-03-01T12:00:00Z. */
export const T0 = Date.UTC(2024, 2, 1, 12);

/**
 * A collection with every stock note type, a custom 3-template type, subdecks, media, tags,
 * a suspended card, and a history with learning steps, lapses, manual, cram and rescheduled
 * rows, an SM-2 history without its learning steps, and an FSRS `cards.data` state.
 */
export function richCollection(): FixtureCollection {
  return {
    crt: Math.floor((T0 - 100 * DAY) / 1000),
    noteTypes: [BASIC, REVERSED, OPTIONAL_REVERSED, TYPED, CLOZE, VOCAB],
    decks: [
      { id: 1, name: 'Default' },
      { id: 10, name: 'Spanish' },
      { id: 11, name: 'Spanish::Basics' },
      { id: 12, name: 'Spanish::Verbs::Irregular' },
    ],
    notes: [
      {
        id: 100,
        mid: BASIC.id,
        fields: ['<b>hola</b> &amp; adiós<br>(greeting)', 'hello <img src="hola.png">'],
        tags: ' greeting spoken ',
      },
      { id: 101, mid: REVERSED.id, fields: ['gato', 'cat [sound:gato.mp3]'] },
      { id: 102, mid: OPTIONAL_REVERSED.id, fields: ['perro', 'dog', 'y'] },
      { id: 103, mid: OPTIONAL_REVERSED.id, fields: ['casa', 'house', ''] },
      { id: 104, mid: TYPED.id, fields: ['Thank you?', 'gracias'] },
      {
        id: 105,
        mid: CLOZE.id,
        fields: ['{{c2::Madrid}} is the capital of {{c1::Spain::country}}', 'Since 1561'],
      },
      {
        id: 106,
        mid: CLOZE.id,
        fields: ['{{c1::ser}} and {{c1::estar}} both mean {{c2::to be}}', ''],
      },
      { id: 107, mid: VOCAB.id, fields: ['comer', 'to eat', 'Quiero comer.'], tags: 'verb' },
      { id: 108, mid: VOCAB.id, fields: ['ir', 'to go', ''], tags: 'verb' },
      { id: 109, mid: BASIC.id, fields: ['x\x1b[31m<script>alert(1)</script>', 'y\x07'] },
    ],
    cards: [
      {
        id: 200,
        nid: 100,
        did: 11,
        ord: 0,
        type: 2,
        queue: 2,
        ivl: 10,
        factor: 2500,
        reps: 5,
        lapses: 1,
      },
      // Flag 1 (red) under a higher bit Anki keeps for itself.
      { id: 201, nid: 101, did: 11, ord: 0, flags: 9 },
      { id: 202, nid: 101, did: 11, ord: 1 },
      { id: 203, nid: 102, did: 11, ord: 0, type: 2, queue: -1 },
      // Buried (by hand), flag 5 (pink).
      { id: 204, nid: 102, did: 11, ord: 1, queue: -3, flags: 5 },
      {
        id: 205,
        nid: 103,
        did: 11,
        ord: 0,
        type: 2,
        queue: 2,
        due: 101,
        ivl: 30,
        data: '{"s":25.5,"d":6.2,"dr":0.9}',
      },
      { id: 206, nid: 104, did: 10, ord: 0, type: 2, queue: 2, ivl: 20, factor: 2300 },
      { id: 207, nid: 105, did: 10, ord: 0 },
      { id: 208, nid: 105, did: 10, ord: 1 },
      { id: 209, nid: 106, did: 10, ord: 0 },
      { id: 210, nid: 106, did: 10, ord: 1 },
      { id: 211, nid: 107, did: 12, ord: 0 },
      { id: 212, nid: 107, did: 12, ord: 1 },
      { id: 213, nid: 107, did: 12, ord: 2 },
      { id: 214, nid: 108, did: 12, ord: 0 },
      { id: 215, nid: 108, did: 12, ord: 1 },
      { id: 216, nid: 108, did: 12, ord: 2 },
      { id: 217, nid: 109, did: 10, ord: 0 },
    ],
    revlog: [
      // Card 200: learning steps, reviews, a lapse, a manual "set due date" and a cram answer.
      { id: T0 - 60 * DAY, cid: 200, ease: 1, type: 0, ivl: -60, lastIvl: 0, time: 8000 },
      {
        id: T0 - 60 * DAY + 60_000,
        cid: 200,
        ease: 3,
        type: 0,
        ivl: -600,
        lastIvl: -60,
        time: 4000,
      },
      {
        id: T0 - 60 * DAY + 700_000,
        cid: 200,
        ease: 3,
        type: 0,
        ivl: 1,
        lastIvl: -600,
        time: 3000,
      },
      {
        id: T0 - 58 * DAY,
        cid: 200,
        ease: 3,
        type: 1,
        ivl: 4,
        lastIvl: 1,
        factor: 2500,
        time: 3000,
      },
      { id: T0 - 50 * DAY, cid: 200, ease: 0, type: 4, ivl: 9, lastIvl: 4, factor: 2500, time: 0 },
      {
        id: T0 - 40 * DAY,
        cid: 200,
        ease: 1,
        type: 1,
        ivl: -600,
        lastIvl: 9,
        factor: 2300,
        time: 12000,
      },
      {
        id: T0 - 40 * DAY + 600_000,
        cid: 200,
        ease: 3,
        type: 2,
        ivl: 2,
        lastIvl: -600,
        factor: 2300,
        time: 6000,
      },
      { id: T0 - 35 * DAY, cid: 200, ease: 2, type: 3, ivl: 0, lastIvl: 0, factor: 0, time: 2000 },
      {
        id: T0 - 20 * DAY,
        cid: 200,
        ease: 4,
        type: 1,
        ivl: 10,
        lastIvl: 2,
        factor: 2450,
        time: 2500,
      },
      {
        id: T0 - 10 * DAY,
        cid: 200,
        ease: 0,
        type: 5,
        ivl: 12,
        lastIvl: 10,
        factor: 2450,
        time: 0,
      },
      // Card 206: an SM-2 history whose learning steps are gone.
      {
        id: T0 - 30 * DAY,
        cid: 206,
        ease: 3,
        type: 1,
        ivl: 8,
        lastIvl: 3,
        factor: 2300,
        time: 5000,
      },
      {
        id: T0 - 22 * DAY,
        cid: 206,
        ease: 3,
        type: 1,
        ivl: 20,
        lastIvl: 8,
        factor: 2300,
        time: 4000,
      },
      // Card 201: a reset ("Forget") after the last grade: new again.
      { id: T0 - 9 * DAY, cid: 201, ease: 3, type: 0, ivl: 1, lastIvl: 0, time: 3000 },
      { id: T0 - 8 * DAY, cid: 201, ease: 0, type: 4, ivl: 0, lastIvl: 1, factor: 0, time: 0 },
    ],
  };
}
