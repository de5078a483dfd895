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
 * bidi overrides and isolates; and the format characters that never show, so only make two
 * strings differ where nothing does: zero-width space U+200B, soft hyphen U+00AD (terminals
 * draw it or not as they please), combining grapheme joiner U+034F, word joiner and invisible
 * operators U+2060–U+2064 with the deprecated U+206A–U+206F, U+FEFF (a BOM inside text),
 * U+180E, the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0: blank "names"), U+17B4/U+17B5,
 * U+FFF0–U+FFF8, shorthand and musical format controls, the language tag U+E0001 and the
 * unassigned ignorables of plane 14; and the bidi marks LRM/RLM/ALM (U+200E, U+200F, U+061C:
 * the overrides they refine are already gone, and without them right-to-left text still reads
 * in order, at worst with a neutral sign on the other side).
 */
const CONTROL =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: one code point at a time, marks too
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f\u3164\uffa0\ufeff\ufff0-\ufff8\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0000}-\u{e001f}\u{e0080}-\u{e00ff}\u{e01f0}-\u{e0fff}]/gu;

/**
 * Zero-width (non-)joiners U+200C/U+200D are kept between two non-ASCII characters, where they
 * change what is drawn (emoji sequences such as 👨‍👩‍👧, Persian and Indic letters), and removed next
 * to ASCII or at an end, where they are invisible.
 */
const STRAY_JOINER = /(^|[\x00-\x7f])[\u200c\u200d]+|[\u200c\u200d]+(?=[\x00-\x7f]|$)/gu;

/**
 * Variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF, Mongolian U+180B–U+180D and U+180F)
 * choose how the character before them is drawn (❤️, 葛󠄀, Mongolian letter forms): kept after a
 * non-ASCII character, removed at the start or after ASCII, where they choose nothing; but the
 * emoji selector after a digit, `#` or `*` starts a keycap (1️⃣) and stays.
 */
const STRAY_SELECTOR = /(^|[\x00-\x7f])([\ufe00-\ufe0f\u180b-\u180d\u180f\u{e0100}-\u{e01ef}]+)/gu;

const keepSelector = (prefix: string, selectors: string): string =>
  /^[0-9#*]$/.test(prefix) && /^[\ufe0e\ufe0f]/.test(selectors) ? prefix + selectors[0] : prefix;

/**
 * Tag characters U+E0020–U+E007F spell ASCII that nothing shows: kept only in the tag sequence
 * of a flag (🏴 U+1F3F4, then tags: 🏴󠁧󠁢󠁥󠁮󠁧󠁿), removed anywhere else.
 */
const STRAY_TAG = /(?<!\u{1f3f4}[\u{e0020}-\u{e007f}]*)[\u{e0020}-\u{e007f}]+/gu;

/** Line and paragraph separators break lines for Unicode, not for a terminal: made newlines. */
const SEPARATOR = /[\u2028\u2029]/g;

const SUSPECT =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: one code point at a time, marks too
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\uffa0\ufeff\ufff0-\ufff8\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0000}-\u{e0fff}]/u;

/** The text with every terminal control sequence and invisible format character removed. */
export function sanitize(text: string): string {
  // Fast path: most text is plain.
  if (!SUSPECT.test(text)) return text;
  return text
    .replace(/\t/g, '  ')
    .replace(SEPARATOR, '\n')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL, '')
    .replace(STRAY_JOINER, '$1')
    .replace(STRAY_SELECTOR, (_, prefix: string, selectors: string) =>
      keepSelector(prefix, selectors),
    )
    .replace(STRAY_TAG, '');
}

/** One character `sanitize` removes or changes, where it is in the text. */
export type Invisible = {
  /** UTF-16 offset, as YAML positions count. */
  readonly index: number;
  readonly codePoint: number;
};

/**
 * Every character `sanitize` would remove or change, in order: for a warning at each, where a
 * reader sees nothing. A tab and a line end (`\n`, `\r\n`) are layout, not listed; an escape
 * sequence is listed once, at its ESC.
 */
export function invisibleIn(text: string): Invisible[] {
  if (!SUSPECT.test(text)) return [];
  const found = new Map<number, number>();
  const add = (index: number, char: string) => {
    found.set(index, char.codePointAt(0)!);
  };
  for (const m of text.matchAll(CONTROL)) {
    if (m[0] === '\t' || (m[0] === '\r' && text[m.index + 1] === '\n')) continue;
    add(m.index, m[0]);
  }
  for (const m of text.matchAll(SEPARATOR)) add(m.index, m[0]);
  const each = (start: number, run: string) => {
    let at = start;
    for (const c of run) {
      add(at, c);
      at += c.length;
    }
  };
  for (const m of text.matchAll(STRAY_JOINER)) {
    const prefix = m[1] ?? '';
    each(m.index + prefix.length, m[0].slice(prefix.length));
  }
  for (const m of text.matchAll(STRAY_SELECTOR)) {
    const [, prefix = '', selectors = ''] = m;
    const kept = keepSelector(prefix, selectors).length - prefix.length;
    each(m.index + prefix.length + kept, selectors.slice(kept));
  }
  for (const m of text.matchAll(STRAY_TAG)) each(m.index, m[0]);
  return [...found].sort(([a], [b]) => a - b).map(([index, codePoint]) => ({ index, codePoint }));
}

/**
 * What a reader can tell apart: the text in NFC (`é` written as one character or as `e` and
 * an accent), without any default-ignorable character (those `sanitize` keeps where they draw
 * something count for nothing here), and with every run of whitespace, no-break space included,
 * one space. Two choices with the same key are the same choice to whoever picks one.
 */
export function shownKey(text: string): string {
  // ASCII has nothing to normalise and nothing ignorable (controls are gone by now).
  if (/^[\x00-\x7f]*$/.test(text)) return text.replace(/\s+/g, ' ').trim();
  return text
    .normalize('NFC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * What `visible` spells out: every character `sanitize` removes wherever it is, the tag
 * characters, and newline. Joiners and variation selectors stay as they are: a name drawn with
 * them (an emoji) draws the same.
 */
const UNSHOWN =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: one code point at a time, marks too
  /[\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u206f\u3164\uffa0\ufeff\ufff0-\ufff8\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0000}-\u{e00ff}\u{e01f0}-\u{e0fff}]/gu;

const SHORT: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/**
 * The text on one line with each control or invisible format character spelled out as an
 * escape (`\x1b`, `\n`, `\u200b`): for names and lines quoting them, which must stay
 * recognisable and cannot break a line or act on the terminal.
 */
export function visible(text: string): string {
  return text.replace(UNSHOWN, (c) => {
    const code = c.codePointAt(0)!;
    if (SHORT[c]) return SHORT[c];
    if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
    return code < 0x10000 ? `\\u${code.toString(16)}` : `\\u{${code.toString(16)}}`;
  });
}

/**
 * `JSON.stringify` for output: the same JSON, with the characters it leaves raw but a terminal
 * may act on (C1 controls such as U+009B, a one-character CSI) or that hide (format characters)
 * written as `\uXXXX` escapes, as it already writes C0 controls. Names keep their exact value.
 */
export function toJson(value: unknown): string {
  return escapeUnshown(JSON.stringify(value));
}

/** JSON text with what `toJson` escapes escaped. */
function escapeUnshown(json: string): string {
  return json.replace(UNSHOWN, (c) => {
    let escaped = '';
    // JSON escapes UTF-16 units: a character past U+FFFF is two of them.
    for (let i = 0; i < c.length; i++) {
      escaped += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    }
    return escaped;
  });
}

/**
 * `toJson` of the list of `items`, byte for byte, handed to `write` a few thousand items at a
 * time: a large export is never one string (and its escaped copy) in memory at once.
 */
export function writeJsonList(
  items: Iterable<unknown>,
  write: (chunk: string) => void,
  per = 4096,
): void {
  let chunk: unknown[] = [];
  let first = true;
  const flush = () => {
    // In a list JSON.stringify writes what has no JSON form (undefined, a function) as null.
    const text = chunk.map((item) => JSON.stringify(item) ?? 'null').join(',');
    write(escapeUnshown(`${first ? '[' : ','}${text}`));
    first = false;
    chunk = [];
  };
  for (const item of items) {
    chunk.push(item);
    if (chunk.length >= per) flush();
  }
  if (chunk.length > 0 || first) flush();
  write(']');
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
    // A loop, not `Object.fromEntries(Object.entries(…).map(…))`: every card of a cold parse
    // passes here, and the pairs were most of what it allocated.
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(record)) {
      const key = sanitize(k);
      const v = sanitizeDeep(record[k]);
      if (key === '__proto__') {
        Object.defineProperty(out, key, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else out[key] = v;
    }
    return out;
  }
  return value;
}
