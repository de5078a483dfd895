import { Collection } from '../app/collection.js';
import { openCollection } from '../app/open.js';
import { openStatusSource, QueueView } from '../app/queue-cache.js';
import { splitTags } from '../app/selection.js';
import { cachedStatsReport, type StatsSelection, statsReport } from '../app/stats.js';
import { clockFromEnv } from '../clock.js';
import { DAY_KEY_PROBLEM, parseDayKey } from '../core/day.js';
import type { StatsReport } from '../core/stats/types.js';
import { UserError } from '../errors.js';
import { toJson } from '../text/sanitize.js';
import { cannotMoveCursor, reportKnownSize } from '../ui/terminal.js';
import { firstFrameDrawn } from './first-frame.js';
import { statsToJson, statsToText } from './stats-output.js';

export type StatsOptions = {
  readonly tag?: readonly string[];
  readonly exam?: string;
  readonly json?: boolean;
};

/** `recall stats`: charts on a terminal, a plain report in a pipe, JSON with --json. */
export async function runStats(paths: readonly string[], opts: StatsOptions): Promise<void> {
  if (opts.exam !== undefined && !parseDayKey(opts.exam)) {
    throw new UserError(`--exam ${JSON.stringify(opts.exam)} ${DAY_KEY_PROBLEM}`, 2);
  }
  const now = clockFromEnv()();
  const report = await statsOf(paths, { tags: splitTags(opts.tag), exam: opts.exam }, now);

  if (opts.json) {
    process.stdout.write(`${toJson(statsToJson(report))}\n`);
    return;
  }
  // A dumb terminal gets the report a pipe gets: the screen would move the cursor.
  if (!process.stdout.isTTY || !process.stdin.isTTY || cannotMoveCursor()) {
    process.stdout.write(statsToText(report, process.stdout.columns || 80));
    return;
  }
  const [{ render }, { Stats }] = await Promise.all([
    import('ink'),
    import('../ui/screens/Stats.js'),
  ]);
  reportKnownSize(process.stdout);
  const app = render(
    // The terminal's width, followed as it is resized.
    <Stats report={report} onExit={() => app.unmount()} />,
  );
  setImmediate(firstFrameDrawn);
  await app.waitUntilExit();
}

/**
 * The report, from the caches when they hold it (the queue cache `status` reads, the stats
 * history, the listed cards' deck entries), else over the collection opened read-only (and the
 * queue cache written for next time, as `status` writes it). The deck and store problems go to
 * stderr first, either way the same lines.
 */
export async function statsOf(
  paths: readonly string[],
  selection: StatsSelection,
  now: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StatsReport> {
  const { source, brief } = await openStatusSource(paths, env);
  for (const p of brief) process.stderr.write(`${p}\n`);
  if (source instanceof QueueView) {
    const cached = await cachedStatsReport(source, paths, env, selection, now);
    if (cached) return cached;
  }
  const collection =
    source instanceof Collection
      ? source
      : (await openCollection(paths, env, { readOnly: true })).collection;
  try {
    return await statsReport(collection, selection, now);
  } finally {
    await collection.store.close();
  }
}
