/**
 * Whitespace runs (newlines included) → one space, ends trimmed: a prompt on one line in lists,
 * and the same content hash and duplicate check however a line is wrapped.
 */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
