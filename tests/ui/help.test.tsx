import { describe, expect, it } from 'vitest';
import type { DeckStatus } from '../../src/app/status.js';
import { KeyRouter } from '../../src/ui/hooks/use-keys.js';
import { Home } from '../../src/ui/screens/Home.js';
import { frameMatching, renderAt } from '../support/ink.js';

const now = Date.parse('2026-03-10T12:00:00Z');
const deck = (id: string): DeckStatus => ({
  id,
  name: `Deck ${id}`,
  new: 1,
  learning: 0,
  review: 0,
  total: 1,
  nextDue: now,
  exam: null,
  heldBack: null,
});

function home(columns: number, rows: number) {
  return renderAt(
    <KeyRouter>
      <Home
        decks={[deck('a'), deck('b')]}
        nextDue={now}
        now={now}
        problems={[]}
        width={columns}
        height={rows}
        onReview={() => {}}
        onQuit={() => {}}
      />
    </KeyRouter>,
    columns,
    rows,
  );
}

describe('the ? help', () => {
  it('fits a short terminal and scrolls to the rest', async () => {
    const view = home(40, 15);
    await frameMatching(view.lastFrame, '› All decks');
    view.stdin.write('?');
    const help = await frameMatching(view.lastFrame, 'Keys · home');
    expect(help.split('\n').length).toBeLessThanOrEqual(14);
    expect(help).toMatch(/↓ \d+ more/);
    expect(help).toContain('↑↓ scroll');
    view.stdin.write('\x1b[6~');
    const end = await frameMatching(view.lastFrame, 'q/esc quit');
    expect(end).toMatch(/↑ \d+ more/);
    expect(end.split('\n').length).toBeLessThanOrEqual(14);
    view.stdin.write('?');
    await frameMatching(view.lastFrame, '› All decks');
    view.unmount();
  });

  it('wraps a long description beside its keys, never past the line', async () => {
    const view = home(40, 40);
    await frameMatching(view.lastFrame, '› All decks');
    view.stdin.write('?');
    const help = await frameMatching(view.lastFrame, 'Keys · home');
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(help).toMatch(/t {5}a 20-question mock test of the\n {7}selected deck/);
    expect(help).not.toMatch(/[↑↓] \d+ more/);
    expect(help).not.toContain('scroll');
    view.unmount();
  });
});
