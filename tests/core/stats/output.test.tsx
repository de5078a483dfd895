import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { statsToJson, statsToText } from '../../../src/commands/stats-output.js';
import { computeStats } from '../../../src/core/stats/compute.js';
import { historyOf } from '../../../src/store/history.js';
import { displayWidth } from '../../../src/text/width.js';
import { Stats } from '../../../src/ui/screens/Stats.js';
import { eventually, frameMatching, renderAt } from '../../support/ink.js';
import { synthCollection } from './synth.js';

const now = Date.parse('2026-03-10T12:00:00Z');
const { cards, log } = synthCollection(now, 20_000, 800);
const report = computeStats({
  history: historyOf(log),
  cards,
  now,
  dayStartsAt: 4,
  exam: '2026-04-01',
});

describe('plain-text report', () => {
  it.each([200, 120, 80, 60, 40, 25, 10, 1])('fits %i columns, with no escape sequences', (w) => {
    const text = statsToText(report, w);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('\x1b');
    for (const line of text.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(w);
  });

  it.each([80, 40, 30, 18])(
    "keeps the header's date at %i columns, dropping the counts first",
    (w) => {
      const head = statsToText(report, w).split('\n')[0]!;
      expect(displayWidth(head)).toBeLessThanOrEqual(w);
      expect(head).toMatch(/^Stats · .*2026-03-10$/);
      if (w === 80) expect(head).toMatch(/ cards · .* reviews · 2026-03-10$/);
    },
  );

  it('holds every section at 80 columns', () => {
    const text = statsToText(report, 80);
    for (const heading of [
      'Today',
      'True retention',
      'Due, next 30 days',
      'Reviews, past 365 days',
      'Cards',
      'Stability',
      'Weakest now',
      'Exam 2026-04-01 (in 22 days)',
    ]) {
      expect(text).toContain(heading);
    }
  });

  it('says so when there is nothing yet', () => {
    const empty = computeStats({ history: historyOf([]), cards: [], now, dayStartsAt: 4 });
    const text = statsToText(empty, 80);
    expect(text).toContain('0 reviews');
    expect(text).toContain('no reviews in these 365 days');
  });

  it('says “1 card · 1 review”, “on 1 day”, not “1 cards · 1 reviews”', () => {
    // One review, ten days ago (the generator's first entry is 400 days before its `now`).
    const one = synthCollection(now + 390 * 86_400_000, 1, 1);
    const text = statsToText(
      computeStats({ history: historyOf(one.log), cards: one.cards, now, dayStartsAt: 4 }),
      80,
    );
    expect(text).toMatch(/Stats · 1 card · 1 review · /);
    expect(text).toContain('(1 on 1 day, best 1)');
  });
});

describe('JSON report', () => {
  it('has ISO instants, day strings and survives a JSON round trip', () => {
    const json = statsToJson(report);
    const back = JSON.parse(JSON.stringify(json));
    expect(back).toEqual(json);
    expect(json.generatedAt).toBe('2026-03-10T12:00:00.000Z');
    expect(json.today.date).toBe('2026-03-10');
    expect(json.forecast.days).toHaveLength(30);
    expect(json.heatmap.days).toHaveLength(365);
    expect(json.exam?.at).toBe('2026-04-01T04:00:00.000Z');
    expect(typeof json.weakest.lowest[0]?.due).toBe('string');
    expect(json.retention.map((r) => r.period)).toEqual(['day', 'week', 'month', 'year']);
  });
});

describe('Stats screen', () => {
  it('takes the terminal width, and lays itself out again when the window is resized', async () => {
    const view = renderAt(<Stats report={report} onExit={() => {}} />, 200, 60);
    const wide = await frameMatching(() => view.lastFrame() ?? '', 'Stats ·');
    // Laid out at 200 columns, not 120: the histograms side by side span the line.
    expect(Math.max(...wide.split('\n').map(displayWidth))).toBeGreaterThan(150);
    view.resize({ columns: 80, rows: 24 });
    await eventually(() => {
      const narrow = view.lastFrame() ?? '';
      expect(narrow).toContain('Stats ·');
      for (const line of narrow.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
      expect(narrow.split('\n').length).toBeLessThan(24);
    });
    view.unmount();
  });

  it('draws the report, scrolls when taller than the screen, and leaves with q', async () => {
    let exited = 0;
    const view = render(<Stats report={report} width={80} height={20} onExit={() => exited++} />);
    const first = view.lastFrame()!;
    expect(first).toContain('Today');
    expect(first).toMatch(/↓ \d+ more\n ↑↓ scroll/);
    // A column of margin on the left, as on every screen, and nothing past the right one.
    for (const line of first.split('\n')) {
      expect(line).toMatch(/^( |$)/);
      expect(displayWidth(line)).toBeLessThanOrEqual(79);
    }
    expect(first).not.toMatch(/↑ \d+ more/);
    // A row spare: a frame as tall as the terminal is redrawn whole.
    expect(first.split('\n').length).toBeLessThanOrEqual(19);
    expect(first).not.toContain('Weakest now');
    for (let i = 0; i < 20; i++) view.stdin.write('\x1b[6~'); // PgDn
    await eventually(() => expect(view.lastFrame()).toContain('Exam 2026-04-01'));
    expect(view.lastFrame()).toMatch(/^ ↑ \d+ more/);
    expect(view.lastFrame()).not.toMatch(/↓ \d+ more/);
    view.stdin.write('\x1b[H'); // Home
    await eventually(() => expect(view.lastFrame()).toBe(first));
    view.stdin.write('\x1b[F'); // End
    await eventually(() => expect(view.lastFrame()).toContain('Exam 2026-04-01'));
    view.stdin.write('q');
    await eventually(() => expect(exited).toBe(1));
    view.unmount();
  });

  it('leaves with Esc', async () => {
    let exited = 0;
    const view = render(<Stats report={report} width={100} onExit={() => exited++} />);
    view.stdin.write('\x1b');
    await eventually(() => expect(exited).toBe(1));
    view.unmount();
  });
});

describe('Weakest now', () => {
  const first = report.weakest.lowest[0]!;
  const key = 'databricks-jobs-api/four-ways-to-drive-a-job';
  const marked = {
    ...report,
    weakest: { ...report.weakest, lowest: [{ ...first, key, prompt: 'A **job** (`Jobs API`)' }] },
  };
  const weakestLine = (text: string) =>
    text.split('\n').find((l) => l.includes('databricks-jobs'))!;

  it('shows whole keys where the line has room, and the prompt without its Markdown', () => {
    for (const w of [80, 200]) {
      const line = weakestLine(statsToText(marked, w));
      expect(line, `${w}`).toContain(`${key}  A job (Jobs API)`);
    }
  });

  it('lets one long key give way to every prompt, not the other keys', () => {
    const pairKey =
      'databricks-jobs-api/endpoint-for-intent:the-job-s-full-config-tasks-notebooks-clusters';
    const prompt = 'Which endpoints act on the job (the definition), not on a run?';
    const rows = ['a', 'b', 'c', 'd'].map((id) => ({ ...first, key: `${key}-${id}`, prompt }));
    const many = {
      ...report,
      weakest: { ...report.weakest, lowest: [...rows, { ...first, key: pairKey, prompt }] },
    };
    const lines = statsToText(many, 120)
      .split('\n')
      .filter((l) => l.includes('databricks-jobs'));
    expect(lines).toHaveLength(5);
    for (const line of lines.slice(0, 4)) expect(line).toContain(prompt);
    expect(lines[4]).toContain('databricks-jobs-api/endpoint-for-intent:');
    expect(lines[4]).toContain(`…  ${prompt}`);
  });

  it('keeps every key whole when the line has room for the longest key and every prompt', () => {
    // Ten keys, the two longest a few columns longer than the rest: nothing needs to give way.
    const keys = [
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => `tiny/card-${id}`),
      'tiny/capital-of-france',
      'tiny/water-boils:c1-long',
    ];
    const rows = keys.map((k) => ({ ...first, key: k, prompt: 'What is the capital?' }));
    const few = { ...report, weakest: { ...report.weakest, lowest: rows, leeches: [] } };
    for (const w of [80, 200]) {
      const text = statsToText(few, w);
      for (const k of keys)
        expect(text, `${w}: ${k}`).toMatch(new RegExp(` ${k} +What is the capital\\?$`, 'm'));
    }
  });

  it('names the leech threshold the decks share', () => {
    const leech = { ...first, key, lapses: 9 };
    const text = (t: number | null) =>
      statsToText(
        {
          ...report,
          weakest: { ...report.weakest, leeches: [leech], leechCount: 1, leechThreshold: t },
        },
        80,
      );
    expect(text(5)).toContain('Leeches (1, 5+ lapses)');
    expect(text(null)).toContain("Leeches (1, their deck's leech_threshold+ lapses)");
  });

  it('gives the key way, not the line, on a narrow terminal', () => {
    const line = weakestLine(statsToText(marked, 50));
    expect(displayWidth(line)).toBeLessThanOrEqual(50);
    expect(line).toMatch(/ databricks-jo\S*… {2}A job \(Jobs API\)$/);
  });
});
