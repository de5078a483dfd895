/**
 * An imported deck as a YAML deck file (docs/deck-format.md). Its second line marks it as made
 * by importing one Anki deck; importing that deck again replaces the cards the import made
 * (ids `n<note id>…`) and keeps every other card the user added, with its comments.
 */
import { Document, isMap, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import type { Converted } from './anki-notes.js';

const MARKER = /^# recall import: (.+?)\. Importing it again/m;

/**
 * Ids an import gives: `n<note id>…` from Anki (anki-notes.ts), `t-…` and `g-…` from text
 * (text-import.ts). The cards a re-import owns; any other id is the user's.
 */
export const IMPORTED_ID = /^(?:n\d+(?:-c?\d+)?|[tg]-[a-z0-9-]+)$/;

/** Where a deck file was imported from (`anki deck 1700000000`, `text spanish.csv`), if it was. */
export function importedFrom(text: string): string | undefined {
  return MARKER.exec(text.split('\n').slice(0, 5).join('\n'))?.[1];
}

export type DeckFile = {
  /** What the marker line names: `anki deck 1700000000`, `text spanish.csv`. */
  readonly source: string;
  readonly deckId: string;
  readonly name: string;
  readonly entries: readonly Converted[];
  readonly schema: string;
};

function cardObject({ entry }: Converted): Record<string, unknown> {
  const { tags, ...rest } = entry;
  return tags.length > 0 ? { ...rest, tags: [...tags] } : rest;
}

/**
 * The deck file's text. `previous`: the file a former import of the same deck wrote, whose
 * cards with other ids than an import's are kept (after the imported ones). Returns also how
 * many such cards were kept.
 */
export function deckYaml(deck: DeckFile, previous?: string): { text: string; kept: number } {
  const doc = new Document({
    id: deck.deckId,
    name: deck.name,
    cards: deck.entries.map(cardObject),
  });
  let kept = 0;
  if (previous !== undefined) {
    const old = parseDocument(previous);
    const cards = old.get('cards', true);
    const target = doc.get('cards', true) as YAMLSeq;
    // A card recall exported comes back under its own id: the new entry replaces it.
    const fresh = new Set(deck.entries.map((e) => e.entry.id));
    if (isSeq(cards)) {
      for (const item of cards.items) {
        const id = isMap(item) ? item.get('id') : undefined;
        if (typeof id === 'string' && (IMPORTED_ID.test(id) || fresh.has(id))) continue;
        target.items.push(item);
        kept++;
      }
    }
  }
  const header = [
    `# yaml-language-server: $schema=${deck.schema}`,
    `# recall import: ${deck.source}. Importing it again updates the cards it made; cards you`,
    '# add with other ids are kept.',
  ].join('\n');
  return { text: `${header}\n${doc.toString({ lineWidth: 0 })}`, kept };
}
