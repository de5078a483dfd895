/** One line of eighth blocks, one per value (the most recent `width` values when too many). */
import { verticalEighths } from './text.js';

export function sparkline(values: readonly number[], opts: { readonly width: number }): string {
  const width = Math.max(0, Math.floor(opts.width));
  const shown = values.slice(Math.max(0, values.length - width));
  const max = shown.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, v) : m), 0);
  return shown
    .map((v) => {
      if (!(v > 0) || max === 0) return ' ';
      return verticalEighths[Math.max(1, Math.round((v / max) * 8))];
    })
    .join('');
}
