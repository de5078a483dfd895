import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cardControl } from '../../src/app/card-control.js';
import { type CramDeps, cramDeps } from '../../src/app/cram.js';
import { Recorder } from '../../src/app/recorder.js';
import { startReview } from '../../src/app/review.js';
import type { Card } from '../../src/core/card.js';
import { createCram } from '../../src/core/cram-session.js';
import { formatDuration } from '../../src/core/duration.js';
import { ROW_UNDONE } from '../../src/core/history.js';
import type { Rating } from '../../src/core/model.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import type { LogEntry } from '../../src/store/model.js';
import { ProgressStore } from '../../src/store/progress.js';
import { KeyRouter } from '../../src/ui/hooks/use-keys.js';
import { Cram } from '../../src/ui/screens/Cram.js';
import { collectionsClosedAfterEach, deck } from '../app/collection.js';
import { choiceQ, typedQ } from '../core/quiz-cards.js';
import { fakeCardTools } from '../support/card-tools.js';
import { basic } from '../support/cards.js';
import { eventually, frameMatching, renderAt, scrollCardToEnd } from '../support/ink.js';

const t0 = Date.parse('2026-03-10T20:00:00Z');
const scheduler = new Scheduler(defaultDeckSettings);

type Recorded = { key: string; rating: Rating; first: boolean };

/** A clock that moves 5 s per reading, so durations and the summary's time are not zero. */
function ticking() {
  let n = 0;
  return () => t0 + 5000 * n++;
}

/** `size`: drawn in a terminal of that size (the screen told its height), else 100 wide. */
function setup(cards: Card[], deps?: Partial<CramDeps>, size?: { columns: number; rows: number }) {
  const recorded: Recorded[] = [];
  const undone: string[] = [];
  const control: string[] = [];
  let exited = false;
  const all: CramDeps = {
    ...fakeCardTools(cards, control),
    now: ticking(),
    reschedule: false,
    record: (card, rating, first) => {
      recorded.push({ key: card.key, rating, first });
      return { entryId: `e${recorded.length}` };
    },
    undo: (record) => {
      undone.push(record.entryId);
      return undefined;
    },
    ...deps,
  };
  const tree = (
    <KeyRouter>
      <Cram
        start={{
          title: 'Test deck',
          state: createCram(cards),
          reschedule: all.reschedule,
          seed: 's',
        }}
        deps={all}
        width={size?.columns ?? 100}
        {...(size ? { height: size.rows } : {})}
        onExit={() => {
          exited = true;
        }}
      />
    </KeyRouter>
  );
  const view: Drawn = size ? renderAt(tree, size.columns, size.rows) : render(tree);
  return { view, recorded, undone, control, exited: () => exited };
}

const cards = () => ['a', 'b', 'c'].map((id, i) => basic(id, { order: i }));

/** Reveals the card on screen and grades it with `key` (y, n or 1–4). */
/** What the tests read and type into: ink-testing-library's render, or `renderAt`'s. */
type Drawn = { stdin: { write: (keys: string) => void }; lastFrame: () => string | undefined };

async function grade(view: Drawn, prompt: string, key: string) {
  await frameMatching(view.lastFrame, prompt);
  view.stdin.write(' ');
  await frameMatching(view.lastFrame, prompt.replace('Q', 'A'));
  view.stdin.write(key);
}

describe('Cram screen', () => {
  it('brings a card answered wrong back later in the session until it is answered right', async () => {
    const { view, recorded } = setup(cards());
    await grade(view, 'Q a', 'n');
    await grade(view, 'Q b', 'y');
    await grade(view, 'Q c', 'y');
    await frameMatching(view.lastFrame, 'missed 1× before');
    await grade(view, 'Q a', 'y');
    await frameMatching(view.lastFrame, 'Cram finished');
    expect(recorded.map((r) => [r.key, r.rating, r.first])).toEqual([
      ['d/a', 1, true],
      ['d/b', 3, true],
      ['d/c', 3, true],
      ['d/a', 3, false],
    ]);
  });

  it('ends with a summary of first-try accuracy, the cards missed most and the time', async () => {
    const { view, exited } = setup(cards());
    await grade(view, 'Q a', 'n');
    await grade(view, 'Q b', 'y');
    await grade(view, 'Q c', 'y');
    await grade(view, 'Q a', 'y');
    const frame = await frameMatching(view.lastFrame, 'Cram finished');
    expect(frame).toMatch(/Cards 3 · passed 3 · answers 4/);
    expect(frame).toContain('First-try accuracy 67% (2 of 3 right the first time)');
    expect(frame).toMatch(/Missed most\s+1× Q a/);
    expect(frame).toMatch(/Time answering \d+s/);
    expect(frame).toContain('Schedule untouched');
    view.stdin.write('q');
    await eventually(() => expect(exited()).toBe(true));
  });

  it('checks a choice card, shows the right answer, and brings it back when missed', async () => {
    const card = choiceQ(
      'ch',
      'Which is the production standard?',
      ['UI', 'DABs/YAML', 'CLI'],
      [1],
    );
    const { view, recorded } = setup([card, basic('b')]);
    const frame = await frameMatching(view.lastFrame, 'production standard');
    const wrong = ['a', 'b', 'c'].find((l) => !new RegExp(`${l}\\) DABs/YAML`).test(frame))!;
    view.stdin.write(wrong);
    await frameMatching(view.lastFrame, /✓ [a-c]\) DABs\/YAML/);
    expect(view.lastFrame()).toContain('Wrong: it comes back later');
    view.stdin.write('\r');
    await grade(view, 'Q b', 'y');
    const again = await frameMatching(view.lastFrame, 'production standard');
    const right = /([a-c])\) DABs\/YAML/.exec(again)![1]!;
    view.stdin.write(right);
    await frameMatching(view.lastFrame, '✓ Right.');
    view.stdin.write('\r');
    await frameMatching(view.lastFrame, 'Cram finished');
    expect(recorded.map((r) => [r.key, r.rating])).toEqual([
      ['d/ch', 1],
      ['d/b', 3],
      ['d/ch', 3],
    ]);
  });

  it('checks a typed answer, counting a typo as right (Hard) as review does', async () => {
    const card = typedQ('ty', 'Which field replaced has_more?', ['next_page_token']);
    const { view, recorded } = setup([card]);
    view.stdin.write('next_page_tokn');
    await frameMatching(view.lastFrame, '› next_page_tokn');
    view.stdin.write('\r');
    await frameMatching(view.lastFrame, 'A typo: counts as right.');
    view.stdin.write('\r');
    await frameMatching(view.lastFrame, 'Cram finished');
    expect(recorded).toEqual([{ key: 'd/ty', rating: 2, first: true }]);
  });

  it('takes text and its Enter arriving in one chunk (a paste)', async () => {
    const card = typedQ('ty', 'Which field replaced has_more?', ['next_page_token']);
    const { view, recorded } = setup([card]);
    await frameMatching(view.lastFrame, 'has_more');
    view.stdin.write('next_page_token\r');
    await frameMatching(view.lastFrame, '✓ correct');
    expect(recorded).toEqual([{ key: 'd/ty', rating: 3, first: true }]);
  });

  it('offers 1–4 instead of y/n for self-graded cards when rescheduling', async () => {
    const { view, recorded } = setup([basic('a')], { reschedule: true });
    view.stdin.write(' ');
    const frame = await frameMatching(view.lastFrame, 'A a');
    expect(frame).toMatch(/\[1\] Again\s+\[2\] Hard\s+\[3\] Good\s+\[4\] Easy/);
    // 'y' records nothing: the one entry after the next key is the 4.
    view.stdin.write('y');
    view.stdin.write('4');
    await frameMatching(view.lastFrame, 'Cram finished');
    expect(recorded).toEqual([{ key: 'd/a', rating: 4, first: true }]);
  });

  it('undoes the last answer: on a checked card, on the next card, and from the summary', async () => {
    const card = typedQ('ty', 'Which field replaced has_more?', ['next_page_token']);
    const { view, recorded, undone } = setup([basic('a'), card]);
    await grade(view, 'Q a', 'y');
    await frameMatching(view.lastFrame, 'has_more');
    // On the typed card's input, u is text: Ctrl-Z undoes.
    view.stdin.write('\x1a');
    await frameMatching(view.lastFrame, 'Q a');
    expect(undone).toEqual(['e1']);
    await grade(view, 'Q a', 'n');
    view.stdin.write('next_page_token\r');
    await frameMatching(view.lastFrame, '✓ correct');
    view.stdin.write('u');
    await frameMatching(view.lastFrame, 'type the answer');
    expect(undone).toEqual(['e1', 'e3']);
    view.stdin.write('next_page_token\r');
    await frameMatching(view.lastFrame, '✓ correct');
    view.stdin.write('\r');
    await grade(view, 'Q a', 'y');
    await frameMatching(view.lastFrame, 'Cram finished');
    view.stdin.write('u');
    await frameMatching(view.lastFrame, 'Q a');
    expect(undone).toEqual(['e1', 'e3', 'e5']);
    expect(recorded.map((r) => [r.key, r.first])).toEqual([
      ['d/a', true],
      ['d/a', true],
      ['d/ty', true],
      ['d/ty', true],
      ['d/a', false],
    ]);
  });

  it('offers u undo only once there is a step to undo: not on the first card, nor on a summary of nothing', async () => {
    const { view } = setup(cards(), {}, { columns: 80, rows: 24 });
    let frame = await frameMatching(view.lastFrame, 'Q a');
    expect(frame).not.toMatch(/\bu undo\b/);
    view.stdin.write(' ');
    frame = await frameMatching(view.lastFrame, 'A a');
    expect(frame).not.toMatch(/\bu undo\b/);
    view.stdin.write('y');
    frame = await frameMatching(view.lastFrame, 'Q b');
    expect(frame).toMatch(/\bu undo\b/);
    view.stdin.write('u');
    frame = await frameMatching(view.lastFrame, 'Q a');
    expect(frame).not.toMatch(/\bu undo\b/);
    view.stdin.write('q');
    frame = await frameMatching(view.lastFrame, 'Cram ended.');
    expect(frame).not.toMatch(/\bu undo\b/);
    // Nothing answered: no time to say.
    expect(frame).not.toContain('Time');
  });

  it("the summary's time is the answers' own, as recorded: one answer is not 0s", async () => {
    const times: number[] = [];
    const { view } = setup([basic('a'), basic('b')], {
      record: (_card, _rating, _first, _at, durationMs) => {
        times.push(durationMs);
        return { entryId: `e${times.length}` };
      },
    });
    await grade(view, 'Q a', 'y');
    await frameMatching(view.lastFrame, 'Q b');
    view.stdin.write('q');
    const frame = await frameMatching(view.lastFrame, 'Cram ended.');
    expect(times).toHaveLength(1);
    expect(times[0]).toBeGreaterThan(0);
    expect(frame).toContain(`Time answering ${formatDuration(times[0]!)}`);
  });

  it('ends early with q and summarises what was answered', async () => {
    const { view } = setup(cards());
    await grade(view, 'Q a', 'y');
    await frameMatching(view.lastFrame, 'Q b');
    view.stdin.write('q');
    const frame = await frameMatching(view.lastFrame, 'Cram ended.');
    expect(frame).toMatch(/Cards 3 · passed 1 · answers 1/);
  });
});

describe('Cram screen, the card on screen besides answering it', () => {
  it('tab skips a card: it comes back after the others, and u puts it back first', async () => {
    const { view, recorded } = setup(cards());
    await frameMatching(view.lastFrame, 'Q a');
    view.stdin.write('\t');
    await frameMatching(view.lastFrame, 'Q b');
    view.stdin.write('u');
    await frameMatching(view.lastFrame, 'Q a');
    view.stdin.write('\t');
    await grade(view, 'Q b', 'y');
    await grade(view, 'Q c', 'y');
    await grade(view, 'Q a', 'y');
    await frameMatching(view.lastFrame, 'Cram finished');
    expect(recorded.map((r) => r.key)).toEqual(['d/b', 'd/c', 'd/a']);
  });

  it('- buries the card out of the session, saying so; u records its undo and brings it back', async () => {
    const { view, control, undone } = setup(cards());
    await frameMatching(view.lastFrame, 'Q a');
    view.stdin.write('-');
    const frame = await frameMatching(view.lastFrame, 'Q b');
    expect(frame).toContain('Buried until the next study day.');
    expect(frame).toContain('2 to go');
    expect(frame).toMatch(/ 0\/2$/m);
    expect(control).toEqual(['bury d/a']);
    view.stdin.write('u');
    await frameMatching(view.lastFrame, 'Q a');
    expect(undone).toEqual(['c1']);
    expect(view.lastFrame()).toContain('3 to go');
  });

  it('= buries the note, @ suspends from the answer; the summary counts the cards put aside', async () => {
    const note = [basic('n1', { note: 'n', order: 0 }), basic('b', { order: 1 })];
    const all = [...note, basic('n2', { note: 'n', order: 2 })];
    const { view, control } = setup(all);
    await frameMatching(view.lastFrame, 'Q n1');
    view.stdin.write('=');
    await frameMatching(view.lastFrame, 'Buried with its note (2 cards)');
    expect(view.lastFrame()).toContain('Q b');
    view.stdin.write(' ');
    await frameMatching(view.lastFrame, 'A b');
    view.stdin.write('@');
    const frame = await frameMatching(view.lastFrame, 'Cram finished');
    expect(frame).toContain('every card answered right or put aside');
    expect(frame).toMatch(/Cards 0 · passed 0 · answers 0 · put aside 3/);
    expect(control).toEqual(['buryNote d/n1', 'suspend d/b']);
    view.stdin.write('u');
    await frameMatching(view.lastFrame, 'Q b');
  });

  it('m then a colour marks the card, which stays; u takes the mark back, then the answer', async () => {
    const { view, control, undone } = setup(cards());
    await grade(view, 'Q a', 'y');
    await frameMatching(view.lastFrame, 'Q b');
    view.stdin.write('m');
    const marking = await frameMatching(view.lastFrame, 'r/o/g/b mark');
    expect(marking).toContain('Q b');
    view.stdin.write('g');
    await frameMatching(view.lastFrame, 'Marked green.');
    expect(control).toEqual(['mark d/b green']);
    view.stdin.write('m');
    await frameMatching(view.lastFrame, 'r/o/g/b mark');
    view.stdin.write('\x1b');
    await frameMatching(view.lastFrame, 'show answer');
    view.stdin.write('u');
    await eventually(() => expect(undone).toEqual(['c1']));
    expect(view.lastFrame()).toContain('Q b');
    view.stdin.write('u');
    await frameMatching(view.lastFrame, 'Q a');
    expect(undone).toEqual(['c1', 'e1']);
  });

  it('i shows the card info over the card, e edits it: the session shows it as it now reads', async () => {
    const { view } = setup(cards());
    await frameMatching(view.lastFrame, 'Q a');
    view.stdin.write('i');
    await frameMatching(view.lastFrame, 'New');
    view.stdin.write('\x1b');
    await frameMatching(view.lastFrame, 'show answer');
    view.stdin.write('e');
    const frame = await frameMatching(view.lastFrame, 'Q a (edited)');
    expect(frame).toContain('Edited.');
    expect(frame).toContain('3 to go');
  });

  it('a choice card keeps e for its fifth choice, and a checked answer offers only info', async () => {
    const card = choiceQ('ch', 'Pick one', ['p', 'q', 'r', 's', 't'], [4]);
    const { view, control } = setup([card, basic('b')]);
    await frameMatching(view.lastFrame, 'Pick one');
    view.stdin.write('e');
    await frameMatching(view.lastFrame, /✓ [a-e]\) t/);
    view.stdin.write('-');
    view.stdin.write('i');
    await frameMatching(view.lastFrame, 'New');
    expect(control).toEqual([]);
  });
});

describe('Cram recording in the progress store', () => {
  const open = collectionsClosedAfterEach();
  const stores: ProgressStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  async function drill(reschedule: boolean) {
    const dir = mkdtempSync(join(tmpdir(), 'recall-cram-'));
    const { store } = await ProgressStore.open(dir);
    stores.push(store);
    const recorder = new Recorder(store, () => scheduler);
    const { view } = setup(
      cards(),
      cramDeps(recorder, ticking(), reschedule, fakeCardTools(cards(), [])),
    );
    await grade(view, 'Q a', reschedule ? '1' : 'n');
    await grade(view, 'Q b', reschedule ? '3' : 'y');
    await grade(view, 'Q c', reschedule ? '3' : 'y');
    await grade(view, 'Q a', reschedule ? '3' : 'y');
    await frameMatching(view.lastFrame, 'Cram finished');
    const log = readFileSync(join(dir, 'reviews.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LogEntry);
    return { store, log };
  }

  it('undo appends an undo entry naming the answer; stats drop the cram answer it cancels', async () => {
    for (const reschedule of [false, true]) {
      const dir = mkdtempSync(join(tmpdir(), 'recall-cram-'));
      const { store } = await ProgressStore.open(dir);
      stores.push(store);
      const recorder = new Recorder(store, () => scheduler);
      const { view } = setup(
        cards(),
        cramDeps(recorder, ticking(), reschedule, fakeCardTools(cards(), [])),
      );
      await grade(view, 'Q a', reschedule ? '3' : 'y');
      await frameMatching(view.lastFrame, 'Q b');
      view.stdin.write('u');
      await frameMatching(view.lastFrame, 'Q a');
      const log = readFileSync(join(dir, 'reviews.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as LogEntry);
      expect(log.map((e) => e.kind)).toEqual([reschedule ? 'review' : 'cram', 'undo']);
      const [answer, undo] = log;
      expect(undo?.kind === 'undo' && undo.undoes).toBe(answer?.id);
      expect(undo?.kind === 'undo' && undo.restore).toBeNull();
      expect(store.get('d/a')?.srs ?? null).toBeNull();
      const history = await store.history();
      expect(history.rows).toBe(1);
      expect(history.flags[0]! & ROW_UNDONE).toBe(ROW_UNDONE);
    }
  });

  it('with --reschedule shows what each rating would give, as review does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recall-cram-'));
    const { store } = await ProgressStore.open(dir);
    stores.push(store);
    const recorder = new Recorder(store, () => scheduler);
    const { view } = setup(
      cards(),
      cramDeps(recorder, ticking(), true, fakeCardTools(cards(), [])),
    );
    await frameMatching(view.lastFrame, 'Q a');
    view.stdin.write(' ');
    const frame = await frameMatching(view.lastFrame, 'A a');
    expect(frame).toMatch(
      /\[1\] Again · 1m\s+\[2\] Hard · \d+m\s+\[3\] Good · 10m\s+\[4\] Easy · \d+d/,
    );
  });

  it('suspends, buries and marks through the recorder as review does: kept in the log, review leaves them out, u undoes', async () => {
    const collection = await open([deck('d', cards())]);
    const recorder = new Recorder(collection.store, (d) => collection.schedulerFor(d));
    const tools = { ...fakeCardTools(cards(), []), ...cardControl(collection, recorder) };
    const { view } = setup(cards(), cramDeps(recorder, ticking(), false, tools));
    const queued = () => {
      const s = startReview(collection, undefined, t0 + 60_000);
      return [s.current, ...s.pending].flatMap((i) => (i ? [i.card.key] : []));
    };
    await frameMatching(view.lastFrame, 'Q a');
    view.stdin.write('@');
    await frameMatching(view.lastFrame, 'Suspended');
    view.stdin.write('-');
    await frameMatching(view.lastFrame, 'Buried until');
    view.stdin.write('m');
    await frameMatching(view.lastFrame, 'r/o/g/b mark');
    view.stdin.write('r');
    await frameMatching(view.lastFrame, 'Marked red.');
    expect(collection.store.get('d/a')?.suspended).toBe(true);
    expect(collection.store.get('d/b')?.buriedUntil).toBeGreaterThan(t0);
    expect(collection.store.get('d/c')?.mark).toBe('red');
    expect(queued()).toEqual(['d/c']);
    for (const left of ['d/c', 'd/b', 'd/a']) {
      view.stdin.write('u');
      await frameMatching(view.lastFrame, `Q ${left.slice(2)}`);
    }
    expect(collection.store.get('d/a')?.suspended).toBeFalsy();
    expect(collection.store.get('d/c')?.mark).toBeUndefined();
    expect(queued()).toEqual(['d/a', 'd/b', 'd/c']);
  });

  it('without --reschedule records only cram entries and leaves every card new', async () => {
    const { store, log } = await drill(false);
    expect(log.map((e) => [e.kind, e.card])).toEqual([
      ['cram', 'd/a'],
      ['cram', 'd/b'],
      ['cram', 'd/c'],
      ['cram', 'd/a'],
    ]);
    expect(log.map((e) => (e.kind === 'cram' ? e.rating : null))).toEqual([1, 3, 3, 3]);
    for (const key of ['d/a', 'd/b', 'd/c']) expect(store.get(key)?.srs ?? null).toBeNull();
  });

  it('with --reschedule makes each first answer a real review and later ones cram entries', async () => {
    const { store, log } = await drill(true);
    expect(log.map((e) => [e.kind, e.card, e.kind === 'review' ? e.via : undefined])).toEqual([
      ['review', 'd/a', 'cram'],
      ['review', 'd/b', 'cram'],
      ['review', 'd/c', 'cram'],
      ['cram', 'd/a', undefined],
    ]);
    expect(store.get('d/a')?.srs?.state).toBe('Learning');
    expect(store.get('d/b')?.srs?.reps).toBe(1);
  });
});

describe('Cram, a card taller than the screen', () => {
  const paths = ['runs/list', 'create', 'run-now', 'runs/get', 'list', 'runs/repair', 'get'];
  const long = () =>
    choiceQ(
      'job-endpoints',
      'Which of these endpoints act on the **job** (the definition, the recipe), not on a run?',
      paths.map((p) => `/api/2.2/jobs/${p}`),
      [1, 2, 4, 6],
      {
        explain:
          'Job endpoints: jobs/get, jobs/list, jobs/create, jobs/run-now. The rest act on runs.',
      },
    );
  const rows = (frame: string) => frame.split('\n');

  it('at 40×15 scrolls with the arrows to every choice and the explanation, inside the screen', async () => {
    const { view } = setup([long()], undefined, { columns: 40, rows: 15 });
    expect(await frameMatching(view.lastFrame, /↓ \d+ more/)).toContain('↑↓ scroll');
    const scrolled = await scrollCardToEnd(view, 15);
    let { frame } = scrolled;
    expect(scrolled.letters).toBe('abcdefg');
    // Checked and still cut: the explanation is paged to, and the question paged back to.
    for (const k of 'bceg') view.stdin.write(k);
    view.stdin.write('\r');
    await frameMatching(view.lastFrame, /↓ \d+ more[\s\S]*next/);
    for (let i = 0; i < 4; i++) view.stdin.write('\x1b[6~');
    frame = await frameMatching(view.lastFrame, /act on\s+runs\./);
    expect(rows(frame).length).toBeLessThan(15);
    for (let i = 0; i < 4; i++) view.stdin.write('\x1b[5~');
    frame = await frameMatching(view.lastFrame, 'Which of these endpoints');
    expect(frame).not.toMatch(/↑ \d+ more/);
  });

  it('at 80×24 fits whole: no scroll line, no scroll hint', async () => {
    const { view } = setup([long()], undefined, { columns: 80, rows: 24 });
    const frame = await frameMatching(view.lastFrame, 'g) /api');
    expect(frame).not.toMatch(/[↑↓] \d+ more/);
    expect(frame).not.toContain('scroll');
  });
});
