/**
 * Vertical bars, one per value (one per day for the forecast), with an optional limit drawn as
 * a horizontal line, a value axis on the left and sparse labels underneath.
 */
import { padStart, truncate } from '../text/width.js';
import { compact, verticalEighths } from './text.js';

export type BarChartOptions = {
  /** Columns available; every line returned fits. */
  readonly width: number;
  /** Lines available: the bars take all but the axis and label lines. */
  readonly height: number;
  /**
   * Drawn as a `─` line across the chart (its value on the axis) when at most twice the largest
   * value; a limit far above would flatten the bars, so the caller names it instead.
   */
  readonly limit?: number | null;
  /** A label per value; empty ones are skipped, and ones that would collide are dropped. */
  readonly labels?: readonly string[];
};

const NARROW = 20;

export function barChart(values: readonly number[], opts: BarChartOptions): string[] {
  const width = Math.floor(opts.width);
  const clean = values.map((v) => (Number.isFinite(v) && v > 0 ? v : 0));
  const max = clean.reduce((a, b) => Math.max(a, b), 0);
  const limit = opts.limit != null && opts.limit > 0 ? opts.limit : null;
  if (width < NARROW || opts.height < 3 || clean.length === 0) {
    return [summary(clean, max, limit, width)];
  }
  const showLimit = limit !== null && (max === 0 || limit <= max * 2);
  const top = Math.max(max, showLimit ? limit : 0, 1);
  const rows = opts.height - 2;
  const axisW = Math.max(compact(top).length, showLimit ? compact(limit).length : 0) + 1;
  const area = width - axisW - 1;
  const step = clean.length * 2 <= area ? Math.min(4, Math.floor(area / clean.length)) : 1;
  const barW = step > 1 ? step - 1 : 1;
  const shown = clean.slice(0, Math.floor(area / step));
  const limitRow = showLimit ? clampRow(Math.ceil((limit / top) * rows) - 1, rows) : -1;

  const lines: string[] = [];
  for (let r = rows - 1; r >= 0; r--) {
    let label = '';
    if (r === limitRow) label = compact(limit!);
    else if (r === rows - 1) label = compact(top);
    const tick = r === limitRow ? '┼' : label ? '┤' : '│';
    let row = `${padStart(label, axisW - 1)} ${tick}`;
    for (const v of shown) {
      const h8 = v > 0 ? Math.max(1, Math.round((v / top) * rows * 8)) : 0;
      const fill = Math.min(8, Math.max(0, h8 - r * 8));
      const cell = fill > 0 ? verticalEighths[fill]! : r === limitRow ? '─' : ' ';
      const gap = r === limitRow ? '─' : ' ';
      row += cell.repeat(barW) + gap.repeat(step - barW);
    }
    lines.push(row.trimEnd());
  }
  lines.push(`${padStart('0', axisW - 1)} └${'─'.repeat(shown.length * step)}`);
  lines.push(
    labelLine(opts.labels ?? defaultLabels(shown.length), shown.length, step, axisW + 1, width),
  );
  return lines.map((l) => truncate(l, width));
}

function clampRow(r: number, rows: number): number {
  return Math.min(rows - 1, Math.max(0, r));
}

function defaultLabels(n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i % 5 === 0 ? String(i) : ''));
}

/** Labels placed under their bar, left to right, skipping any that would touch the last one. */
function labelLine(
  labels: readonly string[],
  n: number,
  step: number,
  offset: number,
  width: number,
): string {
  let line = ' '.repeat(offset);
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (!label) continue;
    const at = offset + i * step;
    const room = line.trimEnd().length;
    if (at < (room > offset ? room + 1 : offset) || at + label.length > width) continue;
    line = line.padEnd(at) + label;
  }
  return line.trimEnd();
}

function summary(values: readonly number[], max: number, limit: number | null, width: number) {
  const sum = values.reduce((a, b) => a + b, 0);
  const text = `Σ${compact(sum)} max ${compact(max)}${limit !== null ? ` lim ${compact(limit)}` : ''}`;
  return truncate(text, Math.max(0, width));
}
