import { describe, expect, it } from 'vitest';
import type { Card, ChoiceCard, TypedCard } from '../../src/core/card.js';
import { MAX_CHOICES } from '../../src/core/card.js';
import type { Rating } from '../../src/core/model.js';
import { buildQueue } from '../../src/core/queue.js';
import { startSession } from '../../src/core/review-session.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { displayWidth } from '../../src/text/width.js';
import { Review, type ReviewDeps, type ReviewOutcome } from '../../src/ui/screens/Review.js';
import { basic, input } from '../support/cards.js';
import { eventually, frameMatching, renderAt, scrollCardToEnd } from '../support/ink.js';

const now = Date.parse('2026-03-10T12:00:00Z');
const scheduler = new Scheduler(defaultDeckSettings);

function setup(cards: Card[], size = { columns: 100, rows: 30 }) {
  const log: { key: string; rating: Rating }[] = [];
  const undone: string[] = [];
  const control: string[] = [];
  let ended: ReviewOutcome | null = null;
  const deps: ReviewDeps = {
    now: () => now,
    preview: (card, at) => scheduler.preview(card.key, null, at),
    rate: (card, rating, at) => {
      log.push({ key: card.key, rating });
      return {
        next: scheduler.rate(card.key, null, rating, at),
        entryId: `e${log.length}`,
        prev: null,
      };
    },
    undo: (entryId) => {
      undone.push(entryId);
      return undefined;
    },
    putAside: (card, how) => {
      control.push(`${how} ${card.key}`);
      // Burying a note takes its queued mates too (here: every card of note `n`).
      const keys =
        how === 'buryNote'
          ? cards.filter((c) => c.noteId === card.noteId).map((c) => c.key)
          : [card.key];
      return { entryId: `c${control.length}`, keys };
    },
    info: async (card) => ({
      card,
      state: 'New',
      due: null,
      stability: null,
      difficulty: null,
      recall: null,
      reps: 0,
      lapses: 0,
      suspended: false,
      buriedUntil: null,
      mark: null,
      ratings: [],
    }),
    // The editor appends " (edited)" to the card's prompt.
    edit: async (card) => ({
      deckId: card.deckId,
      cards: cards.map((c) =>
        c.key === card.key && c.kind === 'basic' ? { ...c, prompt: `${c.prompt} (edited)` } : c,
      ),
      notice: 'Edited.',
    }),
    mark: (card, mark) => {
      control.push(`mark ${card.key} ${mark}`);
      return `c${control.length}`;
    },
  };
  const session = startSession(
    buildQueue(
      cards.map((c) => input(c as never)),
      { now, dayStartsAt: 4 },
    ),
    now,
    Date.parse('2026-03-11T04:00:00Z'),
  );
  const view = renderAt(
    <Review
      title="Test deck"
      initial={session}
      deps={deps}
      width={size.columns}
      height={size.rows}
      onEnd={(o) => {
        ended = o;
      }}
    />,
    size.columns,
    size.rows,
  );
  return { view, log, undone, control, ended: () => ended };
}

const choice = (over: Partial<ChoiceCard> = {}): ChoiceCard => ({
  ...basic('ch'),
  kind: 'choice',
  prompt: 'Which is the production standard?',
  choices: ['UI', 'DABs/YAML', 'REST API', 'CLI'],
  correct: [1],
  ...over,
});

const typed: TypedCard = {
  ...basic('ty'),
  kind: 'typed',
  prompt: 'Which field replaced has_more?',
  accepted: ['next_page_token'],
};

describe('Review screen', () => {
  it('shows the prompt, reveals the answer with each rating interval, and rates', async () => {
    const { view, log } = setup([basic('a', { order: 0 }), basic('b', { order: 1 })]);
    expect(view.lastFrame()).toContain('Q a');
    expect(view.lastFrame()).toContain('New 2');
    expect(view.lastFrame()).not.toContain('A a');
    view.stdin.write(' ');
    const frame = await frameMatching(view.lastFrame, 'A a');
    expect(frame).toMatch(/\[1\] Again · 1m/);
    expect(frame).toMatch(/\[3\] Good · 10m/);
    expect(frame).toMatch(/\[4\] Easy · \d+d/);
    view.stdin.write('3');
    await frameMatching(view.lastFrame, 'Q b');
    expect(log).toEqual([{ key: 'd/a', rating: 3 }]);
    expect(view.lastFrame()).toContain('Learn 1');
  });

  it('keeps keys typed faster than a redraw (reveal and rate back to back)', async () => {
    const { view, log } = setup([basic('a', { order: 0 }), basic('b', { order: 1 })]);
    view.stdin.write(' ');
    view.stdin.write('4');
    view.stdin.write(' ');
    view.stdin.write('4');
    await eventually(() =>
      expect(log).toEqual([
        { key: 'd/a', rating: 4 },
        { key: 'd/b', rating: 4 },
      ]),
    );
  });

  it('takes keys that arrive in one read as separate keys', async () => {
    const { view, log } = setup([basic('a', { order: 0 }), basic('b', { order: 1 })]);
    view.stdin.write(' 4 3');
    await eventually(() =>
      expect(log).toEqual([
        { key: 'd/a', rating: 4 },
        { key: 'd/b', rating: 3 },
      ]),
    );
  });

  it('offers u undo only once a rating was given: not on the first card, shown or revealed', async () => {
    const { view } = setup([basic('a', { order: 0 }), basic('b', { order: 1 })], {
      columns: 80,
      rows: 24,
    });
    let frame = await frameMatching(view.lastFrame, 'Q a');
    expect(frame).not.toMatch(/\bu undo\b/);
    view.stdin.write(' ');
    frame = await frameMatching(view.lastFrame, 'A a');
    expect(frame).not.toMatch(/\bu undo\b/);
    view.stdin.write('4');
    frame = await frameMatching(view.lastFrame, 'Q b');
    expect(frame).toMatch(/\bu undo\b/);
  });

  it('undo brings the previous card back and tells the store which entry to cancel', async () => {
    const { view, undone } = setup([basic('a', { order: 0 }), basic('b', { order: 1 })]);
    view.stdin.write(' ');
    await frameMatching(view.lastFrame, 'A a');
    view.stdin.write('4');
    await frameMatching(view.lastFrame, 'Q b');
    view.stdin.write('u');
    await frameMatching(view.lastFrame, 'Q a');
    expect(undone).toEqual(['e1']);
    expect(view.lastFrame()).toContain('New 2');
  });

  it('checks a multiple-choice pick and proposes Again for a wrong one; Enter accepts it', async () => {
    const { view, log } = setup([choice()]);
    const frame = view.lastFrame()!;
    const wrong = ['a', 'b', 'c', 'd'].find((l) => !new RegExp(`${l}\\) DABs/YAML`).test(frame))!;
    view.stdin.write(wrong);
    await frameMatching(view.lastFrame, /✓ [a-d]\) DABs\/YAML/);
    expect(view.lastFrame()).toMatch(/\[1\] Again · 1m ◂/);
    view.stdin.write('\r');
    await eventually(() => expect(log).toEqual([{ key: 'd/ch', rating: 1 }]));
  });

  it('lets the user override the proposed rating with 1–4', async () => {
    const { view, log } = setup([choice()]);
    const right = /([a-d])\) DABs\/YAML/.exec(view.lastFrame()!)![1]!;
    view.stdin.write(right);
    await frameMatching(view.lastFrame, /\[3\] Good · 10m ◂/);
    view.stdin.write('4');
    await eventually(() => expect(log).toEqual([{ key: 'd/ch', rating: 4 }]));
  });

  it('takes a typed answer, shows the diff, and proposes Hard for a near miss', async () => {
    const { view, log } = setup([typed]);
    view.stdin.write('next_page_tokn');
    await frameMatching(view.lastFrame, 'next_page_tokn');
    view.stdin.write('\r');
    const frame = await frameMatching(view.lastFrame, 'expected');
    expect(frame).toContain('expected next_page_token');
    expect(frame).toMatch(/\[2\] Hard · \S+ ◂/);
    view.stdin.write('\r');
    await eventually(() => expect(log).toEqual([{ key: 'd/ty', rating: 2 }]));
  });

  it('submits a typed answer that arrives in one chunk with its Enter (a paste)', async () => {
    const { view } = setup([typed]);
    view.stdin.write('next_page_token\r');
    const frame = await frameMatching(view.lastFrame, '✓ correct');
    expect(frame).toMatch(/\[3\] Good · \S+ ◂/);
  });

  it('erases the last character typed with Backspace', async () => {
    const { view } = setup([typed]);
    view.stdin.write('nexx');
    await frameMatching(view.lastFrame, '› nexx');
    view.stdin.write('\x7f');
    await frameMatching(view.lastFrame, /› nex\s/);
    view.stdin.write('t_page_token\r');
    await frameMatching(view.lastFrame, '✓ correct');
  });

  it('treats q as text while typing and quits on Esc', async () => {
    const { view, ended, log } = setup([typed]);
    view.stdin.write('q');
    await frameMatching(view.lastFrame, '› q');
    expect(ended()).toBeNull();
    view.stdin.write('\x1b');
    await eventually(() => expect(ended()).not.toBeNull());
    expect(log).toEqual([]);
  });
});

describe('a card taller than the screen', () => {
  const paths = ['runs/list', 'create', 'run-now', 'runs/get', 'list', 'runs/repair', 'get'];
  const long = () =>
    choice({
      prompt:
        'Which of these endpoints act on the **job** (the definition, the recipe), not on a run (one execution)?',
      choices: paths.map((p) => `/api/2.2/jobs/${p}`),
      correct: [1, 2, 4, 6],
      explain:
        'Job endpoints: jobs/get, jobs/list, jobs/create, jobs/run-now. The rest act on runs.',
    });
  const rows = (frame: string) => frame.split('\n');

  it('at 40×15 scrolls with the arrows to every choice and the explanation, inside the screen', async () => {
    const { view } = setup([long()], { columns: 40, rows: 15 });
    expect(await frameMatching(view.lastFrame, /↓ \d+ more/)).toContain('↑↓ scroll');
    // One row a press, until nothing is left below.
    const scrolled = await scrollCardToEnd(view, 15);
    let { frame } = scrolled;
    expect(scrolled.letters).toBe('abcdefg');
    // Picks still go to the choices while scrolled; the answer side pages through to the
    // explanation and back to the question.
    for (const k of 'bceg') view.stdin.write(k);
    view.stdin.write('\r');
    // Once the answer side is measured: its explanation is cut off below.
    await frameMatching(view.lastFrame, /↓ \d+ more[\s\S]*\[1\] Again/);
    for (let i = 0; i < 4; i++) view.stdin.write('\x1b[6~');
    frame = await frameMatching(view.lastFrame, /act on\s+runs\./);
    expect(rows(frame).length).toBeLessThan(15);
    expect(frame).not.toMatch(/↓ \d+ more/);
    for (let i = 0; i < 4; i++) view.stdin.write('\x1b[5~');
    frame = await frameMatching(view.lastFrame, 'Which of these endpoints');
    expect(frame).not.toMatch(/↑ \d+ more/);
  });

  it('at 80×24 fits whole: no scroll line, no scroll hint', async () => {
    const { view } = setup([long()], { columns: 80, rows: 24 });
    const frame = await frameMatching(view.lastFrame, 'g) /api');
    expect(frame).not.toMatch(/[↑↓] \d+ more/);
    expect(frame).not.toContain('scroll');
  });
});

describe('Review screen, answering', () => {
  it('gives every choice up to the limit a key: the eighth is picked with h', async () => {
    const choices = Array.from({ length: MAX_CHOICES }, (_, i) => `opt${i}`);
    const { view } = setup([choice({ choices, correct: [7] })]);
    const frame = view.lastFrame()!;
    expect(frame).toContain('a–h pick');
    expect(frame).toMatch(/h\) opt\d/);
    const right = /([a-h])\) opt7/.exec(frame)![1]!;
    view.stdin.write(right);
    await frameMatching(view.lastFrame, /✓ [a-h]\) opt7/);
    expect(view.lastFrame()).toMatch(/\[3\] Good · \S+ ◂/);
  });

  it('types u into an empty typed input, and undoes with ctrl-z whether or not something is typed', async () => {
    const { view, undone } = setup([basic('a', { order: 0 }), { ...typed, order: 1 }]);
    view.stdin.write(' ');
    await frameMatching(view.lastFrame, 'A a');
    view.stdin.write('3');
    await frameMatching(view.lastFrame, 'has_more');
    view.stdin.write('u');
    await frameMatching(view.lastFrame, '› u');
    expect(undone).toEqual([]);
    view.stdin.write('\x1a');
    await frameMatching(view.lastFrame, 'Q a');
    expect(undone).toEqual(['e1']);
    view.stdin.write(' ');
    await frameMatching(view.lastFrame, 'A a');
    view.stdin.write('3');
    await frameMatching(view.lastFrame, 'has_more');
    view.stdin.write('nu');
    await frameMatching(view.lastFrame, '› nu');
    view.stdin.write('\x1a');
    await frameMatching(view.lastFrame, 'Q a');
    expect(undone).toEqual(['e1', 'e2']);
  });

  it('shows exactly what was typed, and marks the diff without colour', async () => {
    const card: TypedCard = { ...typed, accepted: ['Gracias'] };
    const { view } = setup([card]);
    view.stdin.write('GRACIS\r');
    const frame = await frameMatching(view.lastFrame, 'expected');
    expect(frame).toContain('typed    GRACIS');
    expect(frame).toMatch(/expected Gracias\n\s+\^/);
    // The caret sits under the missing `a`, the fifth character.
    const lines = frame.split('\n');
    const exp = lines.findIndex((l) => l.includes('expected Gracias'));
    expect(lines[exp + 1]!.indexOf('^')).toBe(lines[exp]!.indexOf('Gracias') + 5);
  });

  it('renders the explanation like the card text: no raw Markdown', async () => {
    const { view } = setup([{ ...basic('a'), explain: 'Use **bold** and `code` here.' }]);
    view.stdin.write(' ');
    const frame = await frameMatching(view.lastFrame, 'A a');
    expect(frame).toContain('Use bold and code here.');
    expect(frame).not.toContain('**');
    expect(frame).not.toContain('`');
  });

  it('tab skips a card: it comes back after the others', async () => {
    const { view, log } = setup([basic('a', { order: 0 }), basic('b', { order: 1 })]);
    view.stdin.write('\t');
    await frameMatching(view.lastFrame, 'Q b');
    view.stdin.write(' 3');
    await frameMatching(view.lastFrame, 'Q a');
    expect(log).toEqual([{ key: 'd/b', rating: 3 }]);
  });

  it('buries a note, says so, and undo brings its card back', async () => {
    const { view, control, undone } = setup([
      basic('n1', { note: 'n', order: 0 }),
      basic('b', { order: 1 }),
    ]);
    view.stdin.write('=');
    const frame = await frameMatching(view.lastFrame, 'Q b');
    expect(frame).toContain('Buried until the next study day.');
    expect(control).toEqual(['buryNote d/n1']);
    view.stdin.write('u');
    await frameMatching(view.lastFrame, 'Q n1');
    expect(undone).toEqual(['c1']);
  });

  it('suspending the last card ends the session', async () => {
    const { view, control, ended } = setup([basic('a')]);
    view.stdin.write(' ');
    await frameMatching(view.lastFrame, 'A a');
    view.stdin.write('@');
    await eventually(() => expect(ended()?.session.current).toBeNull());
    expect(control).toEqual(['suspend d/a']);
  });

  it('m then a colour marks the card, which stays on screen; esc leaves marking', async () => {
    const { view, control } = setup([basic('a', { order: 0 }), basic('b', { order: 1 })]);
    view.stdin.write('m');
    expect(await frameMatching(view.lastFrame, 'r/o/g/b mark')).toContain('Q a');
    view.stdin.write('o');
    await frameMatching(view.lastFrame, 'Marked orange.');
    view.stdin.write('m');
    await frameMatching(view.lastFrame, 'r/o/g/b mark');
    view.stdin.write('\u001b');
    await frameMatching(view.lastFrame, 'space show answer');
    expect(control).toEqual(['mark d/a orange']);
    expect(view.lastFrame()).toContain('Q a');
  });

  it('Space on the answer of a card graded by hand rates Good, as the footer says', async () => {
    const { view, log } = setup([basic('a', { order: 0 }), basic('b', { order: 1 })]);
    view.stdin.write(' ');
    const frame = await frameMatching(view.lastFrame, 'A a');
    expect(frame).toContain('space Good');
    expect(frame).toMatch(/\[3\] Good · 10m ◂/);
    view.stdin.write(' ');
    await frameMatching(view.lastFrame, 'Q b');
    expect(log).toEqual([{ key: 'd/a', rating: 3 }]);
  });

  it('i shows the card info over the card, and esc goes back to it as it was', async () => {
    const { view } = setup([basic('a')]);
    view.stdin.write(' ');
    await frameMatching(view.lastFrame, 'A a');
    view.stdin.write('i');
    const frame = await frameMatching(view.lastFrame, 'Never rated.');
    expect(frame).toMatch(/id\s+d\/a/);
    view.stdin.write('\u001b');
    await frameMatching(view.lastFrame, 'space Good');
    expect(view.lastFrame()).toContain('A a');
  });

  it('e edits the card: the session shows it as its deck now reads', async () => {
    const { view } = setup([basic('a', { order: 0 }), basic('b', { order: 1 })]);
    view.stdin.write('e');
    const frame = await frameMatching(view.lastFrame, 'Q a (edited)');
    expect(frame).toContain('Edited.');
  });

  it('e in the card info edits the card too, and leaves the info for the edited card', async () => {
    const { view } = setup([basic('a', { order: 0 }), basic('b', { order: 1 })]);
    view.stdin.write('i');
    expect(await frameMatching(view.lastFrame, 'Never rated.')).toContain('e edit');
    view.stdin.write('e');
    const frame = await frameMatching(view.lastFrame, 'Q a (edited)');
    expect(frame).toContain('Edited.');
    expect(frame).not.toContain('Never rated.');
  });
});

describe('the review header, progress and footer', () => {
  it('count cards, not steps, and say the same number of cards in learning', async () => {
    const { view } = setup([basic('a', { order: 0 }), basic('b', { order: 1 })]);
    await frameMatching(view.lastFrame, /New 2 · Learn 0 · Review 0/);
    expect(view.lastFrame()).toMatch(/░ 0\/2$/m);
    // Both forgotten: each goes into a learning step, and the first comes back early.
    for (const _ of [1, 2]) {
      const before = view.lastFrame();
      view.stdin.write(' ');
      await frameMatching(view.lastFrame, /\[1\] Again/);
      view.stdin.write('1');
      await eventually(() => expect(view.lastFrame()).not.toBe(before));
    }
    const frame = await frameMatching(view.lastFrame, /Learn 2/);
    expect(frame).toMatch(/New 0 · Learn 2 · Review 0/);
    expect(frame).toMatch(/^ *2 in learning, next at /m);
    // Two ratings given, no card done yet: the bar stays at 0 of the same 2.
    expect(frame).toMatch(/░ 0\/2$/m);
  });
});

describe('a card a mock test flagged', () => {
  it.each([
    [80, 24],
    [40, 15],
  ])('says why it is back at %i×%i, within the terminal', async (columns, rows) => {
    const flaggedAt = Date.parse('2026-03-09T15:00:00Z');
    const item = {
      ...input(basic('a', { order: 0 })),
      progress: { srs: null, flaggedAt, flagReason: 'quiz' },
    };
    const other = {
      ...input(basic('b', { order: 1 })),
      progress: { srs: null, flaggedAt, flagReason: 'a\x1b[2Jnote' },
    };
    const session = startSession(
      buildQueue([item, other], { now, dayStartsAt: 4 }),
      now,
      Date.parse('2026-03-11T04:00:00Z'),
    );
    const deps = {
      now: () => now,
      preview: (card: Card, at: number) => scheduler.preview(card.key, null, at),
      rate: (card: Card, rating: Rating, at: number) => ({
        next: scheduler.rate(card.key, null, rating, at),
        entryId: 'e1',
        prev: null,
      }),
    } as unknown as ReviewDeps;
    const view = renderAt(
      <Review
        title="Test deck"
        initial={session}
        deps={deps}
        width={columns}
        height={rows}
        onEnd={() => {}}
      />,
      columns,
      rows,
    );
    const frame = await frameMatching(view.lastFrame, 'Back from mock test, 9 Mar.');
    expect(frame.split('\n').length).toBeLessThan(rows);
    for (const line of frame.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    view.stdin.write(' ');
    await frameMatching(view.lastFrame, 'Good');
    view.stdin.write('4');
    // Another reason is shown as the log gives it, its control characters taken out.
    const next = await frameMatching(view.lastFrame, 'Flagged for review: ');
    expect(next).not.toContain('\x1b[2J');
    expect(next).not.toContain('mock test');
    view.unmount();
  });
});
