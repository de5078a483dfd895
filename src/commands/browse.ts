import {
  BROWSE_SORTS,
  type BrowseRow,
  type BrowseSort,
  browseRows,
  filterRows,
  queryErrorLines,
  sortRows,
} from '../app/browse.js';
import { openCollection } from '../app/open.js';
import { clockFromEnv } from '../clock.js';
import { UserError } from '../errors.js';
import { toJson } from '../text/sanitize.js';
import { type ExportRow, exportRow, toTsv } from './export.js';

export type BrowseOptions = { json?: boolean; plain?: boolean; sort?: string };

type BrowseLine = ExportRow & {
  readonly recall: number | null;
  readonly suspended: boolean;
  readonly buriedUntil: string | null;
  readonly mark: string | null;
  readonly file: string;
  readonly line: number;
};

/**
 * `recall browse [QUERY] [PATHS…]`: the browse screen on a terminal; the cards the query finds
 * as JSON (`--json`) or tab-separated lines (`--plain`, or when stdout is not a terminal).
 */
export async function runBrowse(args: readonly string[], opts: BrowseOptions): Promise<void> {
  const [query = '', ...paths] = args;
  const sort = sortOf(opts.sort);
  if (!opts.json && !opts.plain && process.stdout.isTTY) {
    const { runTui } = await import('./tui.js');
    await runTui(paths, { screen: 'browse', query, sort });
    return;
  }
  const now = clockFromEnv()();
  const { collection, brief } = await openCollection(paths, process.env, { readOnly: true });
  try {
    for (const p of brief) process.stderr.write(`${p}\n`);
    const clock = { now, dayStartsAt: collection.dayStartsAt };
    const found = filterRows(sortRows(browseRows(collection, now), sort), query, clock);
    if (!found.ok) throw new UserError(queryErrorLines(query, found).join('\n'), 2);
    const rows = found.rows.map(browseLine);
    process.stdout.write(opts.json ? `${toJson(rows)}\n` : toTsv(columns, rows));
  } finally {
    await collection.store.close();
  }
}

function sortOf(raw: string | undefined): BrowseSort {
  if (raw === undefined) return 'due';
  const sort = BROWSE_SORTS.find((s) => s === raw);
  if (sort) return sort;
  throw new UserError(`--sort takes ${BROWSE_SORTS.join(', ')} (see \`recall browse --help\`)`, 2);
}

function browseLine(r: BrowseRow): BrowseLine {
  const p = r.progress;
  return {
    ...exportRow(r.card, p),
    recall: r.recall,
    suspended: p?.suspended === true,
    buriedUntil: p?.buriedUntil === undefined ? null : new Date(p.buriedUntil).toISOString(),
    mark: p?.mark ?? null,
    file: r.card.pos.file,
    line: r.card.pos.line,
  };
}

const columns = [
  'key',
  'deck',
  'state',
  'due',
  'recall',
  'lapses',
  'difficulty',
  'lastReview',
  'suspended',
  'buriedUntil',
  'mark',
  'tags',
  'file',
  'line',
  'prompt',
] as const;
