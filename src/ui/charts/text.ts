/** Column arithmetic for text charts: display width, truncation and padding. */

/** Terminal columns `text` takes: wide East Asian characters and emoji count 2, combining marks 0. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0)!);
  return w;
}

function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfe0f) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** `text` cut to at most `width` columns, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** `text` cut to `width` and padded with spaces to exactly `width` columns. */
export function padEnd(text: string, width: number): string {
  const t = truncate(text, width);
  return t + ' '.repeat(Math.max(0, width - displayWidth(t)));
}

export function padStart(text: string, width: number): string {
  const t = truncate(text, width);
  return ' '.repeat(Math.max(0, width - displayWidth(t))) + t;
}

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
