/**
 * Whitespace runs (newlines included) → one space, ends trimmed: a prompt on one line in lists,
 * and the same content hash and duplicate check however a line is wrapped.
 */
export function collapseWhitespace(text: string): string {
  // Most text has nothing to collapse: a test is cheaper than building the same string again
  // (every card's content hash collapses its every string, ~3 % of a cold parse).
  if (!NEEDS_COLLAPSE.test(text)) return text;
  return text.replace(/\s+/g, ' ').trim();
}

/** Whitespace other than a space, two spaces, or a space at either end. `trim` and `\s` agree. */
const NEEDS_COLLAPSE = /[^\S ]| {2}|^ | $/;
