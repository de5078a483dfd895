/**
 * Text read from disk is untrusted: a shared deck (or a file name in a cloned deck repository,
 * or a line in a data file) must not be able to clear the screen, retitle the terminal, write
 * the clipboard (OSC 52), plant an OSC 8 link or reorder what is shown with bidi overrides; and
 * two deck strings that look the same must be the same. Deck text goes through `sanitize` when
 * it is parsed (controls are dropped: the card reads as its author meant it to); names a user
 * may have to type or find again — file names, progress keys — and the lines quoting them go
 * through `visible` where they are printed (problem lines, `recall: …` errors, `doctor`), so
 * `clip\x1b]52;….yaml` shows which file it is without acting on the terminal.
 */

/**
 * Escape sequences, longest forms first:
 * - string controls OSC/DCS/SOS/PM/APC (`ESC ] … BEL|ST`), only when terminated — an
 *   unterminated one loses its ESC below and is plain text after that;
 * - CSI `ESC [ params intermediates final`;
 * - two-byte and nF escapes (`ESC c`, `ESC ( B`, `ESC 7`).
 */
const ESCAPE_SEQUENCE =
  /\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[ -/]*[0-~]/g;

/**
 * Removed outright: C0 controls but `\n` (tab is handled first), lone ESC, DEL, C1 controls,
 * bidi overrides and isolates; and the invisible format characters that only make two strings
 * differ where nothing shows: zero-width space U+200B, word joiner and invisible operators
 * U+2060–U+2064, U+FEFF (a BOM inside text), U+180E, and the bidi marks LRM/RLM/ALM (U+200E,
 * U+200F, U+061C: the overrides they refine are already gone, and without them right-to-left
 * text still reads in order, at worst with a neutral sign on the other side).
 */
const CONTROL =
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Zero-width (non-)joiners U+200C/U+200D are kept between two non-ASCII characters, where they
 * change what is drawn (emoji sequences such as 👨‍👩‍👧, Persian and Indic letters), and removed next
 * to ASCII or at an end, where they are invisible.
 */
const STRAY_JOINER = /(^|[\x00-\x7f])[\u200c\u200d]+|[\u200c\u200d]+(?=[\x00-\x7f]|$)/g;

/** Line and paragraph separators break lines for Unicode, not for a terminal: made newlines. */
const SEPARATOR = /[\u2028\u2029]/g;

const SUSPECT =
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** The text with every terminal control sequence and invisible format character removed. */
export function sanitize(text: string): string {
  // Fast path: most text is plain.
  if (!SUSPECT.test(text)) return text;
  return text
    .replace(/\t/g, '  ')
    .replace(SEPARATOR, '\n')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL, '')
    .replace(STRAY_JOINER, '$1');
}

/** What `visible` spells out: every character `sanitize` drops or changes, and newline. */
const UNSHOWN =
  /[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

const SHORT: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/**
 * The text on one line with each control or invisible format character spelled out as an
 * escape (`\x1b`, `\n`, `\u200b`): for names and lines quoting them, which must stay
 * recognisable and cannot break a line or act on the terminal.
 */
export function visible(text: string): string {
  return text.replace(UNSHOWN, (c) => {
    const code = c.charCodeAt(0);
    return (
      SHORT[c] ??
      (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`)
    );
  });
}

/**
 * `JSON.stringify` for output: the same JSON, with the characters it leaves raw but a terminal
 * may act on (C1 controls such as U+009B, a one-character CSI) or that hide (format characters)
 * written as `\uXXXX` escapes, as it already writes C0 controls. Names keep their exact value.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value).replace(
    UNSHOWN,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A deep copy of a parsed YAML value with `sanitize` applied to every string, keys included.
 * Keys are defined, never assigned: `out['__proto__'] = v` would make `v` the copy's prototype,
 * and a deck written under `__proto__:` would read as the deck itself.
 */
export function sanitizeDeep(value: unknown): unknown {
  if (typeof value === 'string') return sanitize(value);
  if (Array.isArray(value)) return value.map(sanitizeDeep);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [sanitize(k), sanitizeDeep(v)]),
    );
  }
  return value;
}
