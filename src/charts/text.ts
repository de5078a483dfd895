/** Glyphs and number formats for text charts (column arithmetic is in text/width.ts). */

/** Eighth blocks, for bar ends finer than a cell: index n is n/8 of a cell. */
export const verticalEighths = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
export const horizontalEighths = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'] as const;

/** A horizontal bar of `eighths` eighth-cells. */
export function hbar(eighths: number): string {
  const e = Math.max(0, Math.round(eighths));
  const rest = e % 8;
  return '█'.repeat(Math.floor(e / 8)) + (rest > 0 ? horizontalEighths[rest] : '');
}

/** Short number: 950, 1.2k, 35k, 1.5M. */
export function compact(n: number): string {
  const a = Math.abs(n);
  if (a < 1000) return String(Math.round(n));
  if (a < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  if (a < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}
