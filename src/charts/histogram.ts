/** Horizontal bars, one per bucket: `label ████▌ count`. */
import { displayWidth, padEnd, padStart, truncate } from '../text/width.js';
import { compact, hbar } from './text.js';

export type HistogramBucket = { readonly label: string; readonly count: number };
export type HistogramOptions = { readonly width: number };

export function histogram(buckets: readonly HistogramBucket[], opts: HistogramOptions): string[] {
  const width = Math.floor(opts.width);
  const labelW = Math.min(12, Math.max(0, ...buckets.map((b) => displayWidth(b.label))));
  const countW = Math.max(1, ...buckets.map((b) => compact(b.count).length));
  const area = width - labelW - countW - 2;
  if (width < 20 || area < 4 || buckets.length === 0) {
    const text = buckets.map((b) => `${b.label}:${compact(b.count)}`).join(' ');
    return [truncate(text || 'no data', Math.max(0, width))];
  }
  const max = buckets.reduce((m, b) => Math.max(m, b.count), 0);
  return buckets.map((b) => {
    const e = max > 0 && b.count > 0 ? Math.max(1, (b.count / max) * area * 8) : 0;
    const bar = padEnd(hbar(e), area);
    return truncate(
      `${padStart(b.label, labelW)} ${bar} ${padStart(compact(b.count), countW)}`,
      width,
    );
  });
}
