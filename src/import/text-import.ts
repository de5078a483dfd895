/**
 * Plain-text decks → an import plan: Anki's "Notes in Plain Text" export (its `#separator:`,
 * `#html:`, `#tags column:`, `#guid column:` … header lines) and CSV/TSV files with a header row
 * (`front,back,tags`, or the columns named by `--columns q,a,tags`), which covers Quizlet's and
 * most other tools' exports. Fields may be quoted as in CSV ("a ""b""", line breaks inside).
 * UTF-8 (a BOM is dropped) or UTF-16 with its BOM; CRLF or LF.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { uniqueSlugs } from '../deck/identity.js';
import { sanitize } from '../text/sanitize.js';
import { slug } from '../text/slug.js';
import type { Converted } from './anki-notes.js';
import { BadInput } from './bad-input.js';
import { htmlToText } from './html.js';
import { MAX_TEXT_BYTES } from './limits.js';
import type { Plan } from './plan.js';

export type TextImportOptions = {
  readonly into: string;
  readonly deckId?: string;
  /** `q,a,tags`: the columns of a file without a header row. */
  readonly columns?: string;
  /** `.csv`, `.tsv`, `.txt`: the separator when the file does not say. */
  readonly extension: string;
};

type Column = 'q' | 'a' | 'tags' | 'id' | 'guid' | 'explain' | 'skip';

const COLUMN_NAMES: Record<string, Column> = {
  q: 'q',
  front: 'q',
  question: 'q',
  term: 'q',
  word: 'q',
  a: 'a',
  back: 'a',
  answer: 'a',
  definition: 'a',
  meaning: 'a',
  tags: 'tags',
  tag: 'tags',
  id: 'id',
  guid: 'guid',
  explain: 'explain',
  notes: 'explain',
  extra: 'explain',
};

const SEPARATORS: Record<string, string> = {
  tab: '\t',
  comma: ',',
  semicolon: ';',
  space: ' ',
  pipe: '|',
  colon: ':',
};

/** The file's text: UTF-8 (BOM dropped) or UTF-16 with a BOM; anything else is refused. */
export function decodeText(data: Uint8Array): string {
  if (data.length > MAX_TEXT_BYTES) throw new BadInput('over 256 MB: too large to import as text');
  if (data[0] === 0xff && data[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff)
    return new TextDecoder('utf-16be').decode(data.subarray(2));
  const body = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new BadInput(
      'not UTF-8 text (an unknown encoding, or not a text file): save it as UTF-8 and import again',
    );
  }
}

/** Records of a delimited text, quotes as in CSV; each with the line it starts on. */
export function records(
  text: string,
  sep: string,
  firstLine = 1,
): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = firstLine;
  let start = line;
  let fresh = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      fresh = false;
    } else if (c === sep) {
      fields.push(field);
      field = '';
      fresh = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (!fresh || field !== '') out.push({ line: start, fields: [...fields, field] });
      fields = [];
      field = '';
      fresh = true;
      line++;
      start = line;
    } else {
      field += c;
      fresh = false;
    }
  }
  if (quoted) throw new BadInput(`line ${start}: a quoted field is never closed`);
  if (!fresh || field !== '') out.push({ line: start, fields: [...fields, field] });
  return out;
}

type Header = {
  sep?: string;
  html?: boolean;
  columns: Map<number, Column>;
  lines: number;
};

/** Anki's `#key:value` lines at the top of a plain-text export. */
function ankiHeader(text: string): Header {
  const header: Header = { columns: new Map(), lines: 0 };
  for (const raw of text.split(/\r?\n/)) {
    const m = /^#([a-z ]+):(.*)$/i.exec(raw);
    if (!m) break;
    header.lines++;
    const key = m[1]!.trim().toLowerCase();
    const value = m[2]!.trim();
    if (key === 'separator') {
      const sep = SEPARATORS[value.toLowerCase()] ?? (value.length === 1 ? value : undefined);
      if (sep === undefined)
        throw new BadInput(`line ${header.lines}: unknown #separator ${value}`);
      header.sep = sep;
    } else if (key === 'html') header.html = value.toLowerCase() === 'true';
    else if (
      key === 'tags column' ||
      key === 'guid column' ||
      key === 'notetype column' ||
      key === 'deck column'
    ) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1)
        throw new BadInput(`line ${header.lines}: #${key} is not a column number`);
      const kind = key.split(' ')[0]!;
      header.columns.set(n - 1, kind === 'tags' ? 'tags' : kind === 'guid' ? 'guid' : 'skip');
    }
  }
  return header;
}

function columnsFrom(names: readonly string[], where: string): Column[] {
  const cols = names.map((n) => {
    const c = COLUMN_NAMES[n.trim().toLowerCase()];
    if (c === undefined) {
      throw new BadInput(
        `${where}: unknown column ${JSON.stringify(n.trim())} (known: front/q, back/a, tags, id, explain)`,
      );
    }
    return c;
  });
  if (!cols.includes('q') || !cols.includes('a')) {
    throw new BadInput(
      `${where}: needs a question column (front or q) and an answer column (back or a)`,
    );
  }
  return cols;
}

export function planTextImport(data: Uint8Array, name: string, opts: TextImportOptions): Plan {
  const text = decodeText(data);
  const header = ankiHeader(text);
  const body = text.split(/\r?\n/).slice(header.lines).join('\n');
  const firstLine = header.lines + 1;
  const firstRow = body.split('\n', 1)[0] ?? '';
  const sep =
    header.sep ??
    (opts.extension === '.tsv' || opts.extension === '.txt' || firstRow.includes('\t')
      ? '\t'
      : firstRow.split(';').length > firstRow.split(',').length
        ? ';'
        : ',');
  let rows = records(body, sep, firstLine);
  let columns: Column[];
  const anki = header.lines > 0;
  if (opts.columns !== undefined) columns = columnsFrom(opts.columns.split(','), '--columns');
  else if (anki) {
    // Anki's export: the notes' fields in order (front, back, …), tags and guid where it says.
    const width = Math.max(0, ...rows.map((r) => r.fields.length));
    columns = [];
    let field = 0;
    for (let i = 0; i < width; i++) {
      const fixed = header.columns.get(i);
      columns.push(fixed ?? (field === 0 ? 'q' : field === 1 ? 'a' : 'explain'));
      if (fixed === undefined) field++;
    }
  } else {
    const head = rows[0];
    if (head === undefined) throw new BadInput('the file is empty');
    columns = columnsFrom(head.fields, `line ${head.line}`);
    rows = rows.slice(1);
  }
  const html = header.html ?? anki;
  const converted: Converted[] = [];
  const rawIds: string[] = [];
  const cells: Record<Column, string>[] = [];
  for (const row of rows) {
    if (row.fields.length !== columns.length && !(anki && row.fields.length < columns.length)) {
      throw new BadInput(
        `line ${row.line}: ${row.fields.length} fields, and the ${opts.columns === undefined ? 'header has' : 'columns are'} ${columns.length} (a ragged row; quote fields holding the separator)`,
      );
    }
    const cell = {} as Record<Column, string>;
    columns.forEach((c, i) => {
      const v = row.fields[i] ?? '';
      const had = cell[c];
      if (c !== 'skip') cell[c] = had ? `${had}\n${v}` : v;
    });
    const show = (v: string | undefined) =>
      html
        ? htmlToText(v ?? '')
        : sanitize(v ?? '')
            .replace(/\r\n?/g, '\n')
            .trim();
    const q = show(cell.q);
    const a = show(cell.a);
    if (q === '' || a === '') {
      throw new BadInput(`line ${row.line}: ${q === '' ? 'the question' : 'the answer'} is empty`);
    }
    cells.push(cell);
    rawIds.push(q);
    const explain = show(cell.explain);
    const tags = sanitize(cell.tags ?? '')
      .split(/[\s,]+/)
      .filter(Boolean);
    converted.push({
      entry: { id: '', q, a, tags, ...(explain ? { explain } : {}) },
      cards: new Map([[converted.length, undefined]]),
    });
  }
  if (converted.length === 0) throw new BadInput('no cards in it');
  // Ids: the file's own, else Anki's guid (hashed: guids are case-sensitive), else the question.
  const slugs = uniqueSlugs(rawIds);
  const ids = cells.map((cell, i) => {
    if (cell.id && slug(cell.id)) return `t-${slug(cell.id)}`;
    if (cell.guid) return `g-${createHash('sha256').update(cell.guid).digest('hex').slice(0, 12)}`;
    return `t-${slugs[i]}`;
  });
  const seen = new Set<string>();
  const entries = converted.map((c, i) => {
    let id = ids[i]!;
    for (let n = 2; seen.has(id); n++) id = `${ids[i]}-${n}`;
    seen.add(id);
    return { ...c, entry: { ...c.entry, id } };
  });
  const deckId = opts.deckId ?? (slug(name) || 'imported');
  return {
    decks: [
      {
        path: join(opts.into, `${deckId}.yaml`),
        deckId,
        name: sanitize(name).trim() || deckId,
        source: `text ${deckId}`,
        entries,
      },
    ],
    media: [],
    history: new Map(),
    suspended: new Set(),
    notes: [],
  };
}
