/**
 * Markdown-ish card text → blocks of styled spans, for the UI to draw. Deliberately small:
 * `**bold**`, `*italic*` / `_italic_`, `` `code` ``, fenced ``` code blocks, `\` escapes.
 * Anything unclosed stays literal, and `_` inside a word (`next_page_token`) is not emphasis.
 */

export type Span = {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly code?: boolean;
};

export type Block =
  /** Prose: one entry per source line, each a run of spans. */
  | { readonly type: 'para'; readonly lines: readonly (readonly Span[])[] }
  /** A fenced code block, verbatim. */
  | { readonly type: 'code'; readonly lang?: string; readonly text: string };

type Style = { readonly bold: boolean; readonly italic: boolean };

const FENCE_OPEN = /^\s*```\s*([^\s`]*)\s*$/;
const FENCE_CLOSE = /^\s*```\s*$/;
const ESCAPABLE = new Set(['\\', '*', '_', '`']);

/** Card text split into paragraphs (blank-line separated) and fenced code blocks. */
export function parseInline(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: Span[][] = [];
  const flush = () => {
    if (para.length > 0) blocks.push({ type: 'para', lines: para });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const open = FENCE_OPEN.exec(line);
    const close = open ? lines.findIndex((l, j) => j > i && FENCE_CLOSE.test(l)) : -1;
    if (open && close > i) {
      flush();
      const lang = open[1];
      const code = lines.slice(i + 1, close).join('\n');
      blocks.push(lang ? { type: 'code', lang, text: code } : { type: 'code', text: code });
      i = close;
    } else if (line.trim() === '') {
      flush();
    } else {
      para.push(parseSpans(line));
    }
  }
  flush();
  return blocks;
}

/** One line of inline Markdown as it reads, without its markers (`A **job**` → `A job`). */
export function inlineText(line: string): string {
  return parseSpans(line)
    .map((s) => s.text)
    .join('');
}

/** One line of prose as styled spans (adjacent spans of the same style merged). */
export function parseSpans(line: string): Span[] {
  const out: Span[] = [];
  scan(line, { bold: false, italic: false }, out);
  return out;
}

function push(out: Span[], text: string, style: Style, code = false): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (
    last &&
    (last.bold === true) === style.bold &&
    (last.italic === true) === style.italic &&
    (last.code === true) === code
  ) {
    out[out.length - 1] = { ...last, text: last.text + text };
    return;
  }
  out.push({
    text,
    ...(style.bold ? { bold: true } : {}),
    ...(style.italic ? { italic: true } : {}),
    ...(code ? { code: true } : {}),
  });
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

function scan(text: string, style: Style, out: Span[]): void {
  let plain = '';
  const emit = () => {
    push(out, plain, style);
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && ESCAPABLE.has(text[i + 1] ?? '')) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 1;
      while (text[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      const end = text.indexOf(fence, i + n);
      if (end > i + n && text[end + n] !== '`') {
        emit();
        push(out, text.slice(i + n, end), style, true);
        i = end + n;
      } else {
        plain += fence;
        i += n;
      }
      continue;
    }
    if (c === '*' && text[i + 1] === '*' && !isSpace(text[i + 2])) {
      const end = findClose(text, i + 2, '**');
      if (end > i + 2) {
        emit();
        scan(text.slice(i + 2, end), { ...style, bold: true }, out);
        i = end + 2;
        continue;
      }
      plain += '**';
      i += 2;
      continue;
    }
    if ((c === '*' || c === '_') && !isSpace(text[i + 1]) && text[i + 1] !== c) {
      const opens = c === '*' || !isWordChar(text[i - 1]);
      const end = opens ? findClose(text, i + 1, c) : -1;
      if (end > i + 1) {
        emit();
        scan(text.slice(i + 1, end), { ...style, italic: true }, out);
        i = end + 1;
        continue;
      }
    }
    plain += c;
    i++;
  }
  emit();
}

/** Index of the closing `marker` from `from`: after a non-space, not inside a code span. */
function findClose(text: string, from: number, marker: '**' | '*' | '_'): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j]!;
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '`') {
      let n = 1;
      while (text[j + n] === '`') n++;
      const end = text.indexOf('`'.repeat(n), j + n);
      if (end > j) j = end + n - 1;
      else j += n - 1;
      continue;
    }
    if (!text.startsWith(marker, j) || isSpace(text[j - 1])) continue;
    if (marker === '**') {
      // In a run like `***`, the last two close the bold (the first ends an inner italic).
      while (text[j + 2] === '*') j++;
      return j;
    }
    // A single marker must not be half of a double one, and `_` must end a word.
    if (text[j + 1] === marker || text[j - 1] === marker) {
      if (marker === '*' && text[j + 1] === '*') j++;
      continue;
    }
    if (marker === '_' && isWordChar(text[j + 1])) continue;
    return j;
  }
  return -1;
}
