/**
 * A GitHub-style calendar: 7 rows (Mon..Sun) × one column per week, each day shaded by its
 * count with ` ░▒▓█` (blank: none; the rest by quartile of the days with reviews, the busiest
 * day always `█`), month names on top and a legend below. When the width runs short the
 * oldest weeks go first.
 */
import { truncate } from '../text/width.js';
import { compact } from './text.js';

export type HeatmapCell = { readonly date: string; readonly reviews: number };
export type HeatmapOptions = { readonly width: number };

const SHADES = [' ', '░', '▒', '▓', '█'] as const;
const WEEKDAYS = ['Mon', '', 'Wed', '', 'Fri', '', ''];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LABEL_W = 4;
const DAY = 86_400_000;

/** `days`: consecutive `YYYY-MM-DD` days, oldest first. */
export function heatmap(days: readonly HeatmapCell[], opts: HeatmapOptions): string[] {
  const width = Math.floor(opts.width);
  const total = days.reduce((a, d) => a + d.reviews, 0);
  const active = days.filter((d) => d.reviews > 0).length;
  if (width < 20 || days.length === 0) {
    return [
      truncate(`${compact(total)} reviews on ${active}/${days.length} days`, Math.max(0, width)),
    ];
  }
  const first = utcDay(days[0]!.date);
  const monday = first - weekday(first) * DAY;
  const weeks = Math.floor((utcDay(days.at(-1)!.date) - monday) / DAY / 7) + 1;
  const grid: (number | undefined)[][] = Array.from({ length: weeks }, () => new Array(7));
  for (const d of days) {
    const t = utcDay(d.date);
    const w = Math.floor((t - monday) / DAY / 7);
    grid[w]![weekday(t)] = d.reviews;
  }

  // Two columns a week read as squares; one a week when that is all that fits.
  const cell = LABEL_W + weeks * 2 <= width ? 2 : 1;
  const shownWeeks = Math.min(weeks, Math.floor((width - LABEL_W) / cell));
  const from = weeks - shownWeeks;
  const thresholds = quartiles(days.map((d) => d.reviews).filter((n) => n > 0));

  const lines = [monthLine(monday, from, shownWeeks, cell)];
  for (let wd = 0; wd < 7; wd++) {
    let row = WEEKDAYS[wd]!.padEnd(LABEL_W);
    for (let w = from; w < weeks; w++) {
      const n = grid[w]![wd];
      row += SHADES[n === undefined ? 0 : level(n, thresholds)]!.repeat(cell);
    }
    lines.push(row.trimEnd());
  }
  lines.push(legend(thresholds, days, width));
  return lines.map((l) => truncate(l, width));
}

function utcDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** 0 = Monday … 6 = Sunday. */
function weekday(t: number): number {
  return (new Date(t).getUTCDay() + 6) % 7;
}

/**
 * Upper bounds of the first three shades: the 25th, 50th and 75th percentile counts, kept
 * below the busiest day so that it is always drawn `█`.
 */
function quartiles(counts: number[]): [number, number, number] {
  if (counts.length === 0) return [0, 0, 0];
  const s = counts.sort((a, b) => a - b);
  const at = (q: number) => s[Math.max(0, Math.ceil(s.length * q) - 1)]!;
  const c = Math.min(at(0.75), s.at(-1)! - 1);
  const b = Math.min(at(0.5), c);
  return [Math.min(at(0.25), b), b, c];
}

function level(n: number, [a, b, c]: [number, number, number]): number {
  if (n <= 0) return 0;
  if (n <= a) return 1;
  if (n <= b) return 2;
  if (n <= c) return 3;
  return 4;
}

/** Month names over the first week that holds the month's 1st, when there is room. */
function monthLine(monday: number, from: number, shown: number, cell: number): string {
  let line = ' '.repeat(LABEL_W);
  for (let w = from; w < from + shown; w++) {
    const start = monday + w * 7 * DAY;
    const first = [0, 1, 2, 3, 4, 5, 6]
      .map((k) => new Date(start + k * DAY))
      .find((d) => d.getUTCDate() === 1);
    if (!first) continue;
    const name = MONTHS[first.getUTCMonth()]!;
    const at = LABEL_W + (w - from) * cell;
    const used = line.trimEnd().length;
    if (at < (used > LABEL_W ? used + 1 : LABEL_W)) continue;
    line = line.padEnd(at) + name;
  }
  return line.trimEnd();
}

/** `░ 1-2  ▒ 3-5  ▓ 6-9  █ 10-42`: what each shade stands for. */
function legend(
  [a, b, c]: [number, number, number],
  days: readonly HeatmapCell[],
  width: number,
): string {
  const max = days.reduce((m, d) => Math.max(m, d.reviews), 0);
  // Not "yet": the log may hold reviews from before the period shown.
  if (max === 0)
    return truncate(`${' '.repeat(LABEL_W)}no reviews in these ${days.length} days`, width);
  const bounds: [number, number][] = [
    [1, a],
    [a + 1, b],
    [b + 1, c],
    [c + 1, max],
  ];
  const parts = bounds.flatMap(([lo, hi], k) =>
    hi >= lo
      ? [`${SHADES[k + 1]} ${lo === hi ? compact(lo) : `${compact(lo)}-${compact(hi)}`}`]
      : [],
  );
  return `${' '.repeat(LABEL_W)}${parts.join('  ')}`;
}
