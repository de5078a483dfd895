import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { openProgress } from '../../src/app/open.js';
import type { Rating, SrsState } from '../../src/core/model.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { parseDeck } from '../../src/deck/parse.js';
import { sqlite } from '../../src/import/sqlite.js';
import { nullableSrsToStored, srsToStored } from '../../src/store/convert.js';
import { instantIso } from '../../src/store/instant.js';
import { isolatedEnv, recallInProcess, tmpDir } from '../support/cli.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 9);
const NOW = T0 + 60 * DAY;

const SPANISH = `id: spanish
name: Spanish
tags: [lang]
cards:
  - id: hola
    q: hola & <b>adiós</b>
    a: hello
    reverse: true
    explain: a greeting
  - id: ser
    cloze: "{{soy::I am}} y {{eres}} are forms of ser"
  - id: comer
    q: to eat
    typed: [comer, jamar]
  - id: colour
    q: Which is a colour?
    choices: [rojo, perro, mesa]
    answer: rojo
  - id: animals
    q: Match the animals
    pairs:
      - [perro, dog]
      - [gato, cat]
`;
const MATH = `id: math
name: Math
cards:
  - id: two
    q: 1 + 1
    a: "2"
    tags: [easy, first-steps]
  - q: no id here
    a: a content hash
`;

type Seq = readonly (readonly [day: number, rating: Rating])[];
/** The ratings each card gets: lapses, learning steps, one card never rated. */
const RATINGS: Record<string, Seq> = {
  'spanish/hola': [
    [0, 1],
    [0, 3],
    [1, 3],
    [5, 1],
    [5, 3],
    [9, 4],
  ],
  'spanish/hola:reverse': [
    [0, 3],
    [2, 3],
  ],
  'spanish/ser:c1': [
    [0, 4],
    [20, 2],
  ],
  'spanish/ser:c2': [[1, 2]],
  'spanish/comer': [
    [3, 3],
    [4, 3],
  ],
  'spanish/colour': [[3, 1]],
  'spanish/animals:perro': [[6, 3]],
  'math/two': [
    [0, 3],
    [1, 3],
    [7, 3],
  ],
};

type Line = Record<string, unknown>;

/** A review log built with the default scheduler, plus an undo, cram answers and a suspend. */
function historyLines(): { lines: Line[]; expected: Map<string, string[]> } {
  const scheduler = new Scheduler(defaultDeckSettings);
  const lines: Line[] = [];
  const expected = new Map<string, string[]>();
  let n = 0;
  const id = (at: number) => `${at.toString(36)}-${String(n++).padStart(6, '0')}`;
  for (const [key, seq] of Object.entries(RATINGS)) {
    let state: SrsState | null = null;
    seq.forEach(([day, rating], i) => {
      const at = T0 + day * DAY + i * 60_000 + key.length * 1000;
      const after = scheduler.rate(key, state, rating, at);
      lines.push({
        v: 1,
        id: id(at),
        kind: 'review',
        card: key,
        rating,
        reviewedAt: instantIso(at),
        durationMs: 1500 + i,
        ...srsToStored(after),
        prev: nullableSrsToStored(state),
      });
      expected.set(key, [...(expected.get(key) ?? []), `${at} ${rating} review ${1500 + i}ms`]);
      state = after;
    });
  }
  // A rating undone: gone from the history.
  const undoneAt = T0 + 30 * DAY;
  const two = scheduler.rate('math/two', null, 1, undoneAt);
  const undone = id(undoneAt);
  lines.push({
    v: 1,
    id: undone,
    kind: 'review',
    card: 'math/nothing-yet',
    rating: 1,
    reviewedAt: instantIso(undoneAt),
    durationMs: 1000,
    ...srsToStored(two),
    prev: null,
  });
  lines.push({
    v: 1,
    id: id(undoneAt + 1000),
    kind: 'undo',
    card: 'math/nothing-yet',
    undoes: undone,
    at: instantIso(undoneAt + 1000),
    restore: null,
  });
  // Cram answers leave the schedule alone and come back as cram answers.
  for (const [key, rating, day] of [
    ['spanish/comer', 1, 31],
    ['spanish/comer', 3, 32],
  ] as const) {
    const at = T0 + day * DAY;
    lines.push({
      v: 1,
      id: id(at),
      kind: 'cram',
      card: key,
      rating,
      at: instantIso(at),
      durationMs: 800,
    });
    expected.set(key, [...(expected.get(key) ?? []), `${at} ${rating} cram 800ms`]);
  }
  const suspendAt = T0 + 40 * DAY;
  lines.push({
    v: 1,
    id: id(suspendAt),
    kind: 'suspend',
    card: 'math/two',
    at: instantIso(suspendAt),
  });
  // A colour mark (Anki's red flag), a mark no flag can say, and a bury that lasts past NOW.
  const markAt = T0 + 41 * DAY;
  lines.push(
    {
      v: 1,
      id: id(markAt),
      kind: 'mark',
      card: 'spanish/hola',
      at: instantIso(markAt),
      mark: 'red',
    },
    {
      v: 1,
      id: id(markAt + 1),
      kind: 'mark',
      card: 'spanish/comer',
      at: instantIso(markAt + 1),
      mark: 'todo',
    },
    {
      v: 1,
      id: id(NOW - 3_600_000),
      kind: 'bury',
      card: 'spanish/ser:c2',
      at: instantIso(NOW - 3_600_000),
      until: instantIso(NOW + 10 * 3_600_000),
    },
  );
  lines.sort((a, b) => (String(a.reviewedAt ?? a.at) < String(b.reviewedAt ?? b.at) ? -1 : 1));
  return { lines, expected };
}

type Setup = {
  dir: string;
  decks: string;
  env: Record<string, string>;
  expected: Map<string, string[]>;
};

function collection(): Setup {
  const dir = tmpDir();
  const decks = join(dir, 'decks');
  mkdirSync(join(decks, 'lang'), { recursive: true });
  writeFileSync(join(decks, 'lang', 'spanish.yaml'), SPANISH);
  writeFileSync(join(decks, 'math.yaml'), MATH);
  const env = isolatedEnv({ NO_COLOR: '1', RECALL_NOW: instantIso(NOW) });
  mkdirSync(env.RECALL_HOME!, { recursive: true });
  const { lines, expected } = historyLines();
  writeFileSync(
    join(env.RECALL_HOME!, 'reviews.jsonl'),
    lines.map((l) => `${JSON.stringify(l)}\n`).join(''),
  );
  return { dir, decks, env, expected };
}

/** Every card key of the deck files under `dir`, with its kind. */
function cardsUnder(dir: string): Map<string, { kind: string; explain?: string }> {
  const out = new Map<string, { kind: string; explain?: string }>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.yaml')) continue;
    const { deck, problems } = parseDeck(readFileSync(join(dir, name), 'utf8'), name);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    for (const c of deck!.cards) {
      out.set(c.key, { kind: c.kind, ...(c.explain === undefined ? {} : { explain: c.explain }) });
    }
  }
  return out;
}

/** Each card's ratings as the store replays them (cram ratings too: the stats cache has none). */
async function historyOf(env: Record<string, string>) {
  const { store } = await openProgress(env, { readOnly: true });
  try {
    const rows = new Map<string, string[]>();
    for (const [key, list] of await store.reviewsByCard()) {
      rows.set(
        key,
        list.map((r) => `${r.at} ${r.rating} ${r.kind} ${r.durationMs}ms`),
      );
    }
    const cards = new Map([...store.cards()].map(([k, p]) => [k, p]));
    return { rows, cards };
  } finally {
    await store.close();
  }
}

let setup: Setup;
let apkg: string;

beforeAll(async () => {
  setup = collection();
  apkg = join(setup.dir, 'my cards.apkg');
  const run = await recallInProcess(['export', '--anki', apkg, setup.decks], setup.env);
  // The card without an id is a lint warning, counted; nothing else is said on stderr.
  expect(run.stderr).toBe('1 deck warning: run recall lint\n');
  expect(run.status).toBe(0);
});

async function openPackage(file: string) {
  const zip = unzipSync(readFileSync(file));
  expect(Object.keys(zip).sort()).toEqual(['collection.anki2', 'media']);
  const SQL = await sqlite();
  return new SQL.Database(zip['collection.anki2']);
}

type Row = Record<string, number | string>;
function all(
  db: { exec: (sql: string) => { columns: string[]; values: unknown[][] }[] },
  sql: string,
): Row[] {
  const [r] = db.exec(sql);
  if (!r) return [];
  return r.values.map((v) => Object.fromEntries(r.columns.map((c, i) => [c, v[i]])) as Row);
}

describe('recall export --anki', () => {
  it('writes a schema-11 package whose every reference Anki follows points at something real', async () => {
    const db = await openPackage(apkg);
    try {
      const tables = all(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map(
        (r) => r.name,
      );
      expect(tables.sort()).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
      const [col] = all(db, 'SELECT * FROM col');
      expect(col!.ver).toBe(11);
      for (const key of ['conf', 'models', 'decks', 'dconf', 'tags']) {
        expect(() => JSON.parse(String(col![key]))).not.toThrow();
      }
      const models = JSON.parse(String(col!.models)) as Record<string, Record<string, unknown>>;
      const decks = JSON.parse(String(col!.decks)) as Record<string, Record<string, unknown>>;
      const dconf = JSON.parse(String(col!.dconf)) as Record<string, unknown>;
      // The keys Anki's schema-11 readers require (rslib notetype/deck schema11.rs).
      for (const m of Object.values(models)) {
        for (const k of [
          'id',
          'name',
          'type',
          'mod',
          'usn',
          'sortf',
          'did',
          'tmpls',
          'flds',
          'css',
        ])
          expect(m).toHaveProperty(k);
        for (const f of m.flds as Record<string, unknown>[])
          for (const k of ['name', 'ord', 'sticky', 'rtl', 'font', 'size'])
            expect(f).toHaveProperty(k);
        for (const t of m.tmpls as Record<string, unknown>[])
          for (const k of ['name', 'ord', 'qfmt', 'afmt']) expect(t).toHaveProperty(k);
        expect(String(models[String(m.id)]?.id)).toBe(String(m.id));
      }
      const names = new Set<string>();
      for (const d of Object.values(decks)) {
        for (const k of [
          'id',
          'name',
          'usn',
          'lrnToday',
          'revToday',
          'newToday',
          'timeToday',
          'collapsed',
          'dyn',
          'conf',
        ])
          expect(d).toHaveProperty(k);
        expect(dconf).toHaveProperty(String(d.conf));
        names.add(String(d.name));
      }
      expect(decks['1']?.name).toBe('Default');
      // Folders became parent decks, and every parent exists.
      expect([...names].sort()).toEqual(['Default', 'Math', 'lang', 'lang::Spanish']);
      for (const n of names)
        if (n.includes('::')) expect(names).toContain(n.slice(0, n.lastIndexOf('::')));

      const notes = all(db, 'SELECT * FROM notes');
      const byNote = new Map(notes.map((n) => [n.id, n]));
      for (const n of notes) {
        const m = models[String(n.mid)];
        expect(m).toBeDefined();
        expect(String(n.flds).split('\x1f')).toHaveLength((m!.flds as unknown[]).length);
      }
      expect(new Set(notes.map((n) => n.guid)).size).toBe(notes.length);
      const cards = all(db, 'SELECT * FROM cards');
      for (const c of cards) {
        const note = byNote.get(c.nid);
        expect(note).toBeDefined();
        expect(decks[String(c.did)]).toBeDefined();
        const m = models[String(note!.mid)]!;
        if (m.type === 1) expect(String(note!.flds)).toContain(`{{c${Number(c.ord) + 1}::`);
        else expect(Number(c.ord)).toBeLessThan((m.tmpls as unknown[]).length);
      }
      const revlog = all(db, 'SELECT * FROM revlog');
      const cardIds = new Set(cards.map((c) => c.id));
      for (const r of revlog) {
        expect(cardIds).toContain(r.cid);
        expect([1, 2, 3, 4]).toContain(r.ease);
        expect([0, 1, 2, 3]).toContain(r.type);
      }
      // 8 cards rated 18 times, the undone rating left out, and 2 cram answers as filtered rows.
      expect(revlog).toHaveLength(20);
      expect(revlog.filter((r) => r.type === 3 && r.factor === 0)).toHaveLength(2);
      // Learning steps, then reviews, then a lapse's relearning.
      const hola = notes.find((n) => n.guid === 'recall:spanish/hola')!;
      const holaCard = cards.find((c) => c.nid === hola.id && c.ord === 0)!;
      expect(revlog.filter((r) => r.cid === holaCard.id).map((r) => `${r.type}:${r.ease}`)).toEqual(
        ['0:1', '0:3', '0:3', '1:1', '2:3', '1:4'],
      );
      const suspended = cards.filter((c) => c.queue === -1);
      expect(suspended).toHaveLength(1);
      expect(byNote.get(suspended[0]!.nid)?.guid).toBe('recall:math/two');
      expect(String(byNote.get(suspended[0]!.nid)?.tags).trim().split(' ').sort()).toEqual([
        'easy',
        'first-steps',
      ]);
    } finally {
      db.close();
    }
  });

  it('comes back through recall import with every card key and every review', async () => {
    const into = join(setup.dir, 'back');
    const env = isolatedEnv({ NO_COLOR: '1', RECALL_NOW: instantIso(NOW) });
    const run = await recallInProcess(['import', apkg, '--into', into], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const before = cardsUnder(setup.decks);
    const after = cardsUnder(into);
    const unpaired = (m: Map<string, unknown>) =>
      [...m.keys()].filter((k) => !k.startsWith('spanish/animals')).sort();
    expect(unpaired(after)).toEqual(unpaired(before));
    // Pairs come back as one basic card per pair (Anki has no pairs), under keys of their own.
    expect([...after.keys()].filter((k) => k.startsWith('spanish/animals'))).toEqual([
      'spanish/animals-perro',
      'spanish/animals-gato',
    ]);
    // In deck order: new cards come up in the order they were written.
    expect([...after.keys()].filter((k) => k.startsWith('spanish/')).slice(0, 6)).toEqual(
      [...before.keys()].filter((k) => k.startsWith('spanish/')).slice(0, 6),
    );
    expect(after.get('spanish/hola')?.explain).toBe('a greeting');
    expect(after.get('spanish/hola:reverse')?.kind).toBe('basic');
    expect(after.get('spanish/ser:c2')?.kind).toBe('cloze');
    expect(after.get('spanish/comer')?.kind).toBe('typed');

    const { rows, cards } = await historyOf(env);
    const original = await historyOf(setup.env);
    for (const [key, list] of setup.expected) {
      if (key.startsWith('spanish/animals')) continue;
      expect(original.rows.get(key), key).toEqual(list);
      expect(rows.get(key), key).toEqual(list);
      // The same ratings at the same times through the same scheduler: the same schedule.
      expect(original.cards.get(key)?.srs?.due, key).toBeGreaterThan(T0);
      expect(cards.get(key)?.srs?.due, key).toBe(original.cards.get(key)?.srs?.due);
    }
    expect(rows.get('spanish/animals-perro')).toEqual(setup.expected.get('spanish/animals:perro'));
    // The undone rating was never exported, so its card came back new.
    expect(original.rows.get('math/nothing-yet')).toEqual([]);
    expect(cards.get('math/two')?.suspended).toBe(true);
    // Marks, suspension and bury survive the round trip (a colour as Anki's flag, another
    // mark in the card's custom data).
    expect(cards.get('spanish/hola')?.mark).toBe('red');
    expect(cards.get('spanish/comer')?.mark).toBe('todo');
    expect(cards.get('spanish/ser:c2')?.buriedUntil).toBeGreaterThan(NOW);
    expect(cards.get('spanish/hola:reverse')?.mark).toBeUndefined();
  });

  it('never replaces a file without --force, and writes nothing on --dry-run', async () => {
    const run = await recallInProcess(['export', '--anki', apkg, setup.decks], setup.env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('already exists; add --force');
    const fresh = join(setup.dir, 'dry.apkg');
    const dry = await recallInProcess(
      ['export', '--anki', fresh, '--dry-run', '--json', setup.decks],
      setup.env,
    );
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      cards: 10,
      reviews: 18,
      cram: 2,
      suspended: 1,
    });
    expect(existsSync(fresh)).toBe(false);
    const forced = await recallInProcess(
      ['export', '--anki', apkg, '--force', setup.decks],
      setup.env,
    );
    expect(forced.status).toBe(0);
    // Written through a temp file and a rename: none is left behind.
    expect(readdirSync(setup.dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });
});
