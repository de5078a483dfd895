import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/app/simulate.js';
import { simulationText } from '../../src/commands/simulate.js';
import { isolatedEnv, recallInProcess as recall } from '../support/cli.js';

const deck = resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml');
const env = () => isolatedEnv({ NO_COLOR: '1', RECALL_NOW: '2026-03-02T10:00:00Z' });

describe('recall simulate', () => {
  it('prints a table per retention and a chart; --json is the same run for the same seed', async () => {
    const text = await recall(['simulate', deck, '--days', '30', '--retention', '0.8,0.9'], env());
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(
      /^Simulated 30 days: \d+ cards \(\d+ new\), FSRS's default parameters, Anki's answer times/,
    );
    expect(text.stdout).toMatch(/\n +80% +\d+\.\d +\d+\.\d +\d+ cards \(\d+%\)\n +90% .*← yours\n/);
    expect(text.stdout).toContain('Reviews per day at 90%, day by day:');
    const a = await recall(['simulate', deck, '--days', '30', '--seed', 'x', '--json'], env());
    const b = await recall(['simulate', deck, '--days', '30', '--seed', 'x', '--json'], env());
    expect(a.stdout).toBe(b.stdout);
    const out = JSON.parse(a.stdout);
    expect(out.retentions.map((r: { retention: number }) => r.retention)).toEqual([
      0.75, 0.8, 0.85, 0.9, 0.95,
    ]);
    expect(out.retentions[0].daily).toHaveLength(30);
  });

  it('with --exam simulates to the exam day and gives recall on it', async () => {
    const run = await recall(['simulate', deck, '--exam', '2026-03-12', '--json'], env());
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ days: 10, exam: '2026-03-12', endDay: '2026-03-12' });
    for (const r of out.retentions) expect(r.meanRecall).toBeGreaterThan(0);
  });

  it.each([
    ['--retention', '0.5'],
    ['--days', '0'],
    ['--exam', '2026-02-31'],
  ])('takes %s %s for a usage error (exit 2)', async (flag, value) => {
    const run = await recall(['simulate', deck, flag, value], env());
    expect(run.status).toBe(2);
  });

  it('charts every day of a long run, at 40 columns too: bars are weeks, or several', () => {
    // Only the last day has reviews: a chart cut to the days that fit would show none.
    const daily = Array.from({ length: 365 }, (_, d) => (d === 364 ? 70 : 0));
    const outcome = {
      retention: 0.9,
      reviewsPerDay: 0.2,
      minutesPerDay: 0,
      known: 1,
      meanRecall: 1,
      daily,
    };
    const sim: Simulation = {
      days: 365,
      cards: 1,
      newCards: 0,
      end: 0,
      exam: null,
      personal: false,
      measured: false,
      outcomes: [outcome],
    };
    for (const [width, heading] of [
      [80, 'week by week'],
      [40, '2 weeks a bar'],
    ] as const) {
      const lines = simulationText(sim, 0.9, width).split('\n');
      const at = lines.findIndex((l) => l.startsWith('Reviews per day'));
      expect(lines[at]).toBe(`Reviews per day at 90%, ${heading}:`);
      const chart = lines.slice(at + 1, -1);
      for (const line of chart) expect(line.length).toBeLessThanOrEqual(width);
      expect(chart.join('\n')).toMatch(/[▁▂▃▄▅▆▇█]/);
      // Labels count weeks, whatever a bar holds.
      expect(chart.at(-1)).toMatch(width === 80 ? /\b5 +10 +15\b/ : /\b10 +20 +30\b/);
    }
  });
});
