import { describe, expect, it } from 'vitest';
import type { CardInfo } from '../../src/app/card-info.js';
import { displayWidth } from '../../src/text/width.js';
import { KeyRouter } from '../../src/ui/hooks/use-keys.js';
import { CardInfoView } from '../../src/ui/screens/CardInfo.js';
import { basic } from '../support/cards.js';
import { frameMatching, renderAt } from '../support/ink.js';

const now = Date.parse('2026-03-10T12:00:00Z');
const day = 86_400_000;

const info: CardInfo = {
  card: {
    ...basic('capital'),
    tags: ['geo', 'europe'],
    pos: {
      file: '/home/me/.config/recall/decks/a-rather-long-folder/geography.yaml',
      line: 12,
      col: 5,
    },
  },
  state: 'Review',
  due: now + 4 * day,
  stability: 12.3,
  difficulty: 5.25,
  recall: 0.934,
  reps: 30,
  lapses: 2,
  suspended: false,
  buriedUntil: null,
  mark: 'red',
  ratings: Array.from({ length: 30 }, (_, i) => ({
    at: now - (30 - i) * day,
    rating: i % 7 === 3 ? 1 : 3,
    cram: false,
    intervalMs: i % 7 === 3 ? 0 : 3 * day,
    durationMs: 4200,
  })),
};

function show(columns: number, rows: number) {
  const closed: number[] = [];
  const view = renderAt(
    <KeyRouter>
      <CardInfoView
        info={info}
        now={now}
        width={columns}
        height={rows}
        onClose={() => closed.push(1)}
      />
    </KeyRouter>,
    columns,
    rows,
  );
  return { view, closed };
}

describe('card info', () => {
  it.each([
    [80, 24],
    [40, 15],
  ])('fits %i×%i with a row spare, and scrolls to its last rating', async (columns, rows) => {
    const { view } = show(columns, rows);
    let frame = await frameMatching(view.lastFrame, 'recall now');
    const fits = (f: string) => {
      const lines = f.trimEnd().split('\n');
      expect(lines.length).toBeLessThan(rows);
      for (const l of lines) expect(displayWidth(l.trimEnd())).toBeLessThanOrEqual(columns);
    };
    fits(frame);
    expect(frame).toMatch(/id\s+d\/capital/);
    // Values too long for the line wrap beside their label.
    expect(frame).toMatch(/state\s+Review · 30 reviews · 2\s+lapses/);
    expect(frame).toMatch(/recall now\s+93%/);
    expect(frame).toMatch(/↓ \d+ more/);
    view.stdin.write('\u001b[F');
    frame = await frameMatching(view.lastFrame, /↑ \d+ more/);
    fits(frame);
    expect(frame).toMatch(/2026-03-09 \d\d:\d\d {2}Good {2}\s+3d\s+4s/);
    view.unmount();
  });

  it('at 40×15 breaks a long path after a `/` and keeps its `:line` whole', async () => {
    const at = {
      ...info,
      card: {
        ...info.card,
        pos: { file: '/work/wt/screens-read/decks/databricks-jobs-api.yaml', line: 16, col: 5 },
      },
    };
    const view = renderAt(
      <KeyRouter>
        <CardInfoView info={at} now={now} width={40} height={15} onClose={() => {}} />
      </KeyRouter>,
      40,
      15,
    );
    const frame = await frameMatching(view.lastFrame, 'recall now');
    const lines = frame.split('\n').map((l) => l.trimEnd());
    const from = lines.findIndex((l) => /^\s*file /.test(l));
    expect(lines.slice(from, from + 3).map((l) => l.trim())).toEqual([
      'file       /work/wt/screens-read/',
      'decks/',
      'databricks-jobs-api.yaml:16',
    ]);
    view.unmount();
  });

  it('esc goes back to the card', async () => {
    const { view, closed } = show(80, 24);
    await frameMatching(view.lastFrame, 'recall now');
    view.stdin.write('\u001b');
    await frameMatching(() => String(closed.length), '1');
    view.unmount();
  });
});
