import { describe, expect, it } from 'vitest';
import type { Collection } from '../../src/app/collection.js';
import { prepareCram } from '../../src/app/cram.js';
import { createCram } from '../../src/core/cram-session.js';
import { buildQueue } from '../../src/core/queue.js';
import { startSession } from '../../src/core/review-session.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { displayWidth } from '../../src/text/width.js';
import { AppContainer, firstNav, type StartAt } from '../../src/ui/AppContainer.js';
import { KeyRouter } from '../../src/ui/hooks/use-keys.js';
import { Cram } from '../../src/ui/screens/Cram.js';
import { Review, type ReviewDeps } from '../../src/ui/screens/Review.js';
import { collectionsClosedAfterEach, deck } from '../app/collection.js';
import { basicQ } from '../core/quiz-cards.js';
import { fakeCardTools } from '../support/card-tools.js';
import { basic, input } from '../support/cards.js';
import { frameMatching, renderAt } from '../support/ink.js';

const at = Date.parse('2026-03-10T12:00:00Z');
const scheduler = new Scheduler(defaultDeckSettings);

const now = Date.parse('2026-03-10T12:00:00Z');
const clock = () => now;
const open = collectionsClosedAfterEach();

const decks = () => [
  deck('a', [basicQ('a1', 'What is the capital of France?', 'Paris', { deck: 'a' })], {
    name: 'Geography of Europe',
  }),
  deck('b', [basicQ('b1', 'Q b1', 'A b1', { deck: 'b' })], { name: 'Deck b' }),
];

function app(collection: Collection, columns: number, rows: number, start: StartAt) {
  return renderAt(
    <KeyRouter>
      <AppContainer
        collection={collection}
        problems={[]}
        clock={clock}
        startedHome={start.screen === 'home'}
        initial={firstNav(collection, clock, start)}
      />
    </KeyRouter>,
    columns,
    rows,
  );
}

/** Every line fits `columns`: nothing is left for the terminal to wrap mid-word. */
function fits(frame: string, columns: number): void {
  for (const line of frame.split('\n')) {
    expect(displayWidth(line.trimEnd()), JSON.stringify(line)).toBeLessThanOrEqual(columns);
  }
}

/** The words of each hint of a footer: a hint is never cut or split across lines. */
const HINT = /^(\S+ [a-z]+( [a-z]+)*)$/;
const footerOf = (frame: string) => frame.trimEnd().split('\n').at(-1)!.trim();

describe('on a narrow terminal', () => {
  it.each([20, 40])('home at %i columns fits, its footer whole hints', async (columns) => {
    const view = app(await open(decks()), columns, 15, { screen: 'home' });
    const frame = await frameMatching(view.lastFrame, '› All decks');
    fits(frame, columns);
    const footer = footerOf(frame);
    for (const hint of footer.split(' · ')) expect(hint).toMatch(HINT);
    expect(footer).toContain('? keys');
    // The deck names give way before the counts do.
    expect(frame).toMatch(/^ {3}Geograph\S*…? .*\d$/m);
    view.unmount();
  });

  it('stats opened from home at 200 columns takes the width `recall stats` takes, not 120', async () => {
    const view = app(await open(decks()), 200, 60, { screen: 'home' });
    await frameMatching(view.lastFrame, '› All decks');
    view.stdin.write('s');
    const frame = await frameMatching(view.lastFrame, 'Stats ·');
    fits(frame, 200);
    expect(Math.max(...frame.split('\n').map(displayWidth))).toBeGreaterThan(120);
    view.unmount();
  });

  it('home at 20 columns keeps one count, the cards left today', async () => {
    const view = app(await open(decks()), 20, 15, { screen: 'home' });
    const frame = await frameMatching(view.lastFrame, '› All decks');
    expect(frame).toMatch(/Deck\s+Today/);
    expect(frame).toMatch(/› All decks\s+2$/m);
    view.unmount();
  });

  it('review at 20 columns stacks the rating buttons, each whole', async () => {
    const view = app(await open(decks()), 20, 15, { screen: 'review', deckIds: new Set(['a']) });
    await frameMatching(view.lastFrame, 'capital');
    view.stdin.write(' ');
    const frame = await frameMatching(view.lastFrame, '[4] Easy');
    fits(frame, 20);
    for (const name of ['\\[1\\] Again', '\\[2\\] Hard', '\\[3\\] Good', '\\[4\\] Easy']) {
      // Good is proposed (Space takes it): marked with ◂.
      expect(frame).toMatch(new RegExp(`^ ${name} · \\S+( ◂)?$`, 'm'));
    }
    // The counts go under the title, each whole.
    expect(frame).toMatch(/^ Geography of \S*…$/m);
    expect(frame).toMatch(/New 1 ·/);
    expect(frame).toMatch(/Review 0/);
    expect(footerOf(frame)).toContain('? keys');
    view.unmount();
  });

  it('review at 40 columns sets the buttons two by two', async () => {
    const view = app(await open(decks()), 40, 15, { screen: 'review' });
    await frameMatching(view.lastFrame, 'capital');
    view.stdin.write(' ');
    const frame = await frameMatching(view.lastFrame, '[4] Easy');
    fits(frame, 40);
    expect(frame).toMatch(/\[1\] Again · \S+ +\[2\] Hard · \S+$/m);
    expect(frame).toMatch(/\[3\] Good · \S+ ◂ +\[4\] Easy · \S+$/m);
    view.unmount();
  });
});

describe('a long answer on a short terminal, and a resize', () => {
  const long = {
    ...basic('long'),
    prompt: 'In the Jobs API, what is the difference between a job and a run?',
    answer: Array.from({ length: 30 }, (_, i) => `Line ${i + 1} of a long answer.`).join('\n\n'),
  };
  const session = () =>
    startSession(
      buildQueue([input(long)], { now: at, dayStartsAt: 4 }),
      at,
      Date.parse('2026-03-11T04:00:00Z'),
    );
  const deps: ReviewDeps = {
    now: () => at,
    preview: (card, t) => scheduler.preview(card.key, null, t),
    rate: (card, rating, t) => ({
      next: scheduler.rate(card.key, null, rating, t),
      entryId: 'e',
      prev: null,
    }),
    undo: () => undefined,
    // Putting aside, info and edit are not what these tests press.
    putAside: () => ({ entryId: 'c', keys: [] }),
    info: async () => {
      throw new Error('no card info in this test');
    },
    edit: async () => {
      throw new Error('no editor in this test');
    },
    mark: () => 'c',
  };

  it.each([
    [40, 15],
    [80, 24],
  ])(
    'at %i×%i keeps the header on top and the keys at the bottom, cutting the answer',
    async (w, h) => {
      const view = renderAt(
        <Review
          title="Geography & Git"
          initial={session()}
          deps={deps}
          width={w}
          height={h}
          onEnd={() => {}}
        />,
        w,
        h,
      );
      await frameMatching(() => view.lastFrame() ?? '', 'show answer');
      view.stdin.write(' ');
      const frame = await frameMatching(() => view.lastFrame() ?? '', '[1] Again');
      const lines = frame.replace(/\n+$/, '').split('\n');
      expect(lines.length).toBeLessThanOrEqual(h - 1);
      expect(lines[0]).toMatch(/^ Geography & Git( |$)/);
      expect(frame).not.toMatch(/GitNew/);
      expect(lines.at(-1)).toMatch(/q end$/);
      expect(frame).toContain('Line 1 of a long answer.');
      expect(frame).not.toContain('Line 30 of a long answer.');
      for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(w);
      view.unmount();
    },
  );

  it.each([
    [40, 15],
    [80, 24],
  ])('cram at %i×%i keeps its header and keys too, cutting the answer', async (w, h) => {
    const view = renderAt(
      <Cram
        start={{
          title: 'Geography & Git',
          state: createCram([long]),
          reschedule: false,
          seed: 's',
        }}
        deps={{
          now: () => at,
          reschedule: false,
          record: () => ({ entryId: 'e' }),
          undo: () => undefined,
          ...fakeCardTools([long], []),
        }}
        width={w}
        height={h}
        onExit={() => {}}
      />,
      w,
      h,
    );
    await frameMatching(() => view.lastFrame() ?? '', 'show answer');
    view.stdin.write(' ');
    const frame = await frameMatching(() => view.lastFrame() ?? '', 'knew it');
    const lines = frame.replace(/\n+$/, '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(h - 1);
    expect(lines[0]).toMatch(/^ Cram · Geography & Git/);
    expect(lines.at(-1)).toMatch(/q end$/);
    expect(frame).toContain('Line 1 of a long answer.');
    expect(frame).not.toContain('Line 30 of a long answer.');
    fits(frame, w);
    view.unmount();
  });

  it.each([
    [80, 24],
    [40, 15],
  ])(
    'custom study shows in the review title at %i×%i, cut on one line, never wrapped',
    async (w, h) => {
      const tagged = deck('t', [basicQ('t1', 'Q t1', 'A t1', { deck: 't', tags: ['api'] })], {
        name: 'Web APIs',
      });
      const view = app(await open([tagged]), w, h, {
        screen: 'review',
        request: { tags: ['api'], study: { aheadDays: 3, extraNew: 5 } },
      });
      const frame = await frameMatching(() => view.lastFrame() ?? '', 'Q t1');
      const lines = frame.split('\n');
      const title = 'Web APIs · ahead 3 days · 5 more new · tag api';
      if (w === 80) expect(lines[0]).toMatch(new RegExp(`^ ${title} +New 1`));
      else {
        // The title keeps the line, cut; the counts go under it.
        expect(lines[0]).toMatch(/^ Web APIs · ahead 3 days · .*…$/);
        expect(lines[1]).toMatch(/^ New 1/);
      }
      expect(lines.length).toBeLessThan(h);
      fits(frame, w);
      view.unmount();
    },
  );

  it.each([
    [80, 24],
    [40, 15],
  ])("cram's footer at %i×%i keeps the way out and the help, in whole hints", async (w, h) => {
    const collection = await open([deck('g', [basicQ('g1', 'Q g1', 'A g1', { deck: 'g' })])]);
    const view = app(collection, w, h, {
      screen: 'cram',
      cram: prepareCram(collection, {}, now),
    });
    const shown = await frameMatching(() => view.lastFrame() ?? '', 'show answer');
    view.stdin.write(' ');
    const revealed = await frameMatching(() => view.lastFrame() ?? '', 'knew it');
    for (const frame of [shown, revealed]) {
      fits(frame, w);
      const footer = footerOf(frame);
      for (const hint of footer.split(' · ')) expect(hint).toMatch(/^\S+ [a-z]+( [a-z]+)*$/);
      expect(footer).toContain('? keys');
      expect(footer).toMatch(/q end$/);
    }
    if (w === 80) {
      // Nothing answered yet: nothing to undo, so no undo hint.
      expect(footerOf(shown)).toBe(
        'space show answer · i info · e edit · tab skip · - bury · ? keys · q end',
      );
    }
    view.unmount();
  });

  it('lays the screen out again at the new width after a resize', async () => {
    const collection = await open([
      deck('g', [{ ...long, deckId: 'g', key: 'g/long' }], { name: 'Geography & Git' }),
    ]);
    const view = app(collection, 80, 24, { screen: 'review' });
    await frameMatching(() => view.lastFrame() ?? '', /^ ░{40,} 0\/1$/m);
    view.resize({ columns: 40, rows: 15 });
    const narrow = await frameMatching(() => view.lastFrame() ?? '', /^ ░{20,34} 0\/1$/m);
    fits(narrow, 40);
    view.resize({ columns: 80, rows: 24 });
    await frameMatching(() => view.lastFrame() ?? '', /^ ░{40,} 0\/1$/m);
    view.unmount();
  });
});
