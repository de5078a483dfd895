import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Summary, type SummaryData } from '../../src/ui/screens/Summary.js';
import { frameMatching } from '../support/ink.js';

const now = Date.parse('2026-03-10T12:00:00Z');
const data = (exams: string[]): SummaryData => ({
  reviewed: 3,
  ratings: [3, 3, 1],
  elapsedMs: 60_000,
  nextDue: now + 600_000,
  now,
  finished: true,
  exams,
});

describe('the review summary', () => {
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
});
