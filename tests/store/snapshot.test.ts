import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CardProgress } from '../../src/core/model.js';
import { progressToStored } from '../../src/store/convert.js';
import { ProgressStore } from '../../src/store/progress.js';
import { SnapshotFile, type SnapshotHead } from '../../src/store/snapshot.js';
import { flag, known, removeTempDirs, review, state, tempDir } from './entries.js';

afterAll(removeTempDirs);

const STATE = 'state.json';
const head: SnapshotHead = { logOffset: 0, logLines: 0, logTail: '', skipped: [] };

/** Every kind of progress a card can have, in an order a store could hold them. */
function variety(): Map<string, CardProgress> {
  const { lastReview: _l, firstReview: _f, ...bare } = state(2);
  return new Map<string, CardProgress>([
    ['d/rated', known({ srs: state(3) })],
    [
      'd/new-flagged',
      known({ srs: null, flaggedAt: '2025-03-09T10:00:00.000Z', flagReason: 'quiz' }),
    ],
    ['d/flag-no-reason', known({ srs: state(1), flaggedAt: '2025-03-09T10:00:00.000Z' })],
    ['d/suspended', known({ srs: state(1), suspended: true })],
    [
      'd/buried-marked',
      known({ srs: state(2), buriedUntil: '2025-03-10T04:00:00.000Z', mark: 'red' }),
    ],
    [
      'd/no-reviews-kept',
      known({ srs: { ...bare, state: 'Relearning', stability: 0.0123456789 } }),
    ],
    ['d/new', known({ srs: null })],
  ]);
}

const asJson = (cards: ReadonlyMap<string, CardProgress>) =>
  JSON.stringify([...cards].map(([k, p]) => [k, p]));

describe('state.json, version 2', () => {
  it('reads back every card as written: the same states, fields, key order and map order', async () => {
    const dir = tempDir();
    const file = new SnapshotFile(dir);
    const cards = variety();
    await file.write({ ...head, logOffset: 12, logLines: 1, logTail: 'abc' }, cards);
    const read = await file.read();
    expect(read.kind).toBe('ok');
    if (read.kind !== 'ok') return;
    expect(read.snapshot.logOffset).toBe(12);
    expect(read.cards).toStrictEqual(cards);
    expect(asJson(read.cards)).toBe(asJson(cards));
    const onDisk = JSON.parse(readFileSync(join(dir, STATE), 'utf8'));
    expect(onDisk.version).toBe(2);
    expect(onDisk.keys).toEqual([...cards.keys()]);
    expect(Object.keys(onDisk.more)).toEqual([
      'd/new-flagged',
      'd/flag-no-reason',
      'd/suspended',
      'd/buried-marked',
    ]);
  });

  it('still reads version 1, to the same cards, and the next checkpoint writes version 2', async () => {
    const dir = tempDir();
    const cards = variety();
    // The head of an empty log, as a store writes it.
    await (await ProgressStore.open(dir)).store.close();
    const {
      keys: _k,
      srs: _s,
      more: _m,
      ...empty
    } = JSON.parse(readFileSync(join(dir, STATE), 'utf8'));
    const stored = Object.fromEntries([...cards].map(([k, p]) => [k, progressToStored(p)]));
    writeFileSync(join(dir, STATE), JSON.stringify({ ...empty, version: 1, cards: stored }));
    const read = await new SnapshotFile(dir).read();
    expect(read.kind === 'ok' && asJson(read.cards)).toBe(asJson(cards));

    const { store, problems } = await ProgressStore.open(dir);
    expect(problems).toEqual([]);
    expect(asJson(store.cards())).toBe(asJson(cards));
    store.append(review('d/new', state(1), null));
    await store.checkpoint();
    await store.close();
    expect(JSON.parse(readFileSync(join(dir, STATE), 'utf8')).version).toBe(2);
    const again = await ProgressStore.open(dir);
    expect(again.problems).toEqual([]);
    expect(again.store.get('d/new')).toStrictEqual(known({ srs: state(1) }));
    expect([...again.store.cards().keys()]).toEqual([...cards.keys()]);
    await again.store.close();
  });

  it('a store reopened from its snapshot holds what replaying the log gives', async () => {
    const dir = tempDir();
    const { store } = await ProgressStore.open(dir);
    store.append(review('d/a', state(1), null));
    store.append(review('d/b', state(1), null));
    store.append(flag('d/b', '2025-03-09T10:00:00.000Z', 'quiz'));
    store.append(review('d/a', state(2), state(1)));
    await store.close();
    const replayed = new Map(store.cards());
    const { store: reopened, problems } = await ProgressStore.open(dir);
    expect(problems).toEqual([]);
    expect(asJson(reopened.cards())).toBe(asJson(replayed));
    await reopened.close();
  });

  const damaged: [
    string,
    (s: { keys: unknown[]; srs: unknown[]; more: Record<string, unknown> }) => void,
    RegExp,
  ][] = [
    [
      'a list of states of the wrong length',
      (s) => s.srs.pop(),
      /srs must be a list of 10 numbers per key/,
    ],
    [
      'a key listed twice',
      (s) => {
        s.keys.push(s.keys[0]);
        s.srs.push(...s.srs.slice(0, 10));
      },
      /card "d\/rated" is listed twice/,
    ],
    [
      'a state index out of range',
      (s) => {
        s.srs[0] = 7;
      },
      /card "d\/rated": srs.state must be New/,
    ],
    [
      'a state index as a string',
      (s) => {
        s.srs[0] = '2';
      },
      /card "d\/rated": srs.state must be New/,
    ],
    [
      'a due date that is not whole ms',
      (s) => {
        s.srs[1] = 1.5;
      },
      /card "d\/rated": srs.due must be a date/,
    ],
    [
      'a due date as a string',
      (s) => {
        s.srs[1] = '2025-03-01T10:00:00.000Z';
      },
      /srs.due must be a date/,
    ],
    [
      'a last review out of range',
      (s) => {
        s.srs[8] = 9e15;
      },
      /srs.lastReview must be a date/,
    ],
    [
      'a status for a key not listed',
      (s) => {
        s.more['d/nowhere'] = { suspended: true };
      },
      /more: card "d\/nowhere" is not in keys/,
    ],
    [
      'a bad status',
      (s) => {
        s.more['d/suspended'] = { suspended: 1 };
      },
      /card "d\/suspended": suspended must be true/,
    ],
    [
      'an empty key',
      (s) => {
        s.keys[0] = '';
      },
      /keys must hold card keys/,
    ],
  ];
  for (const [what, spoil, reason] of damaged) {
    it(`is damaged, never thrown on, with ${what}`, async () => {
      const dir = tempDir();
      const file = new SnapshotFile(dir);
      await file.write(head, variety());
      const s = JSON.parse(readFileSync(join(dir, STATE), 'utf8'));
      spoil(s);
      writeFileSync(join(dir, STATE), JSON.stringify(s));
      const read = await file.read();
      expect(read.kind).toBe('damaged');
      expect(read.kind === 'damaged' && read.reason).toMatch(reason);
    });
  }
});
