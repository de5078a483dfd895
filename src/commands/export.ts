import { openCollection } from '../app/open.js';
import { cardPrompt } from '../core/card-prompt.js';
import { toJson } from '../text/sanitize.js';

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
  const rows = collection.inputs().map(({ card, progress }): ExportRow => {
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
  });
  await collection.store.close();
  process.stdout.write(opts.json ? `${toJson(rows)}\n` : toTsv(rows));
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

/** Tab-separated, one card a line: tabs and newlines inside a field become spaces. */
function toTsv(rows: readonly ExportRow[]): string {
  const cell = (v: unknown) =>
    (Array.isArray(v) ? v.join(' ') : v === null ? '' : String(v)).replace(/[\t\r\n]+/g, ' ');
  const lines = [columns.join('\t'), ...rows.map((r) => columns.map((c) => cell(r[c])).join('\t'))];
  return `${lines.join('\n')}\n`;
}
