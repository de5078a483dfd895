/**
 * After an import, the cards due today in recall should be the cards Anki had due today. A
 * package is generated with a year of realistic history: SM-2 cards (learning steps, then
 * intervals grown by their ease, lapses relearned, reviews sometimes late), some of them with
 * their first rows gone (seeded from interval and ease), and FSRS cards whose history the FSRS
 * scheduler gave (Anki's `cards.data` holding the memory), a few with no review log left. The
 * agreement is reported both ways: of the cards Anki had due today (`cards.due` against the
 * collection's day), how many recall has due today; and of recall's, how many Anki had.
 * docs/importing.md ("Due today after an import") quotes the figures.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openProgress } from '../../src/app/open.js';
import { dayStart } from '../../src/core/day.js';
import type { Rating, SrsState } from '../../src/core/model.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDayStartsAt, defaultDeckSettings } from '../../src/core/settings.js';
import { isolatedEnv, recallInProcess, tmpDir } from '../support/cli.js';
import {
  BASIC,
  buildPackage,
  type FixtureCard,
  type FixtureCollection,
  type FixtureRevlog,
} from './anki-fixtures.js';

const MINUTE = 60_000;
/** The collection was created at 04:00 UTC, Anki's day boundary and recall's (TZ=UTC). */
const CRT = Date.UTC(2024, 0, 1, defaultDayStartsAt) / 1000;
const NOW = Date.UTC(2025, 5, 1, 12);
const ankiDay = (ms: number) => Math.floor((ms / 1000 - CRT) / 86_400);
const TODAY = ankiDay(NOW);
/** When day `d` of the collection starts, plus `hours`. */
const onDay = (d: number, hours: number) => (CRT + d * 86_400) * 1000 + hours * 3_600_000;

/** Histories begin 20–200 days ago: enough cards fall due on one day to count. */
const SM2_CARDS = 2000;
const FSRS_CARDS = 1500;
const STATE_ONLY_CARDS = 200;

type Group = 'sm2' | 'sm2-seeded' | 'fsrs' | 'fsrs-state-only';

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Again 7%, Hard 5%, Good 84%, Easy 4%: a learner at about 90% retention. */
function grade(r: () => number): Rating {
  const x = r();
  return x < 0.07 ? 1 : x < 0.12 ? 2 : x < 0.96 ? 3 : 4;
}

function generate(): { spec: FixtureCollection; groups: Map<number, Group> } {
  const r = random(15);
  const cards: FixtureCard[] = [];
  const revlog: FixtureRevlog[] = [];
  const notes: { id: number; mid: number; fields: string[] }[] = [];
  const groups = new Map<number, Group>();
  let nid = 10_000;
  /** Review-log ids are times in ms, unique across the collection. */
  const used = new Set<number>();
  const rowAt = (at: number) => {
    let id = Math.round(at);
    while (used.has(id)) id++;
    used.add(id);
    return id;
  };
  const add = (group: Group, card: Omit<FixtureCard, 'id' | 'nid' | 'did' | 'ord'>) => {
    nid++;
    notes.push({ id: nid, mid: BASIC.id, fields: [`question ${nid}`, `answer ${nid}`] });
    cards.push({ id: nid * 10, nid, did: 1, ord: 0, ...card });
    groups.set(nid * 10, group);
    return nid * 10;
  };

  // SM-2: two learning steps (1m, 10m), graduating at 1 day; then Anki's SM-2 intervals.
  for (let i = 0; i < SM2_CARDS; i++) {
    const group: Group = i % 4 === 3 ? 'sm2-seeded' : 'sm2';
    const cid = (nid + 1) * 10;
    const rows: FixtureRevlog[] = [];
    let day = TODAY - 20 - Math.floor(r() * 180);
    let at = onDay(day, 5 + r() * 12);
    rows.push({ id: rowAt(at), cid, ease: 3, type: 0, ivl: -600, lastIvl: -60, factor: 0 });
    at += 10 * MINUTE;
    rows.push({ id: rowAt(at), cid, ease: 3, type: 0, ivl: 1, lastIvl: -600, factor: 2500 });
    let ivl = 1;
    let factor = 2500;
    let lapses = 0;
    let last = day;
    for (;;) {
      const due = last + ivl;
      day = due + (r() < 0.3 ? Math.floor(r() * 4) : 0);
      if (day >= TODAY) {
        day = due;
        break;
      }
      at = onDay(day, 5 + r() * 12);
      const g = grade(r);
      const elapsed = day - last;
      const before = ivl;
      if (g === 1) {
        lapses++;
        factor = Math.max(1300, factor - 200);
        rows.push({ id: rowAt(at), cid, ease: 1, type: 1, ivl: -600, lastIvl: before, factor });
        ivl = 1;
        rows.push({
          id: rowAt(at + 10 * MINUTE),
          cid,
          ease: 3,
          type: 2,
          ivl,
          lastIvl: -600,
          factor,
        });
      } else {
        if (g === 2) {
          factor = Math.max(1300, factor - 150);
          ivl = Math.max(ivl + 1, Math.round(elapsed * 1.2));
        } else if (g === 3) {
          ivl = Math.max(ivl + 1, Math.round(elapsed * (factor / 1000)));
        } else {
          factor += 150;
          ivl = Math.max(ivl + 1, Math.round(elapsed * (factor / 1000) * 1.3));
        }
        rows.push({ id: rowAt(at), cid, ease: g, type: 1, ivl, lastIvl: before, factor });
      }
      last = day;
    }
    // Seeded: the learning steps and first reviews are gone from the log (a trimmed history).
    const kept = group === 'sm2-seeded' && rows.length > 4 ? rows.slice(4) : rows;
    const reps = rows.length;
    add(group, { type: 2, queue: 2, due: last + ivl, ivl, factor, reps, lapses });
    revlog.push(...kept);
  }

  // FSRS: the history FSRS's own scheduler gave (recall's, fuzz off: Anki's fuzz is its own).
  const fsrs = new Scheduler({ ...defaultDeckSettings, fuzz: false });
  for (let i = 0; i < FSRS_CARDS + STATE_ONLY_CARDS; i++) {
    const group: Group = i < FSRS_CARDS ? 'fsrs' : 'fsrs-state-only';
    const cid = (nid + 1) * 10;
    const rows: FixtureRevlog[] = [];
    let srs: SrsState | null = null;
    let at = onDay(TODAY - 20 - Math.floor(r() * 180), 5 + r() * 12);
    for (;;) {
      const g: Rating = srs === null || srs.state !== 'Review' ? (r() < 0.15 ? 1 : 3) : grade(r);
      const type = srs === null || srs.state === 'Learning' ? 0 : srs.state === 'Review' ? 1 : 2;
      const next: SrsState = fsrs.rate(String(cid), srs, g, at);
      const ivl =
        next.state === 'Review' ? next.scheduledDays : -Math.round((next.due - at) / 1000);
      const lastIvl = srs === null ? 0 : srs.state === 'Review' ? srs.scheduledDays : -600;
      rows.push({ id: rowAt(at), cid, ease: g, type, ivl, lastIvl, factor: 2500 });
      srs = next;
      if (next.state !== 'Review') {
        at = next.due;
        continue;
      }
      const dueDay = ankiDay(next.due);
      const day = dueDay + (r() < 0.3 ? Math.floor(r() * 4) : 0);
      if (day >= TODAY) break;
      at = onDay(day, 5 + r() * 12);
    }
    const s = srs!;
    add(group, {
      type: 2,
      queue: 2,
      due: ankiDay(s.due),
      ivl: s.scheduledDays,
      factor: 2500,
      reps: s.reps,
      lapses: s.lapses,
      data: JSON.stringify({
        s: s.stability,
        d: s.difficulty,
        lrt: Math.floor(s.lastReview! / 1000),
      }),
    });
    if (group === 'fsrs') revlog.push(...rows);
  }
  return {
    spec: {
      crt: CRT,
      noteTypes: [BASIC],
      decks: [{ id: 1, name: 'Agreement' }],
      notes,
      cards,
      revlog,
    },
    groups,
  };
}

type Agreement = {
  cards: number;
  /** Of the cards, the share whose due day in recall is within fuzz of Anki's (15%, ≥ 1 day). */
  withinFuzz: number;
  /** The median of |recall's due day − Anki's|. */
  medianDays: number;
  /** The median of recall's due day − Anki's (positive: recall later). */
  medianLater: number;
  ankiDue: number;
  recallDue: number;
  /** Of Anki's due today, the share recall has due today. */
  ofAnki: number;
  /** Of recall's due today, the share Anki had due today. */
  ofRecall: number;
};

const agreement = new Map<Group, Agreement>();

beforeAll(async () => {
  const { spec, groups } = generate();
  const dir = tmpDir();
  const file = join(dir, 'agreement.apkg');
  writeFileSync(file, await buildPackage(spec, 'anki21b'));
  const env = isolatedEnv({ NO_COLOR: '1', RECALL_NOW: new Date(NOW).toISOString() });
  const run = await recallInProcess(['import', file, '--into', join(dir, 'decks')], env);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const { store } = await openProgress(env, { readOnly: true });
  const states = new Map([...store.cards()].map(([k, p]) => [k.split('/').pop()!, p.srs]));
  await store.close();
  const end = dayStart(NOW, defaultDayStartsAt, 1);
  type Tally = {
    anki: Set<number>;
    recall: Set<number>;
    cards: number;
    deltas: number[];
    signed: number[];
    near: number;
  };
  const byGroup = new Map<Group, Tally>();
  for (const card of spec.cards) {
    const group = groups.get(card.id)!;
    const g = byGroup.get(group) ?? {
      anki: new Set(),
      recall: new Set(),
      cards: 0,
      deltas: [],
      signed: [],
      near: 0,
    };
    byGroup.set(group, g);
    g.cards++;
    if (card.due! <= TODAY) g.anki.add(card.id);
    const srs = states.get(`n${card.nid}`);
    if (srs === null || srs === undefined) continue;
    if (srs.due < end) g.recall.add(card.id);
    const signed = ankiDay(srs.due) - card.due!;
    g.signed.push(signed);
    const delta = Math.abs(signed);
    g.deltas.push(delta);
    if (delta <= Math.max(1, Math.round(0.15 * card.ivl!))) g.near++;
  }
  for (const [group, g] of byGroup) {
    const both = [...g.anki].filter((id) => g.recall.has(id)).length;
    const sorted = g.deltas.sort((a, b) => a - b);
    agreement.set(group, {
      cards: g.cards,
      withinFuzz: g.near / g.cards,
      medianDays: sorted[Math.floor(sorted.length / 2)]!,
      medianLater: g.signed.sort((a, b) => a - b)[Math.floor(g.signed.length / 2)]!,
      ankiDue: g.anki.size,
      recallDue: g.recall.size,
      ofAnki: both / g.anki.size,
      ofRecall: both / g.recall.size,
    });
  }
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
  for (const [group, a] of agreement) {
    console.log(
      `due today, ${group}: ${a.cards} cards; Anki ${a.ankiDue}, recall ${a.recallDue}; of Anki's, recall has ${pct(a.ofAnki)}; of recall's, Anki had ${pct(a.ofRecall)}; due day within fuzz of Anki's ${pct(a.withinFuzz)}, median ${a.medianDays} days apart (recall later by ${a.medianLater})`,
    );
  }
});

describe('the cards due today after an import', () => {
  it('are, for a card with only its FSRS state, exactly the ones Anki had due', () => {
    const a = agreement.get('fsrs-state-only')!;
    expect(a.ankiDue).toBeGreaterThan(0);
    expect(a.ofAnki).toBe(1);
    expect(a.ofRecall).toBe(1);
  });

  it('are, for FSRS histories replayed, nearly the ones Anki had due (fuzz apart)', () => {
    const a = agreement.get('fsrs')!;
    expect(a.ankiDue).toBeGreaterThan(20);
    // Every due day within fuzz of Anki's; the cards due today then differ only where fuzz moved
    // a due day across today (recall's fuzz is seeded by card, Anki's is its own).
    expect(a.withinFuzz).toBeGreaterThanOrEqual(0.95);
    expect(a.ofAnki).toBeGreaterThanOrEqual(0.7);
    expect(a.ofRecall).toBeGreaterThanOrEqual(0.6);
  });

  it('are reported for SM-2 histories, which FSRS schedules differently', () => {
    for (const group of ['sm2', 'sm2-seeded'] as const) {
      const a = agreement.get(group)!;
      expect(a.ankiDue).toBeGreaterThan(0);
      expect(a.recallDue).toBeGreaterThan(0);
    }
  });
});
