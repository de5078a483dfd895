/**
 * Where imported decks go: Anki's `Spanish::Basics` becomes `spanish/basics.yaml` with deck id
 * `spanish.basics` (so two subdecks named alike under different parents never collide), the
 * top-level `Spanish` `spanish.yaml`. A name with no letters or digits is named by its Anki id.
 */
import { slug } from '../text/slug.js';

export type Placement = {
  /** Path inside the import folder, `/`-separated. */
  readonly file: string;
  readonly deckId: string;
};

/** `renameTop`: the deck id and file name to use for the top level instead of its slug. */
export function place(
  decks: readonly { readonly ankiDeckId: number; readonly name: string }[],
  renameTop?: string,
): Map<number, Placement> {
  const out = new Map<number, Placement>();
  const taken = new Set<string>();
  for (const d of decks) {
    const parts = d.name.split('::').map((p) => slug(p) || `deck-${d.ankiDeckId}`);
    if (renameTop !== undefined) parts[0] = renameTop;
    let deckId = parts.join('.');
    let file = `${parts.join('/')}.yaml`;
    for (let n = 2; taken.has(deckId); n++) {
      deckId = `${parts.join('.')}-${n}`;
      file = `${parts.join('/')}-${n}.yaml`;
    }
    taken.add(deckId);
    out.set(d.ankiDeckId, { file, deckId });
  }
  return out;
}

/** The top-level names of the decks (`--deck-id` renames one only). */
export function topLevels(decks: readonly { readonly name: string }[]): Set<string> {
  return new Set(decks.map((d) => d.name.split('::')[0]!));
}
