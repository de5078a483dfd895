/**
 * Anki field HTML → recall's card text (docs/deck-format.md, "Text and formatting"): bold,
 * italic and code become `**`, `*` and backticks, block elements and `<br>` line breaks,
 * entities are decoded, and what a terminal cannot show stays as a visible reference:
 * `[image: hola.png]`, `[sound: hola.mp3]`, `[math: x^2]`, `[latex: …]`. Scripts and styles are
 * dropped with their content; every other tag is dropped and its text kept. The result is
 * sanitized (text/sanitize.ts), as deck text is everywhere.
 */
import { decodeHTML } from 'entities';
import { sanitize } from '../text/sanitize.js';

const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<|[^<]+/g;
const BLOCK = new Set([
  'div',
  'p',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'dl',
  'dt',
  'dd',
  'hr',
]);
const DROPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'svg']);
const MARK: Record<string, string> = { b: '**', strong: '**', i: '*', em: '*' };
const CODE = new Set(['code', 'kbd', 'tt', 'samp']);

export type HtmlOptions = {
  /** No Markdown: for typed answers, which are compared as typed. */
  readonly plain?: boolean;
};

/** `src="…"` (or unquoted) of an `<img>`'s attributes. */
function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? decodeHTML(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

/** Markdown's special characters in plain text, escaped so they read as themselves. */
function escapeText(text: string): string {
  return text
    .replace(/[\\*`]/g, '\\$&')
    .replace(/(^|[^A-Za-z0-9])_|_(?=$|[^A-Za-z0-9])/g, (m) => m.replace('_', '\\_'));
}

export function htmlToText(html: string, opts: HtmlOptions = {}): string {
  const plain = opts.plain === true;
  let out = '';
  let dropping: string | undefined;
  let pre = 0;
  for (const m of html.matchAll(TOKEN)) {
    const [token, closing, rawTag, attrs = ''] = m;
    if (token.startsWith('<!--')) continue;
    if (rawTag === undefined) {
      if (dropping !== undefined) continue;
      const text = decodeHTML(token);
      out += pre > 0 ? text : references(collapse(text), plain);
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (dropping !== undefined) {
      if (closing && tag === dropping) dropping = undefined;
      continue;
    }
    if (DROPPED.has(tag)) {
      if (!closing && !attrs.trimEnd().endsWith('/')) dropping = tag;
      continue;
    }
    if (tag === 'br') out += '\n';
    else if (tag === 'img') {
      const src = attr(attrs, 'src');
      if (!closing && src) out += `[image: ${src}]`;
    } else if (tag === 'pre') {
      pre += closing ? -1 : 1;
      if (!plain) out += closing ? '\n```\n' : '\n```\n';
    } else if (BLOCK.has(tag)) {
      // A block starts and ends a line, without making blank lines of its own.
      if (!out.endsWith('\n')) out += '\n';
      if (tag === 'li' && !closing) out += '- ';
    } else if (!plain && pre === 0 && MARK[tag]) out += MARK[tag];
    else if (!plain && pre === 0 && CODE.has(tag)) out += '`';
  }
  return tidy(out);
}

/** HTML whitespace: runs of spaces, tabs and newlines are one space. */
function collapse(text: string): string {
  return text.replace(/[ \t\r\n\f]+/g, ' ');
}

/** Sounds, MathJax and LaTeX as visible references; the rest of the text escaped. */
function references(text: string, plain: boolean): string {
  const REF =
    /\[sound:([^\]]*)\]|\\\(([\s\S]*?)\\\)|\\\[([\s\S]*?)\\\]|\[\$\$\]([\s\S]*?)\[\/\$\$\]|\[\$\]([\s\S]*?)\[\/\$\]|\[latex\]([\s\S]*?)\[\/latex\]/g;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(REF)) {
    out += plain ? text.slice(last, m.index) : escapeText(text.slice(last, m.index));
    const [, sound, inline, display, dollars, dollar, latex] = m;
    if (sound !== undefined) out += `[sound: ${sound.trim()}]`;
    else if (inline !== undefined || display !== undefined) {
      out += `[math: ${(inline ?? display)!.trim()}]`;
    } else out += `[latex: ${(dollars ?? dollar ?? latex)!.trim()}]`;
    last = m.index + m[0].length;
  }
  return out + (plain ? text.slice(last) : escapeText(text.slice(last)));
}

/** Lines trimmed (not inside code fences), at most one blank line in a row; controls removed. */
function tidy(text: string): string {
  let fenced = false;
  return sanitize(text)
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => {
      if (line === '```') fenced = !fenced;
      return fenced || line === '```' ? line.trimEnd() : line.replace(/[ \t]+/g, ' ').trim();
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
