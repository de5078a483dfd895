/**
 * The YAML parser's errors, said for whoever wrote the deck: what is wrong with the line and
 * how to write it instead (`q: Which: endpoint` → quote the value), by the parser's error code.
 * An error this does not know keeps the parser's own first line. Pure.
 */
import { sanitize } from '../text/sanitize.js';

/** One YAML error or warning as the parser gives it. */
export type YamlIssue = {
  readonly code: string;
  readonly message: string;
  readonly offset: number;
};

/** Suggested values are cut here: the line is in the file, the message says how to write it. */
const SHOWN_MAX = 60;

/** The line holding `offset`, and where it starts. */
function lineAt(src: string, offset: number): { start: number; text: string } {
  const start = src.lastIndexOf('\n', offset - 1) + 1;
  const end = src.indexOf('\n', offset);
  return { start, text: src.slice(start, end === -1 ? src.length : end).replace(/\r$/, '') };
}

/** `  - q: Which: endpoint  # c` → key `q`, value `Which: endpoint` (comment dropped). */
function keyValue(line: string): { key: string; value: string } | undefined {
  const m = /^\s*(?:-\s+)?([^\s:#'"[{][^:#]*?):[ \t]+(.*)$/.exec(line);
  if (!m) return undefined;
  const value = m[2]!.replace(/\s+#.*$/, '').trim();
  return value === '' ? undefined : { key: m[1]!, value };
}

/** A value quoted as YAML reads it back: single quotes unless it holds one. */
export function quoted(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  return JSON.stringify(value);
}

const cut = (s: string) => (s.length > SHOWN_MAX ? `${s.slice(0, SHOWN_MAX - 1)}…` : s);
const code = (s: string) => `\`${sanitize(cut(s))}\``;

/** `q: "Which: endpoint"` for the line at `offset`, when it is a `key: value` line. */
function quotedLine(src: string, offset: number): string | undefined {
  const kv = keyValue(lineAt(src, offset).text);
  return kv ? code(`${kv.key}: ${quoted(kv.value)}`) : undefined;
}

/**
 * The message for one parser issue. `all` is every issue of the document: a key that runs onto
 * the next line comes as two errors at one place, said once (see `redundant`).
 */
export function yamlMessage(issue: YamlIssue, src: string, all: readonly YamlIssue[]): string {
  const { message, offset } = issue;
  const first = sanitize(message.split('\n')[0] ?? message);
  const line = lineAt(src, offset);
  switch (issue.code) {
    case 'BLOCK_AS_IMPLICIT_KEY': {
      const runsOn = all.some((o) => o.code === 'MULTILINE_IMPLICIT_KEY' && o.offset === offset);
      if (runsOn) return INDENT_MESSAGE;
      const q = quotedLine(src, offset);
      return q
        ? `a colon in a value starts a new key: quote the value, ${q}`
        : 'a colon in a value starts a new key: quote the value';
    }
    case 'MULTILINE_IMPLICIT_KEY':
      return INDENT_MESSAGE;
    case 'TAB_AS_INDENT':
      return 'a tab indents this line: YAML indents with spaces only';
    case 'MISSING_CHAR': {
      if (/closing "/.test(message))
        return 'this `"` quote is never closed: end the value with `"`';
      if (/closing '/.test(message))
        return "this `'` quote is never closed: end the value with `'`";
      if (/without - indicator/.test(message))
        return 'this line is indented less than the keys above it: line it up with them, or start a new card with `- `';
      if (/Comments must be separated/.test(message)) {
        const q = quotedLine(src, offset);
        return `\`#\` right after text starts no comment: put a space before it, or quote the value${q ? `, ${q}` : ''}`;
      }
      if (/followed by map values/.test(message))
        return 'this line is no `key: value`: add the key, or indent it as part of the value above';
      return first;
    }
    case 'DUPLICATE_KEY': {
      const key = /^[^:\s]+/.exec(src.slice(offset))?.[0];
      return key
        ? `${code(key)} is written twice in this mapping: keep one`
        : 'a key is written twice in this mapping: keep one';
    }
    case 'BAD_SCALAR_START': {
      const char = src[offset] ?? '';
      const q = quotedLine(src, offset);
      const what = char === '`' ? 'a backtick' : code(char);
      return `a value cannot start with ${what} unquoted: quote it${q ? `, ${q}` : ''}`;
    }
    case 'UNEXPECTED_TOKEN': {
      const kv = keyValue(line.text);
      if (/^Not a YAML token/.test(message) && kv && /^[|>]/.test(kv.value))
        return `\`${kv.value[0]}\` starts a block: put the text on the lines below, indented`;
      if (kv?.value.startsWith('{{'))
        return `a value that starts with \`{{\` must be quoted: ${code(`${kv.key}: ${quoted(kv.value)}`)}`;
      if (kv && /^["'[{*&!]/.test(kv.value))
        return `text goes on after the value's end: a value that starts with ${code(kv.value[0]!)} is quoted whole, ${code(`${kv.key}: ${quoted(kv.value)}`)}`;
      return first;
    }
    case 'BAD_INDENT':
      if (/Flow map/.test(message)) return 'this `{` is never closed: end the mapping with `}`';
      if (/Flow sequence/.test(message)) return 'this `[` is never closed: end the list with `]`';
      if (/same column/.test(message))
        return 'the keys of one mapping must start at the same column';
      return first;
    case 'MULTIPLE_DOCS':
      return 'a deck is one YAML document: remove this `---` line, or split the file into two decks';
    case 'BAD_DQ_ESCAPE':
      return 'a backslash in double quotes starts an escape: write `\\\\` for a backslash, or use single quotes';
    case 'MULTIPLE_ANCHORS':
      return 'a value takes one anchor (`&name`) at most';
    case 'TAG_RESOLVE_FAILED': {
      const q = quotedLine(src, offset);
      return `a value that starts with \`!\` is read as a YAML tag and dropped: quote it${q ? `, ${q}` : ''}`;
    }
    default:
      return first;
  }
}

const INDENT_MESSAGE =
  'this text runs onto the next line as a key: indent the keys of one card equally, and put a space after each `-`';

/** The second of two errors the parser gives for one mistake (a key running onto the next line). */
export function redundant(issue: YamlIssue, all: readonly YamlIssue[]): boolean {
  return (
    issue.code === 'MULTILINE_IMPLICIT_KEY' &&
    all.some((o) => o.code === 'BLOCK_AS_IMPLICIT_KEY' && o.offset === issue.offset)
  );
}
