/**
 * Anki's card flags and recall's marks, one mapping for `recall import` and `export --anki`.
 * Anki keeps a flag per card in the low 3 bits of `cards.flags`: 1 red, 2 orange, 3 green,
 * 4 blue, 5 pink, 6 turquoise, 7 purple. A recall mark is a short word per card, and the study
 * screens offer the first four colours on keys (core/model.ts `MARKS`, in Anki's order), so
 * each flag becomes the mark of its colour's name and each colour mark the flag. A mark that is
 * no colour (`todo`) has no flag: the export keeps it in the card's custom data
 * (`cards.data` `{"cd":{"mark":"todo"}}`, where Anki keeps a card's custom data and carries it
 * through its own import and export), and the import reads it back when the card has no flag.
 * Anki's `marked` note tag stays a tag (recall keeps tags), not a mark: it belongs to the note,
 * a mark to one card.
 */
import { MARKS } from '../core/model.js';
import { MAX_MARK } from '../store/validate.js';
import { visible } from '../text/sanitize.js';

/** Flag n's mark is FLAG_MARKS[n - 1]. */
export const FLAG_MARKS: readonly string[] = [...MARKS, 'pink', 'turquoise', 'purple'];

/** The mark an Anki card arrives with: its flag's colour, else a mark recall exported. */
export function markOfCard(flags: number, data: string): string | undefined {
  const flag = flags & 7;
  if (flag > 0) return FLAG_MARKS[flag - 1];
  if (!data.includes('"cd"')) return undefined;
  try {
    const mark = (JSON.parse(data) as { cd?: { mark?: unknown } }).cd?.mark;
    // A package is untrusted: only what recall could have written comes back as a mark.
    if (typeof mark !== 'string' || mark === '' || mark.length > MAX_MARK) return undefined;
    return visible(mark) === mark && mark.trim() === mark ? mark : undefined;
  } catch {
    return undefined;
  }
}

/** Anki's flag for a mark (0: none, or a mark that is no colour). */
export function flagOfMark(mark: string | undefined): number {
  return mark === undefined ? 0 : FLAG_MARKS.indexOf(mark) + 1;
}

/** The card custom data that keeps a mark no flag can say, or undefined. */
export function markCustomData(mark: string | undefined): { mark: string } | undefined {
  return mark !== undefined && flagOfMark(mark) === 0 ? { mark } : undefined;
}
