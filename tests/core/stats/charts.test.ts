import { describe, expect, it } from 'vitest';
import { barChart } from '../../../src/charts/bar-chart.js';
import { heatmap } from '../../../src/charts/heatmap.js';
import { histogram } from '../../../src/charts/histogram.js';
import { sparkline } from '../../../src/charts/sparkline.js';
import { displayWidth } from '../../../src/text/width.js';

const DAY = 86_400_000;
/** `n` consecutive days ending 2026-03-10 with a made-up count each. */
function year(n = 365, count = (i: number) => (i * 7) % 23) {
  const end = Date.UTC(2026, 2, 10);
  return Array.from({ length: n }, (_, i) => ({
    date: new Date(end - (n - 1 - i) * DAY).toISOString().slice(0, 10),
    reviews: count(i),
  }));
}
const widest = (lines: readonly string[]) => Math.max(0, ...lines.map(displayWidth));

describe('heatmap', () => {
  it('fits a year in 80 columns: month labels, 7 weekday rows and a legend', () => {
    const lines = heatmap(year(), { width: 80 });
    expect(widest(lines)).toBeLessThanOrEqual(80);
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/Apr.*Jul.*Oct.*Jan.*Mar/);
    expect(lines[1]!.startsWith('Mon ')).toBe(true);
    expect(lines[3]!.startsWith('Wed ')).toBe(true);
    // 53 weeks (2025-03-11 is a Tuesday), one column each.
    expect(lines[2]!.length).toBe(4 + 53);
    expect(lines[8]).toMatch(/░ .*▒ .*▓ .*█ /);
  });

  it('puts each day in its weekday row and week column', () => {
    // 2026-03-09 is a Monday, 2026-03-10 a Tuesday: the last column holds both.
    const lines = heatmap(
      year(14, (i) => (i === 13 ? 5 : i === 12 ? 1 : 0)),
      { width: 80 },
    );
    const lastCol = (row: number) => lines[row + 1]!.padEnd(4 + 3 * 2).slice(4 + 2 * 2, 4 + 3 * 2);
    expect(lastCol(0)).toBe('░░');
    expect(lastCol(1)).toBe('██');
    expect(lastCol(2)).toBe('  ');
  });

  it('keeps the most recent weeks when narrow, and never overflows or throws', () => {
    const days = year();
    const at40 = heatmap(days, { width: 40 });
    expect(widest(at40)).toBeLessThanOrEqual(40);
    expect(at40[1]!.length).toBe(40);
    for (let w = 0; w <= 120; w++) {
      const lines = heatmap(days, { width: w });
      expect(widest(lines)).toBeLessThanOrEqual(w);
      if (w > 0 && w < 20) expect(lines).toHaveLength(1);
    }
    expect(heatmap([], { width: 80 })).toHaveLength(1);
  });

  it('uses two columns a week when a year fits that way (200 columns)', () => {
    const lines = heatmap(year(), { width: 200 });
    expect(lines[2]!.length).toBe(4 + 53 * 2);
  });

  it('shades by quartile of the active days, blank for none', () => {
    const lines = heatmap(
      year(7, (i) => [0, 1, 2, 3, 4, 0, 9][i]!),
      { width: 40 },
    );
    const cells = lines.slice(1, 8).join('');
    expect(cells).toContain('░');
    expect(cells).toContain('█');
    expect(lines[8]).toBe('    ░ 1-2  ▒ 3  ▓ 4  █ 5-9');
  });
});

describe('barChart', () => {
  const values = [12, 30, 5, 0, 18, 25, 40, 8, 3, 22];

  it('draws the limit as a line with its value on the axis', () => {
    const lines = barChart(values, { width: 60, height: 12, limit: 30 });
    expect(lines).toHaveLength(12);
    const limitLine = lines.find((l) => /^\s*30 ┼/.test(l));
    expect(limitLine).toBeDefined();
    expect(limitLine).toMatch(/─/);
    expect(lines[0]).toMatch(/^\s*40 ┤/);
    expect(lines.at(-2)).toMatch(/^\s*0 └─+$/);
    expect(lines.at(-1)).toMatch(/0\s+5/);
    expect(widest(lines)).toBeLessThanOrEqual(60);
  });

  it('scales bars to the largest value and shows small values as a sliver', () => {
    const lines = barChart([8, 1], { width: 30, height: 6 });
    const bars = lines.slice(0, 4).join('\n');
    expect(bars).toContain('█');
    expect(lines[3]).toMatch(/[▁▂▃▄▅▆▇█]/);
  });

  it('places labels without overlap and drops the ones that do not fit', () => {
    const labels = values.map((_, i) =>
      i === 0 ? 'today' : i === 1 ? 'clash' : i === 7 ? '03-17' : '',
    );
    const last = barChart(values, { width: 60, height: 8, labels }).at(-1)!;
    expect(last).toContain('today');
    expect(last).not.toContain('clash');
    expect(last).toContain('03-17');
  });

  it('leaves a limit far above the bars off the chart', () => {
    const lines = barChart([1, 2, 3], { width: 40, height: 8, limit: 200 });
    expect(lines.join('\n')).not.toContain('┼');
  });

  it('never overflows or throws, down to nothing', () => {
    const thirty = Array.from({ length: 30 }, (_, i) => (i * 37) % 50);
    for (let w = 0; w <= 100; w++) {
      for (const h of [0, 1, 3, 10]) {
        const lines = barChart(thirty, { width: w, height: h, limit: 25 });
        expect(widest(lines)).toBeLessThanOrEqual(w);
      }
    }
    expect(barChart([], { width: 80, height: 10 })).toHaveLength(1);
    expect(barChart([0, 0, 0], { width: 80, height: 10, limit: 5 }).join('\n')).toContain('┼');
  });
});

describe('histogram', () => {
  const buckets = [
    { label: '<1d', count: 3 },
    { label: '1-3d', count: 12 },
    { label: '1-2y', count: 0 },
    { label: '2y+', count: 1500 },
  ];

  it('draws a labelled bar per bucket with its count, the largest full width', () => {
    const lines = histogram(buckets, { width: 40 });
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^ 2y\+ █+ 1\.5k$/);
    expect(lines[2]).toMatch(/^1-2y\s+0$/);
    expect(widest(lines)).toBe(40);
  });

  it('falls back to one line when narrow and never overflows', () => {
    expect(histogram(buckets, { width: 19 })).toHaveLength(1);
    for (let w = 0; w <= 60; w++) {
      expect(widest(histogram(buckets, { width: w }))).toBeLessThanOrEqual(w);
    }
  });
});

describe('sparkline', () => {
  it('draws one block per value, the most recent when too many', () => {
    expect(sparkline([0, 1, 2, 4, 8], { width: 10 })).toBe(' ▁▂▄█');
    expect(sparkline([8, 0, 8], { width: 2 })).toBe(' █');
  });
});
