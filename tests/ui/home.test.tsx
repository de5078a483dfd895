import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { DeckStatus } from '../../src/app/status.js';
import { displayWidth } from '../../src/text/width.js';
import { Home } from '../../src/ui/screens/Home.js';
import { eventually, frameMatching, renderAt } from '../support/ink.js';

const now = Date.parse('2026-03-10T12:00:00Z');
const deck = (id: string, n: number, l: number, r: number): DeckStatus => ({
  id,
  name: `Deck ${id}`,
  new: n,
  learning: l,
  review: r,
  total: n + l + r,
  nextDue: now,
  exam: null,
  heldBack: null,
});

function setup(decks: DeckStatus[], problems: string[] = [], height = 30) {
  const opened: (string | null)[] = [];
  const stats: (string | null)[] = [];
  let quit = false;
  const view = render(
    <Home
      decks={decks}
      nextDue={now}
      now={now}
      problems={problems}
      width={100}
      height={height}
      onReview={(id) => opened.push(id)}
      onStats={(id) => stats.push(id)}
      onQuit={() => {
        quit = true;
      }}
    />,
  );
  return { view, opened, stats, quit: () => quit };
}

describe('Home screen', () => {
  it('keeps the count columns aligned under a deck name of wide characters', () => {
    const { view } = setup([
      { ...deck('a', 20, 1, 3), name: '日本語の単語帳' },
      deck('b', 5, 0, 7),
    ]);
    const lines = view.lastFrame()!.split('\n');
    const end = (pattern: RegExp) => {
      const line = lines.find((l) => pattern.test(l))!;
      return displayWidth(line.trimEnd());
    };
    expect(end(/日本語の単語帳/)).toBe(end(/Deck b/));
  });

  it('gives a deck name every column the counts leave it, up to 48', () => {
    const name = 'Databricks Jobs — REST API & CLI, and the long rest of its name';
    const at = (columns: number) => {
      const view = renderAt(
        <Home
          decks={[{ ...deck('a', 20, 0, 0), name }]}
          nextDue={now}
          now={now}
          problems={[]}
          width={columns}
          height={15}
          onReview={() => {}}
          onQuit={() => {}}
        />,
        columns,
        15,
      );
      const row = view
        .lastFrame()!
        .split('\n')
        .find((l) => l.includes('›'))!;
      view.unmount();
      return row;
    };
    // 40 columns: 2 of padding, 2 of cursor, 20 of counts, 16 for the name.
    expect(at(40)).toMatch(/› Databricks Jobs… +20 +0 +0$/);
    expect(displayWidth(at(40))).toBeLessThanOrEqual(40);
    expect(at(200)).toContain(`› ${name.slice(0, 47)}…`);
  });

  it('lists each deck with its counts and a total row', () => {
    const { view } = setup([deck('a', 20, 1, 3), deck('b', 5, 0, 7)]);
    const frame = view.lastFrame()!;
    expect(frame).toMatch(/› All decks\s+25\s+1\s+10/);
    expect(frame).toMatch(/Deck a\s+20\s+1\s+3/);
    expect(frame).toMatch(/Deck b\s+5\s+0\s+7/);
    expect(frame).toContain('25 new, 1 learning and 10 review cards ready in your decks.');
  });

  it('says what the selected deck holds, or when its next card is due', async () => {
    const later = { ...deck('b', 0, 0, 0), nextDue: now + 3 * 3_600_000 };
    const { view } = setup([deck('a', 20, 0, 0), later]);
    view.stdin.write('j');
    await frameMatching(view.lastFrame, '20 new cards ready in Deck a.');
    view.stdin.write('j');
    const frame = await frameMatching(
      view.lastFrame,
      'Nothing due in this deck. Next card due in 3h',
    );
    expect(frame).not.toContain('due now');
  });

  it('on a first launch says what is there, not that more cards are due', () => {
    const { view } = setup([deck('a', 20, 0, 0)]);
    expect(view.lastFrame()).toContain('20 new cards ready in Deck a.');
    expect(view.lastFrame()).not.toContain('More cards');
  });

  it('moves the selection and opens the selected deck with Enter, all decks with a', async () => {
    const { view, opened } = setup([deck('a', 1, 0, 0), deck('b', 1, 0, 0)]);
    view.stdin.write('\x1b[B');
    await frameMatching(view.lastFrame, /› Deck a/);
    view.stdin.write('\x1b[B');
    await frameMatching(view.lastFrame, /› Deck b/);
    view.stdin.write('\r');
    await eventually(() => expect(opened).toEqual(['b']));
    view.stdin.write('a');
    await eventually(() => expect(opened).toEqual(['b', null]));
  });

  it('opens the stats of the selected deck with s, and says so in the footer', async () => {
    const { view, stats } = setup([deck('a', 1, 0, 0), deck('b', 1, 0, 0)]);
    expect(view.lastFrame()).toContain('s stats');
    view.stdin.write('j');
    await frameMatching(view.lastFrame, /› Deck a/);
    view.stdin.write('s');
    await eventually(() => expect(stats).toEqual(['a']));
  });

  it('shows deck problems with their location and quits with q', async () => {
    const { view, quit } = setup([deck('a', 1, 0, 0)], ['bad.yaml:3:5: error: unknown key `qq`']);
    expect(view.lastFrame()).toContain('1 problem (run recall lint):');
    expect(view.lastFrame()).toContain('bad.yaml:3:5: error: unknown key `qq`');
    view.stdin.write('q');
    await eventually(() => expect(quit()).toBe(true));
  });

  describe('with 5,000 decks', () => {
    const many = Array.from({ length: 5000 }, (_, i) => deck(String(i), 1, 0, 0));
    const PGDN = '\x1b[6~';
    const PGUP = '\x1b[5~';
    const END = '\x1b[F';
    const HOME = '\x1b[H';
    const rowsOf = (frame: string) => frame.split('\n').length;

    it('draws only what fits the terminal, and counts the rest', () => {
      const { view } = setup(many, [], 24);
      const frame = view.lastFrame()!;
      // One row spare: a frame as tall as the terminal makes Ink clear and redraw it all.
      expect(rowsOf(frame)).toBeLessThanOrEqual(23);
      expect(frame).toMatch(/› All decks\s+5000/);
      expect(frame).toContain('Deck 0 ');
      expect(frame).not.toContain('Deck 4999');
      expect(frame).toMatch(/↓ 4,9\d\d more/);
      expect(frame).not.toMatch(/↑ [\d,]+ more/);
    });

    it('moves through the whole list: ↓ scrolls at the bottom edge, End and Home jump', async () => {
      const { view, opened } = setup(many, [], 24);
      const visible = view
        .lastFrame()!
        .split('\n')
        .filter((l) => /^ *[ ›] Deck \d+ /.test(l));
      for (let i = 0; i <= visible.length; i++) view.stdin.write('j');
      await frameMatching(view.lastFrame, new RegExp(`› Deck ${visible.length} `));
      expect(view.lastFrame()).toMatch(/↑ 2 more/);
      expect(rowsOf(view.lastFrame()!)).toBeLessThanOrEqual(23);

      view.stdin.write(END);
      const end = await frameMatching(view.lastFrame, /› Deck 4999 /);
      expect(end).not.toMatch(/↓ [\d,]+ more/);
      expect(end).toMatch(/↑ 4,9\d\d more/);
      expect(rowsOf(end)).toBeLessThanOrEqual(23);
      view.stdin.write('\r');
      await eventually(() => expect(opened).toEqual(['4999']));

      view.stdin.write(HOME);
      await frameMatching(view.lastFrame, /› All decks/);
      expect(view.lastFrame()).not.toMatch(/↑ [\d,]+ more/);
    });

    it('pages with PgDn and PgUp by what one screen shows', async () => {
      const { view } = setup(many, [], 24);
      const shown = () =>
        view
          .lastFrame()!
          .split('\n')
          .filter((l) => /^ *[ ›] (Deck \d+|All decks) /.test(l)).length;
      // The selection moves by the rows the screen shows at the time of the key.
      const first = shown();
      view.stdin.write(PGDN);
      await frameMatching(view.lastFrame, new RegExp(`› Deck ${first - 1} `));
      const second = shown();
      view.stdin.write(PGDN);
      await frameMatching(view.lastFrame, new RegExp(`› Deck ${first + second - 1} `));
      const third = shown();
      view.stdin.write(PGUP);
      await frameMatching(view.lastFrame, new RegExp(`› Deck ${first + second - third - 1} `));
    });
  });
});

describe('Home screen and sync', () => {
  const home = (syncedAt?: number | null) =>
    render(
      <Home
        decks={[deck('a', 1, 0, 0)]}
        nextDue={now}
        now={now}
        problems={[]}
        width={80}
        height={24}
        onReview={() => {}}
        onQuit={() => {}}
        {...(syncedAt === undefined ? {} : { syncedAt })}
      />,
    );

  it('says when this device last synced, once it has', () => {
    expect(home(now - 2 * 3_600_000).lastFrame()).toMatch(/Synced 2h ago\./);
    expect(home(null).lastFrame()).not.toMatch(/Synced/);
    expect(home().lastFrame()).not.toMatch(/Synced/);
  });
});

describe('what the daily limits held back, on home', () => {
  const heldBack = { review: 20, new: 0, reviewsPerDay: 200, newPerDay: 20 };
  it.each([
    [80, 24],
    [40, 15],
  ])('the selected deck says it at %i×%i, within the terminal', async (columns, rows) => {
    const decks = [{ ...deck('a', 0, 0, 200), heldBack }, deck('b', 5, 0, 0)];
    const view = renderAt(
      <Home
        decks={decks}
        nextDue={now}
        now={now}
        problems={[]}
        width={columns}
        height={rows}
        onReview={() => {}}
        onQuit={() => {}}
      />,
      columns,
      rows,
    );
    const flat = () => view.lastFrame()!.replace(/\s+/g, ' ');
    // All decks: the sum over them.
    expect(flat()).toContain('20 more due, held back by reviews_per_day: 200.');
    view.stdin.write('j');
    await eventually(() => expect(flat()).toContain('ready in Deck a. 20 more due, held back'));
    view.stdin.write('j');
    await eventually(() => expect(flat()).toContain('ready in Deck b.'));
    expect(flat()).not.toContain('held back');
    const frame = view.lastFrame()!;
    expect(frame.split('\n').length).toBeLessThan(rows);
    for (const line of frame.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    view.unmount();
  });
});
