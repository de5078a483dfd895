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

/**
 * `text` wrapped at `width` columns as Ink wraps it: at spaces, a word longer than the line cut
 * across rows. For screens that lay out their own lines to fit the terminal.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(' ')) {
      const size = displayWidth(word);
      if (line === '' && size <= w) {
        line = word;
        used = size;
        continue;
      }
      if (line !== '' && used + 1 + size <= w) {
        line = `${line} ${word}`;
        used += 1 + size;
        continue;
      }
      if (line !== '') out.push(line);
      line = word;
      used = size;
      while (used > w) {
        const head = cutAt(line, w);
        out.push(head);
        line = line.slice(head.length);
        used = displayWidth(line);
      }
    }
    out.push(line);
  }
  return out;
}

/**
 * `text` wrapped at `width` (`wrapText`) and cut to its first `rows` rows (at least one), the
 * last ending in `…` when anything was left out.
 */
export function wrapCut(text: string, width: number, rows: number): string[] {
  const lines = wrapText(text, width);
  const n = Math.max(1, Math.floor(rows));
  if (lines.length <= n) return lines;
  const kept = lines.slice(0, n);
  kept[n - 1] = truncate(`${kept[n - 1]} ${lines[n]}`, width);
  return kept;
}

/**
 * A file's `path:line` wrapped at `width`: lines break after a `/` (or before the `:line`), so a
 * line number is never split (`…yaml:1` / `6` read as line 1); a part wider than `width` is cut.
 */
export function wrapPath(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  const parts = text.match(/[^/:]*\/|:[^/]*|[^/:]+/g) ?? [text];
  const out: string[] = [];
  let line = '';
  for (const part of parts) {
    if (displayWidth(line + part) <= w) {
      line += part;
      continue;
    }
    if (line !== '') out.push(line);
    line = part;
    while (displayWidth(line) > w) {
      const head = cutAt(line, w);
      out.push(head);
      line = line.slice(head.length);
    }
  }
  out.push(line);
  return out;
}

/** The rows `text` takes wrapped at `width` (`wrapText`), for screens that fit the terminal. */
export function wrappedRows(text: string, width: number): number {
  return wrapText(text, width).length;
}

/** The longest start of `text` at most `width` columns wide (at least one character). */
function cutAt(text: string, width: number): string {
  let head = '';
  for (const ch of text) {
    if (head !== '' && displayWidth(head + ch) > width) break;
    head += ch;
  }
  return head;
}
