import { clockFromEnv } from '../clock.js';
import { UserError } from '../errors.js';
import { computeStats, isExamDate } from '../stats/compute.js';
import { readHistory } from '../store/history.js';
import { openCollection } from '../study/open.js';
import { selectCards } from '../study/selection.js';
import { statsToJson, statsToText } from './stats-output.js';

export type StatsOptions = {
  readonly tag?: readonly string[];
  readonly exam?: string;
  readonly json?: boolean;
};

/** `recall stats`: charts on a terminal, a plain report in a pipe, JSON with --json. */
export async function runStats(paths: readonly string[], opts: StatsOptions): Promise<void> {
  if (opts.exam !== undefined && !isExamDate(opts.exam)) {
    throw new UserError(`--exam takes a date as YYYY-MM-DD, got ${JSON.stringify(opts.exam)}`, 2);
  }
  const now = clockFromEnv()();
  const { collection, problems } = await openCollection(paths);
  for (const p of problems) process.stderr.write(`${p}\n`);
  const cards = selectCards(collection, { tags: opts.tag }).map((card) => ({
    card,
    progress: collection.store.get(card.key),
    settings: collection.settingsFor(card.deckId),
    scheduler: collection.schedulerFor(card.deckId),
  }));
  const exams = [...new Set(cards.flatMap((c) => (c.settings.exam ? [c.settings.exam] : [])))];
  const exam = opts.exam ?? (exams.length === 1 ? exams[0] : undefined);
  const report = computeStats({
    entries: await readHistory(collection.store.dir),
    cards,
    now,
    dayStartsAt: collection.dayStartsAt,
    ...(exam ? { exam } : {}),
  });
  await collection.store.close();

  if (opts.json) {
    process.stdout.write(`${JSON.stringify(statsToJson(report))}\n`);
    return;
  }
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stdout.write(statsToText(report, process.stdout.columns || 80));
    return;
  }
  const [{ render }, { Stats }] = await Promise.all([
    import('ink'),
    import('../ui/screens/Stats.js'),
  ]);
  const app = render(
    <Stats report={report} width={process.stdout.columns || 80} onExit={() => app.unmount()} />,
  );
  await app.waitUntilExit();
}
