import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { openProgress } from '../../src/app/open.js';
import { ROW_CRAM } from '../../src/core/history.js';
import type { Rating, SrsState } from '../../src/core/model.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { parseDeck } from '../../src/deck/parse.js';
import { isolatedEnv, recallInProcess, tmpDir } from '../support/cli.js';
import { buildCollection, buildPackage, richCollection, type Shape, T0 } from './anki-fixtures.js';

const DAY = 86_400_000;
const MEDIA = { 'hola.png': Uint8Array.from([137, 80, 78, 71]), 'gato.mp3': Uint8Array.from([1]) };
const packages = new Map<Shape, Uint8Array>();

beforeAll(async () => {
  for (const shape of ['anki2', 'anki21', 'anki21b'] as const) {
    packages.set(shape, await buildPackage(richCollection(), shape, MEDIA));
  }
});

/** A package written to a fresh folder, and a private environment to import it in. */
function setup(shape: Shape = 'anki21b', name = 'deck.apkg') {
  const dir = tmpDir();
  const file = join(dir, name);
  writeFileSync(file, packages.get(shape)!);
  return { dir, file, into: join(dir, 'decks'), env: isolatedEnv({ NO_COLOR: '1' }) };
}

const importing = (file: string, into: string, env: Record<string, string>, ...more: string[]) =>
  recallInProcess(['import', file, '--into', into, ...more], env);

/** Every file under `dir`, relative, with its text. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    try {
      out[name] = readFileSync(path, 'utf8');
    } catch {
      // a folder
    }
  }
  return out;
}

function cardsOf(into: string) {
  const out = new Map<string, { kind: string; prompt?: string; answer?: string; tags: string[] }>();
  for (const [name, text] of Object.entries(tree(into))) {
    if (!name.endsWith('.yaml')) continue;
    const { deck, problems } = parseDeck(text, name);
    expect(problems).toEqual([]);
    for (const c of deck!.cards) {
      out.set(c.key, {
        kind: c.kind,
        ...('prompt' in c ? { prompt: c.prompt } : {}),
        ...('answer' in c ? { answer: c.answer } : {}),
        tags: [...c.tags],
      });
    }
  }
  return out;
}

async function historyOf(env: Record<string, string>) {
  const { store } = await openProgress(env, { readOnly: true });
  try {
    const h = await store.history();
    const rows = Array.from({ length: h.rows }, (_, i) => ({
      key: h.keys[h.slot[i]!]!,
      at: h.at[i]!,
      rating: h.rating[i]!,
      cram: (h.flags[i]! & ROW_CRAM) !== 0,
    }));
    return { rows, states: new Map([...store.cards()].map(([k, p]) => [k, p.srs])) };
  } finally {
    await store.close();
  }
}

describe('recall import of an Anki package', () => {
  it('reads the three package shapes alike (and never the dummy collection of the current one)', async () => {
    const trees = [];
    for (const shape of ['anki2', 'anki21', 'anki21b'] as const) {
      const { file, into, env } = setup(shape);
      const run = await importing(file, into, env);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      trees.push(tree(into));
    }
    expect(Object.keys(trees[0]!).sort()).toEqual([
      'media/gato.mp3',
      'media/hola.png',
      'spanish.yaml',
      'spanish/basics.yaml',
      'spanish/verbs/irregular.yaml',
    ]);
    expect(trees[1]).toEqual(trees[0]);
    expect(trees[2]).toEqual(trees[0]);
    expect(JSON.stringify(trees[2])).not.toContain('Please update');
  });

  it('maps each stock note type to its kind, and renders custom templates card by card', async () => {
    const { file, into, env } = setup();
    await importing(file, into, env);
    const cards = cardsOf(into);
    expect([...cards].map(([key, c]) => `${key} ${c.kind}`).sort()).toEqual([
      'spanish.basics/n100 basic',
      'spanish.basics/n101 basic',
      'spanish.basics/n101:reverse basic',
      'spanish.basics/n102 basic',
      'spanish.basics/n102:reverse basic',
      'spanish.basics/n103 basic',
      'spanish.verbs.irregular/n107 basic',
      'spanish.verbs.irregular/n107-2 basic',
      'spanish.verbs.irregular/n107-3 basic',
      'spanish.verbs.irregular/n108 basic',
      'spanish.verbs.irregular/n108-2 basic',
      'spanish/n104 typed',
      'spanish/n105:c1 cloze',
      'spanish/n105:c2 cloze',
      'spanish/n106-c1 basic',
      'spanish/n106-c2 basic',
      'spanish/n109 basic',
    ]);
    expect(cards.get('spanish.basics/n100')).toEqual({
      kind: 'basic',
      prompt: '**hola** & adiós\n(greeting)',
      answer: 'hello [image: hola.png]',
      tags: ['greeting', 'spoken'],
    });
    expect(cards.get('spanish.verbs.irregular/n107-3')?.prompt).toBe(
      'Use **comer** in a sentence (to eat)',
    );
    // `{{c1::…}}` used twice: one card hides both, as in Anki.
    expect(cards.get('spanish/n106-c1')?.prompt).toBe('[...] and [...] both mean to be');
    // Suspended in Anki, suspended here (its reverse card was not).
    expect(cards.get('spanish.basics/n102')?.tags).toEqual([]);
    const { store } = await openProgress(env, { readOnly: true });
    expect(store.get('spanish.basics/n102')?.suspended).toBe(true);
    expect(store.get('spanish.basics/n102:reverse')?.suspended).toBeUndefined();
    // Buried in Anki: buried until the next study day. Flags: marks of their colour.
    expect(store.get('spanish.basics/n102:reverse')?.buriedUntil).toBeGreaterThan(Date.now());
    expect(store.get('spanish.basics/n102:reverse')?.mark).toBe('pink');
    expect(store.get('spanish.basics/n101')?.mark).toBe('red');
    expect(store.get('spanish.basics/n101:reverse')?.mark).toBeUndefined();
    await store.close();
    // Escape sequences and <script> in fields arrive inert.
    expect(cards.get('spanish/n109')).toMatchObject({ prompt: 'x', answer: 'y' });
    expect(readFileSync(join(into, 'spanish.yaml'), 'utf8')).toContain(
      'cloze: "{{Madrid}} is the capital of {{Spain::country}}"',
    );
    expect(readFileSync(join(into, 'media', 'hola.png'))).toEqual(Buffer.from(MEDIA['hola.png']));
  });

  it("logs the filtered history, each state a replay of the card's ratings through recall's scheduler", async () => {
    const { file, into, env } = setup();
    await importing(file, into, env);
    const { rows, states } = await historyOf(env);
    const key = 'spanish.basics/n100';
    const mine = rows.filter((r) => r.key === key);
    // The manual and rescheduled rows are gone; the cram row is a cram entry.
    const rated: [number, Rating][] = [
      [T0 - 60 * DAY, 1],
      [T0 - 60 * DAY + 60_000, 3],
      [T0 - 60 * DAY + 700_000, 3],
      [T0 - 58 * DAY, 3],
      [T0 - 40 * DAY, 1],
      [T0 - 40 * DAY + 600_000, 3],
      [T0 - 20 * DAY, 4],
    ];
    expect(mine.filter((r) => !r.cram).map((r) => [r.at, r.rating])).toEqual(rated);
    expect(mine.filter((r) => r.cram).map((r) => r.at)).toEqual([T0 - 35 * DAY]);
    const scheduler = new Scheduler(defaultDeckSettings);
    let s: SrsState | null = null;
    for (const [at, rating] of rated) s = scheduler.rate(key, s, rating, at);
    expect(states.get(key)).toEqual(s);
    // A reset after the last grade: new again, nothing logged.
    expect(rows.some((r) => r.key === 'spanish.basics/n101')).toBe(false);
    // An SM-2 history with no learning rows: seeded from interval and ease, then replayed.
    expect(states.get('spanish/n104')).toMatchObject({ state: 'Review', reps: 2 });
    // No history, but Anki's FSRS memory in cards.data.
    expect(states.get('spanish.basics/n103')).toMatchObject({ stability: 25.5, difficulty: 6.2 });
  });

  it('imports again as an update: no new history, the cards it made replaced, yours kept', async () => {
    const { file, into, env } = setup();
    await importing(file, into, env);
    const before = await historyOf(env);
    const deck = join(into, 'spanish.yaml');
    writeFileSync(
      deck,
      `${readFileSync(deck, 'utf8')}  # mine\n  - id: my-own\n    q: Mine?\n    a: yes\n`,
    );
    const again = await importing(file, into, env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('update');
    expect((await historyOf(env)).rows).toEqual(before.rows);
    const text = readFileSync(deck, 'utf8');
    expect(text).toContain('# mine\n  - id: my-own');
    expect(text.match(/id: n104/g)).toHaveLength(1);
  });

  it('finishes an import a kill cut short: every review once, statuses kept', async () => {
    // The import's history is one write; a kill -9 can leave any prefix of it in the log.
    const clean = setup();
    await importing(clean.file, clean.into, clean.env);
    const expected = await historyOf(clean.env);
    const logOf = (env: Record<string, string>) => {
      const dir = join(env.RECALL_HOME!, 'log');
      return join(dir, readdirSync(dir).find((f) => f.endsWith('.jsonl'))!);
    };
    const sorted = (rows: { key: string; at: number }[]) =>
      [...rows].sort((a, b) => a.key.localeCompare(b.key) || a.at - b.at);
    // Where the log is cut, by its line ends: a quarter in, half, all but the last line, and
    // through a line (a torn last line).
    const cuts = [
      (ends: number[]) => ends[Math.floor(ends.length / 4)]!,
      (ends: number[]) => ends[Math.floor(ends.length / 2)]!,
      (ends: number[]) => ends[ends.length - 2]!,
      (ends: number[]) => ends[Math.floor((ends.length * 2) / 3)]! - 7,
    ];
    for (const [n, cutAt] of cuts.entries()) {
      const { file, into, env } = setup();
      await importing(file, into, env);
      const log = logOf(env);
      const full = readFileSync(log, 'utf8');
      const cut = cutAt([...full.matchAll(/\n/g)].map((m) => m.index! + 1));
      writeFileSync(log, full.slice(0, cut));
      // Killed during the write: no snapshot was written after it, no stats cache read it.
      rmSync(join(env.RECALL_HOME!, 'state.json'), { force: true });
      rmSync(env.XDG_CACHE_HOME!, { recursive: true, force: true });
      const again = await importing(file, into, env);
      expect(again.status).toBe(0);
      const now = await historyOf(env);
      expect({ n, rows: sorted(now.rows) }).toEqual({ n, rows: sorted(expected.rows) });
      expect({ n, states: now.states }).toEqual({ n, states: expected.states });
      const { store } = await openProgress(env, { readOnly: true });
      expect(store.get('spanish.basics/n102')?.suspended).toBe(true);
      await store.close();
    }
  });

  it('never overwrites a deck file it did not make, and then writes nothing at all', async () => {
    const { file, into, env } = setup();
    await recallInProcess(['new', join(into, 'spanish.yaml')], env);
    const mine = tree(into);
    const run = await importing(file, into, env);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^recall import: .*deck\.apkg: .*spanish\.yaml exists and was not made by importing this deck/,
    );
    expect(tree(into)).toEqual(mine);
    expect((await historyOf(env)).rows).toEqual([]);
  });

  it('--dry-run says what it would write and writes nothing', async () => {
    const { file, into, env } = setup();
    const run = await importing(file, into, env, '--dry-run');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^would import 3 decks, 17 cards, 11 reviews, 2 media files into /);
    expect(existsSync(into)).toBe(false);
    expect(existsSync(env.RECALL_HOME!)).toBe(false);
  });

  it('--deck-id renames the top-level deck and its subdecks', async () => {
    const { file, into, env } = setup();
    const run = await importing(file, into, env, '--deck-id', 'es', '--json');
    const out = JSON.parse(run.stdout) as { decks: { deckId: string }[] };
    expect(out.decks.map((d) => d.deckId).sort()).toEqual([
      'es',
      'es.basics',
      'es.verbs.irregular',
    ]);
  });
});

describe('recall import refuses bad input in one line, writing nothing', () => {
  const refused = async (bytes: Uint8Array | string, name = 'bad.apkg') => {
    const dir = tmpDir();
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const env = isolatedEnv({ NO_COLOR: '1' });
    const into = join(dir, 'decks');
    const run = await importing(file, into, env);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(existsSync(into)).toBe(false);
    return run.stderr.replace(`${dir}/`, '');
  };

  it.each([
    [
      'not a zip',
      'just some text',
      /^recall import: bad\.apkg: not an Anki package \(not a zip file\)\n$/,
    ],
    [
      'a zip with no collection',
      zipSync({ 'notes.txt': new Uint8Array(3) }),
      /no Anki collection in it/,
    ],
  ])('%s', async (_, bytes, message) => {
    expect(await refused(bytes)).toMatch(message);
  });

  it('a truncated or corrupt collection', async () => {
    const db = await buildCollection(richCollection(), 11);
    expect(await refused(zipSync({ 'collection.anki2': db.subarray(0, 3000) }))).toMatch(
      /collection\.anki2 is (damaged|not an SQLite database)/,
    );
    const garbage = new Uint8Array(4096).fill(7);
    expect(await refused(zipSync({ 'collection.anki21': garbage }))).toMatch(
      /collection\.anki21 is not an SQLite database/,
    );
    const whole = packages.get('anki2')!;
    expect(await refused(whole.subarray(0, whole.length - 40))).toMatch(
      /not a zip|damaged|truncated/,
    );
  });

  it('a file name with spaces and a leading dash is quoted as it is', async () => {
    const env = isolatedEnv({ NO_COLOR: '1' });
    const run = await recallInProcess(['import', '--', '-my deck.apkg'], env);
    expect(run.stderr).toBe('recall import: -my deck.apkg: no such file\n');
    expect(run.status).toBe(1);
  });
});
