import { openCollection } from '../app/open.js';
import type { Card } from '../core/card.js';
import { cardPrompt } from '../core/card-prompt.js';
import type { CardProgress } from '../core/model.js';
import { visible, writeJsonList } from '../text/sanitize.js';

export type ExportRow = {
  readonly key: string;
  readonly deck: string;
  readonly kind: string;
  readonly prompt: string;
  readonly tags: readonly string[];
  readonly state: string;
  readonly due: string | null;
  readonly stability: number | null;
  readonly difficulty: number | null;
  readonly reps: number;
  readonly lapses: number;
  readonly lastReview: string | null;
};

/** `recall export`: every card with its scheduling state, as JSON or tab-separated values. */
export async function runExport(paths: readonly string[], opts: { json?: boolean }): Promise<void> {
  const { collection, brief } = await openCollection(paths, process.env, { readOnly: true });
  for (const p of brief) process.stderr.write(`${p}\n`);
  const inputs = collection.inputs();
  await collection.store.close();
  if (opts.json) {
    // Row by row into chunks: 100k cards' rows, their 30 MB of JSON and its escaped copy were
    // never needed at once.
    const rows = (function* () {
      for (const { card, progress } of inputs) yield exportRow(card, progress);
    })();
    writeJsonList(rows, (chunk) => process.stdout.write(chunk));
    process.stdout.write('\n');
    return;
  }
  process.stdout.write(
    toTsv(
      columns,
      inputs.map(({ card, progress }) => exportRow(card, progress)),
    ),
  );
}

/** One card and its schedule as `export` (and `browse`) print it. */
export function exportRow(card: Card, progress: CardProgress | undefined): ExportRow {
  const srs = progress?.srs ?? null;
  return {
    key: card.key,
    deck: card.deckId,
    kind: card.kind,
    prompt: cardPrompt(card),
    tags: card.tags,
    state: srs?.state ?? 'New',
    due: srs ? new Date(srs.due).toISOString() : null,
    stability: srs?.stability ?? null,
    difficulty: srs?.difficulty ?? null,
    reps: srs?.reps ?? 0,
    lapses: srs?.lapses ?? 0,
    lastReview: srs?.lastReview === undefined ? null : new Date(srs.lastReview).toISOString(),
  };
}

const columns = [
  'key',
  'deck',
  'kind',
  'state',
  'due',
  'stability',
  'difficulty',
  'reps',
  'lapses',
  'lastReview',
  'tags',
  'prompt',
] as const;

/**
 * Tab-separated, one row a line under a header: tabs and newlines in a field become spaces,
 * and any other control character (a file name may hold ESC) is spelt out, as in every line
 * that quotes a name.
 */
export function toTsv<R>(cols: readonly (keyof R & string)[], rows: readonly R[]): string {
  const cell = (v: unknown) =>
    visible(
      (Array.isArray(v) ? v.join(' ') : v === null || v === undefined ? '' : String(v)).replace(
        /[\t\r\n]+/g,
        ' ',
      ),
    );
  const lines = [cols.join('\t'), ...rows.map((r) => cols.map((c) => cell(r[c])).join('\t'))];
  return `${lines.join('\n')}\n`;
}
