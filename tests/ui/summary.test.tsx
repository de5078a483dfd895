import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/text/width.js';
import { describeNext, Summary, type SummaryData } from '../../src/ui/screens/Summary.js';
import { frameMatching, renderAt } from '../support/ink.js';

const now = Date.parse('2026-03-10T12:00:00Z');
const data = (exams: string[]): SummaryData => ({
  reviewed: 3,
  cards: 3,
  ratings: [3, 3, 1],
  elapsedMs: 60_000,
  nextDue: now + 600_000,
  now,
  finished: true,
  left: { new: 0, learning: 0, review: 0 },
  exams,
  heldBack: [],
});

describe('the review summary', () => {
  it('says what is still due in a session ended early, not only that cards are due', () => {
    const ended = {
      ...data([]),
      finished: false,
      nextDue: now,
      left: { new: 3, learning: 1, review: 5 },
    };
    const frame = render(
      <Summary data={ended} width={80} height={24} onClose={() => {}} />,
    ).lastFrame()!;
    expect(frame).toContain('Session ended.');
    expect(frame).toContain('Still due: 3 new, 1 learning and 5 review cards.');
    expect(frame).not.toContain('More cards are due now');
  });

  it('names the day of a card due over six days ahead, not only its weekday', () => {
    const day = 86_400_000;
    // 2026-03-10 is a Tuesday: within six days the weekday alone names the day.
    expect(describeNext(now + 2 * day, now)).toMatch(/^Next card due in 2d \(Thu \d\d:\d\d/);
    // Six weeks on, "Sun 04:00 AM" would read as this Sunday: the date says which.
    const far = describeNext(Date.parse('2026-04-19T04:00:00Z'), now);
    expect(far).toMatch(/^Next card due in 1\.3mo \(/);
    expect(far).toContain('19');
    expect(far).toContain('Apr');
    expect(far).not.toMatch(/\d\d:\d\d/);
    // Another year says its year.
    expect(describeNext(Date.parse('2027-04-19T04:00:00Z'), now)).toContain('2027');
  });

  it('lists an exam line per deck, scrolling when there are more than fit', async () => {
    const exams = Array.from({ length: 5000 }, (_, i) => `Deck ${i}: exam in 12 days`);
    const view = render(<Summary data={data(exams)} width={80} height={24} onClose={() => {}} />);
    const first = view.lastFrame()!;
    expect(first.split('\n').length).toBeLessThanOrEqual(23);
    expect(first).toContain('Deck 0: exam in 12 days');
    expect(first).toMatch(/↓ 4,9\d\d more/);
    expect(first).toContain('↑↓ scroll');
    view.stdin.write('\x1b[F');
    const end = await frameMatching(view.lastFrame, 'Deck 4999: exam');
    expect(end).toMatch(/↑ 4,9\d\d more/);
    expect(end.split('\n').length).toBeLessThanOrEqual(23);
  });

  it('shows a few exam lines whole, with no scrolling said', () => {
    const view = render(
      <Summary data={data(['exam in 3 days'])} width={80} height={24} onClose={() => {}} />,
    );
    expect(view.lastFrame()).toContain('exam in 3 days');
    expect(view.lastFrame()).not.toContain('scroll');
  });

  it('says “Nothing due now” for a session that had nothing to review', () => {
    const empty = { ...data([]), reviewed: 0, cards: 0, ratings: [], elapsedMs: 0 };
    const frame = render(
      <Summary data={empty} width={80} height={24} onClose={() => {}} />,
    ).lastFrame()!;
    expect(frame).toContain('Nothing due now.');
    expect(frame).not.toContain('Reviewed');
    expect(frame).not.toContain('Done for now');
  });

  it('says nothing was reviewed in a session ended with every rating undone, not “Reviewed 0 cards”', () => {
    const undone = {
      ...data([]),
      reviewed: 0,
      cards: 0,
      ratings: [],
      finished: false,
      elapsedMs: 12_000,
    };
    const frame = render(
      <Summary data={undone} width={80} height={24} onClose={() => {}} />,
    ).lastFrame()!;
    expect(frame).toContain('Session ended.');
    expect(frame).toContain('Nothing reviewed.');
    expect(frame).not.toContain('Reviewed 0');
  });

  it('counts the cards reviewed, and the ratings when steps made them more', () => {
    const steps = { ...data([]), reviewed: 5, cards: 2, ratings: [1, 1, 3, 3, 3] as const };
    const frame = render(
      <Summary
        data={{ ...steps, ratings: [...steps.ratings] }}
        width={80}
        height={24}
        onClose={() => {}}
      />,
    ).lastFrame()!;
    expect(frame).toContain('Reviewed 2 cards (5 ratings) in 1m 00s');
    const one = { ...data([]), reviewed: 1, cards: 1, ratings: [3 as const] };
    expect(
      render(<Summary data={one} width={80} height={24} onClose={() => {}} />).lastFrame(),
    ).toContain('Reviewed 1 card in 1m 00s');
  });
});

describe('what the daily limits held back, on the summary', () => {
  const held = [
    '20 more due, held back by reviews_per_day: 200',
    '3 more new, held back by new_per_day: 20',
    // Fills 38 columns, the room at 40: Ink would start the next row with the space it broke at.
    '16 more new, held back by new_per_day: 20',
  ];
  it.each([
    [80, 24],
    [40, 15],
  ])('says it whole at %i×%i, inside the terminal', (columns, rows) => {
    const view = renderAt(
      <Summary
        data={{ ...data([]), heldBack: held }}
        width={columns}
        height={rows}
        onClose={() => {}}
      />,
      columns,
      rows,
    );
    const frame = view.lastFrame()!;
    const flat = frame.replace(/\s+/g, ' ');
    expect(flat).toContain('20 more due, held back by reviews_per_day: 200.');
    expect(flat).toContain('3 more new, held back by new_per_day: 20.');
    expect(frame.split('\n').length).toBeLessThan(rows);
    for (const line of frame.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    expect(frame).not.toMatch(/\n {2}\S/);
    view.unmount();
  });
});
