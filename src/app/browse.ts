/**
 * The card browser's data, for `recall browse` and the browse screen alike: one row per card,
 * computed once when opened (its search text, recall now), sorted, and filtered by a query.
 */
import { cardPrompt } from '../core/card-prompt.js';
import type { CardProgress } from '../core/model.js';
import { recallAt } from '../core/recall.js';
import {
  compileQuery,
  parseQuery,
  type QueryError,
  type SearchClock,
  type SearchRow,
  searchText,
} from '../core/search.js';
import type { Collection } from './collection.js';

export type BrowseRow = SearchRow & {
  /** The question on one line. */
  readonly prompt: string;
  /** The card's place among every card shown (decks in order, then file order): the tie-break. */
  readonly at: number;
};

export const BROWSE_SORTS = ['due', 'recall', 'lapses', 'difficulty', 'last'] as const;
export type BrowseSort = (typeof BROWSE_SORTS)[number];

/** Every card of the collection as browse shows it, in deck and file order. */
export function browseRows(collection: Collection, now: number): BrowseRow[] {
  const names = new Map(collection.decks.map((d) => [d.id, d.name]));
  return collection.inputs().map(({ card, progress }, at) => ({
    card,
    progress,
    deckName: names.get(card.deckId) ?? card.deckId,
    text: searchText(card),
    recall: recallNow(progress, now, collection, card.deckId),
    leechAt: collection.settingsFor(card.deckId).leechThreshold,
    prompt: cardPrompt(card),
    at,
  }));
}

function recallNow(
  progress: CardProgress | undefined,
  now: number,
  collection: Collection,
  deckId: string,
): number | null {
  const srs = progress?.srs ?? null;
  if (srs === null || srs.state === 'New') return null;
  return recallAt(srs, now, collection.schedulerFor(deckId));
}

/** The same card's row again, after an action changed its progress. */
export function refreshed(row: BrowseRow, collection: Collection, now: number): BrowseRow {
  const progress = collection.store.get(row.card.key);
  return { ...row, progress, recall: recallNow(progress, now, collection, row.card.deckId) };
}

/**
 * The order of a column: soonest due, lowest recall, most lapses, hardest, most recently rated
 * first. Cards without the value (new cards have no due date, recall or difficulty) go last;
 * ties keep deck and file order.
 */
export function sortRows(rows: readonly BrowseRow[], by: BrowseSort): BrowseRow[] {
  const key = sortKey(by);
  return rows
    .map((row) => ({ row, k: key(row) }))
    .sort((a, b) => {
      if (a.k === null || b.k === null)
        return a.k === b.k ? a.row.at - b.row.at : a.k === null ? 1 : -1;
      return a.k - b.k || a.row.at - b.row.at;
    })
    .map((x) => x.row);
}

/** Ascending key of a sort (descending orders negated); null: no value, sorted last. */
function sortKey(by: BrowseSort): (r: BrowseRow) => number | null {
  switch (by) {
    case 'due':
      return (r) => (r.progress?.srs && r.progress.srs.state !== 'New' ? r.progress.srs.due : null);
    case 'recall':
      return (r) => r.recall;
    case 'lapses':
      return (r) => -(r.progress?.srs?.lapses ?? 0);
    case 'difficulty':
      return (r) =>
        r.progress?.srs && r.progress.srs.state !== 'New' ? -r.progress.srs.difficulty : null;
    case 'last': {
      return (r) => {
        const last = r.progress?.srs?.lastReview;
        return last === undefined ? null : -last;
      };
    }
  }
}

export type Filtered =
  | { readonly ok: true; readonly rows: readonly BrowseRow[] }
  | ({ readonly ok: false } & QueryError);

/** The rows `query` finds, in the order given. */
export function filterRows(
  rows: readonly BrowseRow[],
  query: string,
  clock: SearchClock,
): Filtered {
  const parsed = parseQuery(query);
  if (!parsed.ok) return parsed;
  if (parsed.node.type === 'all') return { ok: true, rows };
  const match = compileQuery(parsed.node, clock);
  return { ok: true, rows: rows.filter(match) };
}

/** A query's mistake as lines to print: the message, the query, a caret under the column. */
export function queryErrorLines(query: string, error: QueryError): string[] {
  return [
    `query, column ${error.col}: ${error.message}`,
    `  ${query}`,
    `  ${' '.repeat(error.col - 1)}^`,
  ];
}
