/** The compact (v2) line format: what it leaves out comes back the same in its place. */
import { describe, expect, it } from 'vitest';
import type { CardProgress, Rating, SrsState } from '../../src/core/model.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { srsToStored } from '../../src/store/convert.js';
import { HistoryBuilder } from '../../src/store/history.js';
import { newEntryId } from '../../src/store/ids.js';
import { compactLine, entryLine } from '../../src/store/line.js';
import type { LogEntry, ReviewEntry, SetEntry } from '../../src/store/model.js';
import { applyEntry, stateFingerprint } from '../../src/store/replay.js';
import { isDate, parseEntry } from '../../src/store/validate.js';

const t0 = Date.parse('2026-03-01T08:00:00.000Z');
const scheduler = new Scheduler(defaultDeckSettings);

/** A full (v1) rating of `key` on `prev` at `at`, as the recorder makes one. */
function rating(key: string, prev: SrsState | null, r: Rating, at: number): ReviewEntry {
  const next = scheduler.rate(key, prev, r, at);
  return {
    v: 1,
    id: newEntryId(at),
    kind: 'review',
    card: key,
    rating: r,
    reviewedAt: new Date(at).toISOString(),
    durationMs: 4321,
    ...srsToStored(next),
    prev: prev && srsToStored(prev),
  };
}

/** A day of study over a few cards with every entry kind, as full entries in log order. */
function session(): LogEntry[] {
  const cards = new Map<string, CardProgress>();
  const out: LogEntry[] = [];
  const push = (e: LogEntry) => {
    out.push(e);
    applyEntry(cards, e);
  };
  const srs = (key: string) => cards.get(key)?.srs ?? null;
  let at = t0;
  const tick = (ms: number) => {
    at += ms;
    return at;
  };
  for (let round = 0; round < 6; round++) {
    for (const key of ['d/a', 'd/b', 'd/c:1', 'd/c:2']) {
      push(
        rating(
          key,
          srs(key),
          (((round * 3 + key.length) % 4) + 1) as Rating,
          tick(90_000 + round * 86_400_000),
        ),
      );
    }
  }
  const last = rating('d/a', srs('d/a'), 1, tick(60_000));
  push(last);
  const iso = (ms: number) => new Date(ms).toISOString();
  push({
    v: 1,
    id: newEntryId(at + 1),
    kind: 'undo',
    card: 'd/a',
    undoes: last.id,
    at: iso(at + 1),
    restore: last.prev ?? null,
  });
  push({
    v: 1,
    id: newEntryId(at + 2),
    kind: 'cram',
    card: 'd/b',
    rating: 2,
    at: iso(at + 2),
    durationMs: 900,
  });
  push({
    v: 1,
    id: newEntryId(at + 3),
    kind: 'flag',
    card: 'd/b',
    at: iso(at + 3),
    reason: 'quiz',
  });
  push({ v: 1, id: newEntryId(at + 4), kind: 'move', card: 'd/c:2', to: 'd/e', at: iso(at + 4) });
  push({ v: 1, id: newEntryId(at + 5), kind: 'forget', card: 'd/c:1', at: iso(at + 5) });
  push({ ...rating('d/e', srs('d/e'), 3, at + 6), via: 'cram' });
  // A reschedule of two cards, one made new again, and the undo of the first.
  const set = (
    key: string,
    next: SrsState | null,
    why: SetEntry['why'],
    t: number,
    undoes?: string,
  ) => {
    const e: SetEntry = {
      v: 1,
      id: newEntryId(t),
      kind: 'set',
      card: key,
      at: iso(t),
      batch: `batch-${why}`,
      why,
      ...(undoes === undefined ? {} : { undoes }),
      was: srs(key) && srsToStored(srs(key)!),
      srs: next && srsToStored(next),
    };
    push(e);
  };
  const b = srs('d/b')!;
  set('d/b', { ...b, due: b.due + 86_400_000, stability: b.stability * 1.5 }, 'reschedule', at + 7);
  set('d/e', null, 'forget', at + 8);
  set('d/b', b, 'undo', at + 9, 'batch-reschedule');
  push(rating('d/e', srs('d/e'), 3, at + 10));
  return out;
}

/** Each entry's line where it stands, and the maps replaying the entries and the lines give. */
function written(entries: readonly LogEntry[]) {
  const full = new Map<string, CardProgress>();
  const read = new Map<string, CardProgress>();
  const lines: string[] = [];
  const fromFull = new HistoryBuilder();
  const fromLines = new HistoryBuilder();
  for (const e of entries) {
    const line = entryLine(e, full.get(e.card)?.srs ?? null);
    lines.push(line);
    applyEntry(full, e);
    const back = parseEntry(line);
    if ('problem' in back) throw new Error(back.problem);
    applyEntry(read, back);
    fromFull.line(JSON.stringify(e));
    fromLines.line(line);
  }
  return { lines, full, read, history: [fromFull.history(), fromLines.history()] as const };
}

describe('compact log lines', () => {
  it('replay to the states and the statistics the full entries give', () => {
    const { lines, full, read, history } = written(session());
    expect(lines.every((l) => l.startsWith('{"v":2,'))).toBe(true);
    expect(read).toStrictEqual(full);
    // firstReview is left out of the lines and derived: it must come back.
    expect(read.get('d/a')?.srs?.firstReview).toBe(t0 + 90_000);
    // The set made d/e new again: its rating after starts it over.
    expect(read.get('d/e')?.srs).toMatchObject({ reps: 1, lapses: 0 });
    expect(lines.filter((l) => l.includes('"kind":"set"'))).toHaveLength(3);
    const [a, b] = history;
    expect({ ...b }).toStrictEqual({ ...a });
  });

  it('hold a review in under 250 bytes for a card key of 40 characters', () => {
    const key = `databricks-jobs-api/${'x'.repeat(20)}`;
    const first = rating(key, null, 3, t0);
    const prev = scheduler.rate(key, null, 3, t0);
    const second = rating(key, prev, 3, t0 + 86_400_000 * 3);
    const line = entryLine(second, prev);
    expect(line.startsWith('{"v":2,')).toBe(true);
    expect(Buffer.byteLength(line) + 1).toBeLessThanOrEqual(250);
    expect(Buffer.byteLength(JSON.stringify(second)) + 1).toBeGreaterThan(500);
    expect(entryLine(first, null)).not.toMatch(/"on":"[^"]/);
  });

  it('keep a full line for what they cannot say exactly', () => {
    const prev = scheduler.rate('d/a', null, 3, t0);
    const ok = rating('d/a', prev, 3, t0 + 60_000);
    expect(compactLine(ok, prev)).not.toBeNull();
    // A field a newer recall added; a first review that is not the card's; a rating whose
    // state before it is not the card's in what statistics read (its interval).
    expect(compactLine({ ...ok, extra: 1 } as LogEntry, prev)).toBeNull();
    expect(compactLine({ ...ok, firstReview: '2020-01-01T00:00:00.000Z' }, prev)).toBeNull();
    expect(compactLine(ok, { ...prev, scheduledDays: prev.scheduledDays + 1 })).toBeNull();
    expect(compactLine(ok, null)).toBeNull();
    expect(compactLine({ ...ok, lastReview: '2020-01-01T00:00:00.000Z' }, prev)).toBeNull();
  });

  it('spell out a time the id does not hold, and keep the state before as its fingerprint', () => {
    const prev = scheduler.rate('d/a', null, 3, t0);
    const e = { ...rating('d/a', prev, 3, t0 + 60_000), id: 'made-by-hand' };
    const line = compactLine(e, prev)!;
    expect(JSON.parse(line)).toMatchObject({ at: e.reviewedAt, on: stateFingerprint(prev) });
    expect(parseEntry(line)).toMatchObject({
      reviewedAt: e.reviewedAt,
      on: stateFingerprint(prev),
    });
  });

  it('report a damaged compact line as damage, not a crash', () => {
    const bad = [
      ['{"v":2,"id":"x","kind":"flag","card":"d/a","reason":"q"}', /at is missing/],
      [
        '{"v":2,"id":"0mmkbz6oh-d69532e8ae1b","kind":"review","card":"d/a","rating":3,"ms":1,"on":"","state":"Review","due":1.5,"s":1,"d":5,"days":1,"step":0,"reps":1,"lapses":0}',
        /due must be/,
      ],
      [
        '{"v":2,"id":"0mmkbz6oh-d69532e8ae1b","kind":"review","card":"d/a","rating":3,"ms":1,"on":"","state":"Review","due":9e15,"s":1,"d":5,"days":1,"step":0,"reps":1,"lapses":0}',
        /out of range/,
      ],
      [
        '{"v":2,"id":"0mmkbz6oh-d69532e8ae1b","kind":"review","card":"d/a","rating":3,"ms":1,"state":"Review","due":1,"s":1,"d":5,"days":1,"step":0,"reps":1,"lapses":0}',
        /on must be/,
      ],
      ['{"v":3,"id":"x"}', /newer recall \(format v3\)/],
    ] as const;
    for (const [line, why] of bad) {
      const parsed = parseEntry(line);
      expect('problem' in parsed && parsed.problem, line).toMatch(why);
    }
  });
});

describe('state fingerprints', () => {
  it('tell apart states that differ in any field replay compares', () => {
    const s = scheduler.rate('d/a', null, 3, t0);
    expect(stateFingerprint(s)).toBe(stateFingerprint({ ...s }));
    expect(stateFingerprint(null)).toBe('');
    for (const change of [
      { due: s.due + 1 },
      { stability: s.stability + 1e-8 },
      { difficulty: s.difficulty + 1e-8 },
      { reps: s.reps + 1 },
      { lapses: s.lapses + 1 },
      { learningSteps: s.learningSteps + 1 },
      { lastReview: (s.lastReview ?? 0) + 1 },
      { state: 'Review' as const },
    ]) {
      expect(stateFingerprint({ ...s, ...change }), JSON.stringify(change)).not.toBe(
        stateFingerprint(s),
      );
    }
  });
});

describe('isDate', () => {
  const pattern =
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
  const before = (v: string) => pattern.test(v) || !Number.isNaN(Date.parse(v));
  it('reads the log form digit by digit and answers as the pattern and Date.parse did', () => {
    const cases = [
      '2026-03-10T08:11:02.417Z',
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2026-02-29T00:00:00.000Z',
      '2024-02-29T00:00:00.000Z',
      '2026-02-31T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-03-10T24:00:00.000Z',
      '2026-03-10T08:11:60.000Z',
      '2026-03-10T08:11:02.41xZ',
      '2026-03-10 08:11:02.417Z',
      '2026-03-10T08:11:02+02:00',
      '2026-03-10T08:11:02.417123Z',
      'Tue Mar 10 2026 08:11:02',
      '+02026-03-10T08:11:02.41Z',
      'not a date at all, not it',
      '',
    ];
    for (const c of cases) expect(isDate(c), c).toBe(before(c));
    expect(isDate(1_700_000_000_000)).toBe(false);
  });
});
