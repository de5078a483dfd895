/**
 * Two machines studying one collection, synced through a local bare remote with `recall sync`
 * (issue 11, "Done means"): whatever the order of the syncs, both end with the same status,
 * stats and export, equal to one machine that gave every rating itself in time order and to a
 * third folder that replays both devices' logs from nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rating } from '../../src/core/model.js';
import { requireBuild } from '../support/cli.js';
import { bareRemote, gitWrapper, pathWith } from '../sync/machines.js';
import {
  copyDecks,
  deviceOf,
  entryIds,
  type Machine,
  machine,
  ok,
  outputs,
  replica,
  run,
  type Session,
  session,
  sync,
} from './machines.js';

beforeAll(requireBuild);

const DECKS = {
  'basics.yaml': `id: basics
name: Basics
cards:
  - id: one
    q: Capital of France?
    a: Paris
  - id: two
    q: 6 times 7?
    a: '42'
  - id: three
    q: Largest planet?
    a: Jupiter
`,
  // No ids: progress is kept under content-hash keys until `lint --fix` writes ids and logs moves.
  'words.yaml': `id: words
name: Words
cards:
  - q: hola?
    a: hello
  - q: adiós?
    a: goodbye
`,
};

const at = (day: number, hh: number, mm = 0) =>
  new Date(Date.UTC(2026, 2, 1 + day, hh, mm)).toISOString();
/** When the machines are compared, after everything. */
const END = at(9, 12);

type Who = 'A' | 'B';
type Step =
  | { readonly on: Who; readonly at: string; readonly study: (s: Session, t: Clock) => void }
  | { readonly on: Who; readonly at: string; readonly lintFix: true };
/** Minutes into a session: each rating at its own time. */
type Clock = (minute: number) => string;

/** Ratings given to the same cards on both machines, an undo on B, and a `lint --fix` on A. */
const STEPS: readonly Step[] = [
  {
    on: 'A',
    at: at(0, 9),
    study: (s, t) => {
      s.rate('Capital of France?', 3, t(1));
      s.rate('6 times 7?', 3, t(2));
      s.rate('hola?', 3, t(3));
      s.rate('Largest planet?', 4, t(4));
    },
  },
  {
    on: 'B',
    at: at(0, 10),
    study: (s, t) => {
      s.rate('Largest planet?', 3, t(1));
      s.rate('adiós?', 3, t(2));
      s.rate('Capital of France?', 3, t(3));
    },
  },
  {
    on: 'A',
    at: at(3, 9),
    study: (s, t) => {
      s.rate('Capital of France?', 1, t(1));
      s.rate('6 times 7?', 3, t(2));
    },
  },
  {
    on: 'B',
    at: at(4, 9),
    study: (s, t) => {
      s.rate('Capital of France?', 3, t(1));
      s.undo(s.rate('6 times 7?', 4, t(2)), t(3));
      s.rate('Largest planet?', 2, t(4));
    },
  },
  { on: 'A', at: at(5, 9), lintFix: true },
  {
    on: 'B',
    at: at(6, 9),
    study: (s, t) => {
      s.rate('hola?', 3, t(1));
      s.rate('adiós?', 4, t(2));
    },
  },
  {
    on: 'A',
    at: at(7, 9),
    study: (s, t) => {
      s.rate('hola?', 2, t(1));
      s.rate('Capital of France?', 3, t(2));
      s.rate('adiós?', 1, t(3));
    },
  },
];

const minutes =
  (from: string): Clock =>
  (m) =>
    new Date(Date.parse(from) + m * 60_000).toISOString();

/** Runs one step on `m` (`other`: where a lint fix's deck edits are carried, as git would). */
async function perform(step: Step, m: Machine, other?: Machine): Promise<void> {
  if ('lintFix' in step) {
    ok(m, ['lint', '--fix', m.decks], step.at);
    if (other) copyDecks(m, other);
    return;
  }
  await session(m, step.at, (s) => step.study(s, minutes(step.at)));
}

/** Which machines sync, in order, after step i (the last step's entry also closes the run). */
type Plan = Readonly<Record<number, string>>;
const PLANS: Readonly<Record<string, Plan>> = {
  'A, B, A after each pair of sessions and the fix': { 1: 'ABA', 3: 'ABA', 4: 'ABA', 6: 'ABA' },
  'B, A, B after each pair of sessions and the fix': { 1: 'BAB', 3: 'BAB', 4: 'BAB', 6: 'BAB' },
  // Each rates cards the other rated unseen (B twice in a row the planet A rated first, so its
  // second rating is built on a first that replay recomputes); A fixes the decks without B's
  // ratings of them; B studies the fixed decks before it has A's moves (so it re-attaches and
  // logs moves of its own); A rates a card only B had seen.
  'both study several sessions before syncing': { 3: 'AB', 6: 'BAB' },
};

/** The ratings of the script that stand (the undone one left out). */
const RATINGS = 16;

describe('two machines syncing through one bare remote', { timeout: 180_000 }, () => {
  let one: ReturnType<typeof outputs>;
  beforeAll(async () => {
    // One machine that gave every rating itself, in time order, and ran the fix itself.
    const m = machine('one machine', null, DECKS);
    for (const step of STEPS) await perform(step, m);
    one = outputs(m, END);
  }, 60_000);

  it('the one-machine reference has what the script did', () => {
    expect(one.stats.totalReviews).toBe(RATINGS);
    const card = (prompt: string) => one.export.find((c) => c.prompt === prompt)!;
    expect(card('Capital of France?')).toMatchObject({ key: 'basics/one', reps: 5, lapses: 1 });
    expect(card('6 times 7?')).toMatchObject({ reps: 2 });
    expect(card('Largest planet?')).toMatchObject({ reps: 3 });
    expect(card('hola?')).toMatchObject({ key: 'words/hola', reps: 3 });
    expect(card('adiós?')).toMatchObject({ key: 'words/adios', reps: 3, lapses: 1 });
  });

  for (const [name, plan] of Object.entries(PLANS)) {
    it(`${name}: both machines end equal to one machine that did it all`, async () => {
      const remote = bareRemote();
      const machines = { A: machine('A', remote, DECKS), B: machine('B', remote, DECKS) };
      for (const [i, step] of STEPS.entries()) {
        const other = machines[step.on === 'A' ? 'B' : 'A'];
        await perform(step, machines[step.on], other);
        for (const who of [...(plan[i] ?? '')] as Who[]) sync(machines[who], step.at);
      }
      const { A, B } = machines;
      expect(deviceOf(A)).not.toBe(deviceOf(B));

      expect(outputs(A, END)).toEqual(one);
      expect(outputs(B, END)).toEqual(one);
      // Each machine's own log copied into a fresh folder replays to the same collection.
      expect(outputs(replica('C', [A, B]), END)).toEqual(one);
    });
  }
});

describe('a sync killed mid-pull loses nothing', { timeout: 120_000 }, () => {
  // The wrapper git SIGKILLs recall (its parent) and then itself: after a complete fetch (before
  // anything is merged), or halfway through the merge (files checked out, nothing committed).
  const kills = {
    'after git fetch': ['fetch', `"$real" "$@"; kill -9 $PPID; kill -9 $$`],
    'in the middle of git merge': [
      'merge',
      `"$real" "$@" --no-commit --no-ff >/dev/null 2>&1; kill -9 $PPID; kill -9 $$`,
    ],
  } as const;

  for (const [moment, [sub, act]] of Object.entries(kills)) {
    it(`recall killed ${moment}: the next sync brings every rating of both machines`, async () => {
      const remote = bareRemote();
      const A = machine('A', remote, DECKS);
      const B = machine('B', remote, DECKS);
      const rated: string[] = [];
      const study = (m: Machine, when: string, cards: readonly [string, Rating][]) =>
        session(m, when, (s) => {
          const t = minutes(when);
          for (const [i, [prompt, r]] of cards.entries()) rated.push(s.rate(prompt, r, t(i)));
        });

      await study(A, at(0, 9), [['Capital of France?', 3]]);
      sync(A, at(0, 9, 30));
      await study(B, at(0, 10), [['6 times 7?', 3]]);
      sync(B, at(0, 10, 30));
      // Both study, A syncs, and B's sync is killed while it takes A's lines in.
      await study(A, at(1, 9), [
        ['Capital of France?', 1],
        ['Largest planet?', 3],
      ]);
      await study(B, at(1, 10), [
        ['Capital of France?', 3],
        ['6 times 7?', 4],
      ]);
      sync(A, at(1, 11));
      const killed = run(B, ['sync'], at(1, 12), { PATH: pathWith(gitWrapper(sub, act)) });
      expect(killed.signal).toBe('SIGKILL');

      // B studies on, then syncs again, and so does A.
      await study(B, at(2, 9), [['Capital of France?', 2]]);
      sync(B, at(2, 10));
      sync(A, at(2, 11));

      for (const m of [A, B]) expect(rated.filter((id) => !entryIds(m).has(id))).toEqual([]);
      const onA = outputs(A, END);
      expect(onA.stats.totalReviews).toBe(rated.length);
      expect(outputs(B, END)).toEqual(onA);
      expect(outputs(replica('C', [A, B]), END)).toEqual(onA);
    });
  }
});
