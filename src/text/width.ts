/**
 * Terminal columns, for every table and chart we lay out ourselves: a wide East Asian character
 * or an emoji takes 2, a combining mark 0, so a deck named in Japanese keeps columns aligned.
 * string-width and cli-truncate are the ones Ink measures and clips with, so our layout agrees
 * with what it then draws.
 */
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';

export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** `text` cut to at most `width` columns, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  const w = Math.floor(width);
  if (displayWidth(text) <= w) return text;
  // cli-truncate 5 lets a wide character straddle the limit (`日本…` for 4 columns is 5): cut
  // one column shorter then.
  for (let room = w; room > 0; room--) {
    const cut = cliTruncate(text, room);
    if (displayWidth(cut) <= w) return cut;
  }
  return '';
}

/** `text` cut to `width` and padded with spaces to exactly `width` columns. */
export function padEnd(text: string, width: number): string {
  const t = truncate(text, width);
  return t + ' '.repeat(Math.max(0, width - displayWidth(t)));
}

/** `text` cut to `width` and right-aligned in exactly `width` columns. */
export function padStart(text: string, width: number): string {
  const t = truncate(text, width);
  return ' '.repeat(Math.max(0, width - displayWidth(t))) + t;
}
