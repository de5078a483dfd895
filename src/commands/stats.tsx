import { openCollection } from '../app/open.js';
import { splitTags } from '../app/selection.js';
import { statsReport } from '../app/stats.js';
import { clockFromEnv } from '../clock.js';
import { DAY_KEY_PROBLEM, parseDayKey } from '../core/day.js';
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
  const { collection, brief } = await openCollection(paths, process.env, { readOnly: true });
  for (const p of brief) process.stderr.write(`${p}\n`);
  const report = await statsReport(collection, { tags: splitTags(opts.tag), exam: opts.exam }, now);
  await collection.store.close();

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
