import {
  appendFileSync,
  chmodSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CardProgress } from '../../src/core/model.js';
import { UserError } from '../../src/errors.js';
import { entryLine } from '../../src/store/line.js';
import { type LineDamage, LogFile } from '../../src/store/log.js';
import type { LogEntry } from '../../src/store/model.js';
import { ProgressStore } from '../../src/store/progress.js';
import { applyEntry } from '../../src/store/replay.js';
import { SnapshotFile } from '../../src/store/snapshot.js';
import { cram, flag, known, removeTempDirs, review, state, tempDir, undo } from './entries.js';

afterAll(removeTempDirs);

const LOG = 'reviews.jsonl';
const STATE = 'state.json';

/** Ten cards rated three times each, plus a flag, an undo and cram answers. */
function history(): LogEntry[] {
  const out: LogEntry[] = [];
  for (let rep = 1; rep <= 3; rep++) {
    for (let c = 0; c < 10; c++) {
      out.push(review(`d/c${c}`, state(rep), rep === 1 ? null : state(rep - 1)));
    }
  }
  const last = review('d/c0', state(4, '2025-03-04T10:00:00.000Z'), state(3));
  out.push(flag('d/c5', '2025-03-09T10:00:00.000Z'), cram('d/c1'), last, undo(last));
  return out;
}

function fold(entries: readonly LogEntry[]): Map<string, CardProgress> {
  const map = new Map<string, CardProgress>();
  for (const e of entries) applyEntry(map, e);
  return map;
}

async function openAll(dir: string, entries: readonly LogEntry[]) {
  const { store } = await ProgressStore.open(dir);
  for (const e of entries) store.append(e);
  return store;
}

describe('ProgressStore', () => {
  it('round-trips appended entries through a real state.json and a reopen', async () => {
    const dir = tempDir();
    const entries = history();
    await (await openAll(dir, entries)).close();

    const onDisk = JSON.parse(readFileSync(join(dir, STATE), 'utf8'));
    expect(onDisk.version).toBe(2);
    expect(onDisk.logOffset).toBe(readFileSync(join(dir, LOG)).length);
    const read = await new SnapshotFile(dir).read();
    expect(read.kind === 'ok' && read.cards.get('d/c3')).toStrictEqual(known({ srs: state(3) }));

    const { store, problems } = await ProgressStore.open(dir);
    expect(problems).toEqual([]);
    expect(new Map(store.cards())).toStrictEqual(fold(entries));
    await store.close();
  });

  it('appends a batch as the same lines one append each would write, in one go', async () => {
    const one = tempDir();
    const batch = tempDir();
    const entries = history();
    await (await openAll(one, entries)).close();
    const { store } = await ProgressStore.open(batch);
    store.appendAll(entries);
    expect(new Map(store.cards())).toStrictEqual(fold(entries));
    await store.close();
    expect(readFileSync(join(batch, LOG), 'utf8')).toBe(readFileSync(join(one, LOG), 'utf8'));
    const reopened = await ProgressStore.open(batch);
    expect(new Map(reopened.store.cards())).toStrictEqual(fold(entries));
    await reopened.store.close();
  });

  it('refuses a batch with an invalid entry before writing any of it', async () => {
    const dir = tempDir();
    const { store } = await ProgressStore.open(dir);
    const [a, b] = history();
    expect(() => store.appendAll([a!, { ...b!, rating: 9 } as unknown as LogEntry])).toThrow(
      /invalid entry/,
    );
    expect(store.cards().size).toBe(0);
    await store.close();
    expect(readFileSync(join(dir, LOG), 'utf8')).toBe('');
  });

  it('takes a batch from a generator, read once, and refuses it whole at an invalid entry', async () => {
    const dir = tempDir();
    const { store } = await ProgressStore.open(dir);
    const entries = history();
    let reads = 0;
    function* bad(): Generator<LogEntry> {
      reads++;
      yield* entries.slice(0, 5);
      yield { ...entries[5]!, rating: 9 } as unknown as LogEntry;
    }
    expect(() => store.appendAll(bad())).toThrow(/invalid entry/);
    expect(store.cards().size).toBe(0);
    expect(readFileSync(join(dir, LOG), 'utf8')).toBe('');
    function* good(): Generator<LogEntry> {
      reads++;
      yield* entries;
    }
    store.appendAll(good());
    expect(reads).toBe(2);
    expect(new Map(store.cards())).toStrictEqual(fold(entries));
    await store.close();
    const reopened = await ProgressStore.open(dir);
    expect(new Map(reopened.store.cards())).toStrictEqual(fold(entries));
    await reopened.store.close();
  });

  it('writes one JSON line per entry, in order', async () => {
    const dir = tempDir();
    const entries = history();
    await (await openAll(dir, entries)).close();
    const lines = readFileSync(join(dir, LOG), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    // Each in the format line.ts chooses for it where it stands (v2 whenever it can be).
    const before = new Map<string, CardProgress>();
    const expected = entries.map((e) => {
      const line = entryLine(e, before.get(e.card)?.srs ?? null);
      applyEntry(before, e);
      return line;
    });
    expect(lines).toStrictEqual(expected);
    expect(lines.filter((l) => l.startsWith('{"v":2,')).length).toBeGreaterThan(0);
  });

  it('replays the log to the same states the session applied', async () => {
    const dir = tempDir();
    const writer = await openAll(dir, history());
    const seen = new Map(writer.cards());
    await writer.close();
    rmSync(join(dir, STATE));

    const { store, problems } = await ProgressStore.open(dir);
    expect(problems).toEqual([]);
    expect(new Map(store.cards())).toStrictEqual(seen);
    await store.close();
  });

  it('undoes a rating back to the exact previous state, and a first rating back to new', async () => {
    const dir = tempDir();
    const { store } = await ProgressStore.open(dir);
    const first = review('d/a', state(1), null);
    const second = review('d/a', state(2, '2025-03-03T10:00:00.000Z'), state(1));
    store.append(first);
    store.append(second);
    store.append(undo(second));
    expect(store.get('d/a')).toStrictEqual(known({ srs: state(1) }));
    store.append(undo(first));
    expect(store.get('d/a')).toStrictEqual(known({ srs: null }));
    await store.close();

    const lines = readFileSync(join(dir, LOG), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4); // the log is never rewritten: undo is an entry of its own
    const reopened = await ProgressStore.open(dir);
    expect(reopened.store.get('d/a')).toStrictEqual(known({ srs: null }));
    await reopened.store.close();
  });

  it('sets a flag and clears it with the next review', async () => {
    const dir = tempDir();
    const { store } = await ProgressStore.open(dir);
    store.append(review('d/a', state(1), null));
    store.append(flag('d/a', '2025-03-01T12:00:00.000Z'));
    expect(store.get('d/a')?.flaggedAt).toBe(Date.parse('2025-03-01T12:00:00.000Z'));
    await store.close();

    const again = (await ProgressStore.open(dir)).store;
    expect(again.get('d/a')?.flaggedAt).toBe(Date.parse('2025-03-01T12:00:00.000Z'));
    again.append(review('d/a', state(2, '2025-03-02T10:00:00.000Z'), state(1)));
    expect(again.get('d/a')).toStrictEqual(known({ srs: state(2, '2025-03-02T10:00:00.000Z') }));
    await again.close();
  });

  it('replays only the log tail written after the last checkpoint', async () => {
    const dir = tempDir();
    const { store } = await ProgressStore.open(dir);
    store.append(review('d/a', state(1), null));
    await store.checkpoint();
    const covered = JSON.parse(readFileSync(join(dir, STATE), 'utf8')).logOffset;
    store.append(review('d/a', state(2), state(1)));
    store.append(review('d/b', state(1), null));
    // Crash: no close, so the snapshot still covers the first entry only.
    const size = readFileSync(join(dir, LOG)).length;
    expect(covered).toBeLessThan(size);

    const reopened = await ProgressStore.open(dir);
    expect(reopened.problems).toEqual([]);
    expect(reopened.store.get('d/a')).toStrictEqual(known({ srs: state(2) }));
    expect(reopened.store.get('d/b')).toStrictEqual(known({ srs: state(1) }));
    await reopened.store.close();
    await store.close();
  });

  it('checkpoints at open when the tail is longer than checkpointAfter', async () => {
    const dir = tempDir();
    const writer = (await ProgressStore.open(dir)).store;
    for (let i = 0; i < 12; i++) writer.append(review(`d/c${i}`, state(1), null));
    // Leave without a checkpoint, as a crash would.
    const size = readFileSync(join(dir, LOG)).length;
    expect(existsSync(join(dir, STATE))).toBe(false);

    const small = await ProgressStore.open(dir, { checkpointAfter: 20 });
    expect(existsSync(join(dir, STATE))).toBe(false);
    const big = await ProgressStore.open(dir, { checkpointAfter: 10 });
    expect(JSON.parse(readFileSync(join(dir, STATE), 'utf8')).logOffset).toBe(size);
    for (const s of [small.store, big.store, writer]) await s.close();
  });

  it('leaves a snapshot at most checkpointAfter lines behind as it is at close', async () => {
    const dir = tempDir();
    await (await openAll(dir, [review('d/a', state(1), null)])).close();
    const first = readFileSync(join(dir, STATE), 'utf8');

    const session = (await ProgressStore.open(dir, { checkpointAfter: 5 })).store;
    for (let i = 0; i < 5; i++) session.append(review(`d/c${i}`, state(1), null));
    await session.close();
    expect(readFileSync(join(dir, STATE), 'utf8')).toBe(first);
    const reopened = (await ProgressStore.open(dir, { checkpointAfter: 5 })).store;
    expect(reopened.get('d/c4')).toStrictEqual(known({ srs: state(1) }));

    reopened.append(review('d/c5', state(1), null));
    await reopened.close();
    const rewritten = await new SnapshotFile(dir).read();
    expect(rewritten.kind === 'ok' && rewritten.snapshot.logOffset).toBe(
      readFileSync(join(dir, LOG)).length,
    );
    expect(rewritten.kind === 'ok' && rewritten.cards.get('d/c5')).toStrictEqual(
      known({ srs: state(1) }),
    );
  });

  it('sees what another session appended after refresh()', async () => {
    const dir = tempDir();
    const a = (await ProgressStore.open(dir)).store;
    const b = (await ProgressStore.open(dir)).store;
    a.append(review('d/a', state(1), null));
    expect(b.get('d/a')).toBeUndefined();
    b.refresh();
    expect(b.get('d/a')).toStrictEqual(known({ srs: state(1) }));
    await a.close();
    await b.close();
  });

  it('refuses to log an entry that replay would reject', async () => {
    const dir = tempDir();
    const { store } = await ProgressStore.open(dir);
    const bad = { ...review('d/a', state(1), null), due: new Date() } as unknown as LogEntry;
    expect(() => store.append(bad)).toThrow(/due must be a date/);
    expect(readFileSync(join(dir, LOG), 'utf8')).toBe('');
    await store.close();
  });
});

describe('damage', () => {
  it('reports a torn last line by number, keeps its bytes, and starts the next entry on a new line', async () => {
    const dir = tempDir();
    await (
      await openAll(dir, [review('d/a', state(1), null), review('d/b', state(1), null)])
    ).close();
    const whole = JSON.stringify(review('d/c', state(1), null));
    appendFileSync(join(dir, LOG), whole.slice(0, 40)); // the crash cut this write short
    const before = readFileSync(join(dir, LOG));

    const { store, problems } = await ProgressStore.open(dir);
    expect(problems).toEqual([
      { file: join(dir, LOG), line: 3, message: expect.stringMatching(/incomplete last line/) },
    ]);
    expect(readFileSync(join(dir, LOG))).toStrictEqual(before);

    store.append(review('d/d', state(1), null));
    const lines = readFileSync(join(dir, LOG), 'utf8').split('\n');
    expect(lines[2]).toBe(whole.slice(0, 40));
    expect(JSON.parse(lines[3] ?? '').card).toBe('d/d');
    await store.close();

    const reopened = await ProgressStore.open(dir);
    expect(reopened.problems).toEqual([
      { file: join(dir, LOG), line: 3, message: expect.stringMatching(/not valid JSON/) },
    ]);
    expect(reopened.store.get('d/d')).toStrictEqual(known({ srs: state(1) }));
    await reopened.store.close();
  });

  it('skips an invalid line, reporting it on every open even once a snapshot covers it', async () => {
    const dir = tempDir();
    const log = join(dir, LOG);
    writeFileSync(
      log,
      [
        JSON.stringify(review('d/a', state(1), null)),
        JSON.stringify({ ...review('d/b', state(1), null), rating: 7 }),
        JSON.stringify(review('d/c', state(1), null)),
        '',
      ].join('\n'),
    );
    const bytes = readFileSync(log);
    for (let open = 0; open < 2; open++) {
      const { store, problems } = await ProgressStore.open(dir);
      expect(problems).toEqual([
        { file: log, line: 2, message: expect.stringMatching(/rating must be 1, 2, 3 or 4/) },
      ]);
      expect([...store.cards().keys()]).toEqual(['d/a', 'd/c']);
      await store.close(); // the first close writes a snapshot covering the bad line
    }
    expect(readFileSync(log)).toStrictEqual(bytes);
  });

  it('keeps a damaged state.json under a new name and rebuilds the state from the log', async () => {
    const dir = tempDir();
    const entries = history();
    await (await openAll(dir, entries)).close();
    writeFileSync(join(dir, STATE), '{"version": 1, "logOffset": 12, "cards": {');

    const { store, problems } = await ProgressStore.open(dir);
    const kept = readdirSync(dir).filter((f) => f.startsWith('state.json.damaged-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0] ?? ''), 'utf8')).toBe(
      '{"version": 1, "logOffset": 12, "cards": {',
    );
    expect(problems).toEqual([
      {
        file: join(dir, STATE),
        message: `not a valid snapshot (not valid JSON); rebuilt from reviews.jsonl; the damaged file is kept at ${join(dir, kept[0] ?? '')}`,
      },
    ]);
    expect(new Map(store.cards())).toStrictEqual(fold(entries));
    await store.close();
  });

  it('treats a snapshot of the wrong shape as damaged', async () => {
    const dir = tempDir();
    await (await openAll(dir, [review('d/a', state(1), null)])).close();
    const snap = JSON.parse(readFileSync(join(dir, STATE), 'utf8'));
    expect(snap.keys).toEqual(['d/a']);
    snap.srs[6] = 'three'; // the first card's reps
    writeFileSync(join(dir, STATE), JSON.stringify(snap));

    const { store, problems } = await ProgressStore.open(dir);
    expect(problems[0]?.message).toMatch(/card "d\/a": srs.reps must be a whole number/);
    expect(store.get('d/a')).toStrictEqual(known({ srs: state(1) }));
    await store.close();
  });

  it('rebuilds from the log when the snapshot belongs to another version of the log', async () => {
    const dir = tempDir();
    await (
      await openAll(dir, [review('d/a', state(1), null), review('d/b', state(1), null)])
    ).close();
    // Replaced by a log of the same length that holds other ratings.
    const other = [review('d/x', state(1), null), review('d/y', state(1), null)];
    writeFileSync(join(dir, LOG), `${other.map((e) => JSON.stringify(e)).join('\n')}\n`);

    const { store, problems } = await ProgressStore.open(dir);
    expect(problems[0]?.message).toMatch(
      /does not match reviews.jsonl .*the stale file is kept at/,
    );
    expect([...store.cards().keys()]).toEqual(['d/x', 'd/y']);
    await store.close();
  });

  it('rebuilds when the log is shorter than the snapshot says', async () => {
    const dir = tempDir();
    await (await openAll(dir, [review('d/a', state(1), null)])).close();
    writeFileSync(join(dir, LOG), '');
    const { store, problems } = await ProgressStore.open(dir);
    expect(problems[0]?.message).toMatch(/covers \d+ bytes of the log, which has 0/);
    expect(store.cards().size).toBe(0);
    await store.close();
  });

  it('fails with one clear line when the folder cannot be used', async () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, '');
    const error = await ProgressStore.open(join(file, 'recall')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^cannot open the progress store: .*not-a-folder/);
    expect((error as Error).message).not.toContain('\n');
  });

  it.skipIf(process.getuid?.() === 0)('fails with one clear line on EACCES', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o000);
    try {
      const error = await ProgressStore.open(join(dir, 'recall')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toMatch(/cannot open the progress store: EACCES/);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});

describe('reading the log', () => {
  const readAll = (dir: string, maxLine?: number) => {
    const log = LogFile.open(join(dir, LOG), 'read', maxLine);
    const seen: { entry: LogEntry; line: number }[] = [];
    const damaged: LineDamage[] = [];
    const read = log.readLines(0, 0, {
      entry: (entry, line) => seen.push({ entry, line }),
      damage: (d) => damaged.push(d),
    });
    log.close();
    return { seen, damaged, read };
  };

  it('visits every valid entry with its line number, reports damage, leaves a torn tail', () => {
    const dir = tempDir();
    const good = [
      review('d/a', state(1), null),
      cram('d/a'),
      flag('d/b', '2025-03-01T12:00:00.000Z'),
    ];
    const body = `${JSON.stringify(good[0])}\nnot json\n${JSON.stringify(good[1])}\n\n${JSON.stringify(good[2])}\n`;
    writeFileSync(join(dir, LOG), `${body}{"v":1,`);
    const { seen, damaged, read } = readAll(dir);
    expect(seen).toStrictEqual([
      { entry: good[0], line: 1 },
      { entry: good[1], line: 3 },
      { entry: good[2], line: 5 },
    ]);
    expect(damaged.map((d) => d.line)).toEqual([2]);
    expect(read).toEqual({ end: Buffer.byteLength(body), line: 5 });
  });

  it('reads lines longer than its read buffer (up to the cap), and lines split across reads', async () => {
    const dir = tempDir();
    const huge = flag('d/huge', '2025-03-01T12:00:00.000Z', 'x'.repeat(5 * 1024 * 1024));
    const small = Array.from({ length: 30_000 }, (_, i) => review(`d/c${i}`, state(1), null));
    const entries = [...small.slice(0, 15_000), huge, ...small.slice(15_000)];
    writeFileSync(join(dir, LOG), `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`);

    const cap = 8 * 1024 * 1024;
    const { seen } = readAll(dir, cap);
    const hugeLine = seen.find(({ entry }) => entry.card === 'd/huge')?.line;
    expect([seen.length, hugeLine]).toEqual([30_001, 15_001]);

    const { store, problems } = await ProgressStore.open(dir, { maxLineBytes: cap });
    expect(problems).toEqual([]);
    expect(store.cards().size).toBe(30_001);
    expect(store.get('d/huge')?.flaggedAt).toBe(Date.parse('2025-03-01T12:00:00.000Z'));
    await store.close();
  });

  it('reports a line over the cap as damaged without parsing it, and reads on after it', () => {
    const dir = tempDir();
    const a = review('d/a', state(1), null);
    const b = review('d/b', state(1), null);
    // Valid JSON, so only the cap can be what rejects it; three reads' worth of the buffer.
    const long = JSON.stringify(flag('d/long', '2025-03-01T12:00:00.000Z', 'x'.repeat(40_000)));
    const text = `${JSON.stringify(a)}\n${long}\n${JSON.stringify(b)}\n`;
    writeFileSync(join(dir, LOG), text);
    const { seen, damaged, read } = readAll(dir, 4096);
    expect(seen.map(({ entry, line }) => [entry.card, line])).toEqual([
      ['d/a', 1],
      ['d/b', 3],
    ]);
    expect(damaged).toEqual([{ line: 2, message: expect.stringMatching(/longer than 4 KiB/) }]);
    expect(read).toEqual({ end: Buffer.byteLength(text), line: 3 });
  });

  it('summarises many damaged lines after the first few', async () => {
    const dir = tempDir();
    const good = JSON.stringify(review('d/a', state(1), null));
    writeFileSync(join(dir, LOG), `${good}\n${'junk\n'.repeat(40)}`);
    const { store, problems } = await ProgressStore.open(dir);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, undefined]);
    expect(problems[5]?.message).toBe('… and 35 more damaged lines in reviews.jsonl, skipped');
    expect(store.get('d/a')).toStrictEqual(known({ srs: state(1) }));
    await store.close();
  });

  it('accepts a byte-order mark an editor put before the first line', async () => {
    const dir = tempDir();
    const entries = [review('d/a', state(1), null), review('d/b', state(1), null)];
    writeFileSync(join(dir, LOG), `\uFEFF${entries.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const { seen, damaged } = readAll(dir);
    expect([seen.map((s) => s.line), damaged]).toEqual([[1, 2], []]);
    const { store, problems } = await ProgressStore.open(dir);
    expect(problems).toEqual([]);
    expect(store.get('d/a')).toStrictEqual(known({ srs: state(1) }));
    expect((await store.history()).rows).toBe(2);
    await store.close();
  });
});
