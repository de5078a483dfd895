/**
 * Deck text is untrusted: a shared deck must not be able to clear the screen, retitle the
 * terminal, plant an OSC 8 link or reorder what is shown with bidi overrides. Everything that
 * reaches a card (and every message quoting deck text) goes through `sanitize`.
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

/** C0 controls but `\n` (tab is handled first), lone ESC, DEL, C1 controls, bidi overrides. */
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** The text with every terminal control sequence removed; tabs become two spaces. */
export function sanitize(text: string): string {
  // Fast path: most deck text is plain.
  if (!/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/.test(text)) return text;
  return text.replace(/\t/g, '  ').replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** A deep copy of a parsed YAML value with `sanitize` applied to every string, keys included. */
export function sanitizeDeep(value: unknown): unknown {
  if (typeof value === 'string') return sanitize(value);
  if (Array.isArray(value)) return value.map(sanitizeDeep);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[sanitize(k)] = sanitizeDeep(v);
    return out;
  }
  return value;
}
