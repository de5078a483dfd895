import { openCollection } from '../app/open.js';
import { DEFAULT_RETENTIONS, type Simulation, simulateCollection } from '../app/simulate.js';
import { barChart } from '../charts/bar-chart.js';
import { clockFromEnv } from '../clock.js';
import { DAY_KEY_PROBLEM, localDate, parseDayKey } from '../core/day.js';
import { hashString } from '../core/shuffle.js';
import { UserError } from '../errors.js';
import { counted } from '../text/plural.js';
import { toJson } from '../text/sanitize.js';

export type SimulateFlags = {
  readonly days?: string;
  readonly retention?: string | readonly string[];
  readonly exam?: string;
  readonly seed?: string;
  readonly json?: boolean;
};

const MAX_DAYS = 3650;

/** `recall simulate`: the workload and what is known after it, per desired retention. */
export async function runSimulate(paths: readonly string[], flags: SimulateFlags): Promise<void> {
  const days = flags.days === undefined ? 365 : Number(flags.days);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new UserError(
      `--days ${JSON.stringify(flags.days)}: a whole number of days, 1 to ${MAX_DAYS}`,
      2,
    );
  }
  const retentions = parseRetentions(flags.retention);
  if (flags.exam !== undefined && !parseDayKey(flags.exam)) {
    throw new UserError(`--exam ${JSON.stringify(flags.exam)} ${DAY_KEY_PROBLEM}`, 2);
  }
  const now = clockFromEnv()();
  const { collection, brief } = await openCollection(paths, process.env, { readOnly: true });
  for (const p of brief) process.stderr.write(`${p}\n`);
  const seed = flags.seed === undefined ? 1 : hashString(flags.seed);
  const sim = await simulateCollection(
    collection,
    { days, retentions, exam: flags.exam, seed },
    now,
  );
  const current = collection.settingsFor(collection.decks[0]?.id ?? '').retention;
  await collection.store.close();
  process.stdout.write(
    flags.json
      ? `${toJson(simulationJson(sim))}\n`
      : simulationText(sim, current, process.stdout.columns || 80),
  );
}

function parseRetentions(flag: string | readonly string[] | undefined): readonly number[] {
  if (flag === undefined) return DEFAULT_RETENTIONS;
  const words = (typeof flag === 'string' ? [flag] : flag).flatMap((f) => f.split(','));
  const out = words.map((w) => {
    const r = Number(w.endsWith('%') ? Number(w.slice(0, -1)) / 100 : w);
    if (!(r >= 0.7 && r <= 0.99) || w.trim() === '') {
      throw new UserError(
        `--retention ${JSON.stringify(w)}: a desired retention from 0.7 to 0.99`,
        2,
      );
    }
    return r;
  });
  return [...new Set(out)].sort((a, b) => a - b);
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function simulationText(sim: Simulation, current: number, width: number): string {
  const head = sim.exam
    ? `Simulated the ${counted(sim.days, 'day')} to the exam on ${sim.exam}`
    : `Simulated ${counted(sim.days, 'day')}`;
  const lines = [
    `${head}: ${counted(sim.cards, 'card')} (${sim.newCards} new), ${sim.personal ? 'your FSRS parameters' : "FSRS's default parameters"}, ${sim.measured ? 'your answer times' : "Anki's answer times (too few reviews of yours)"}.`,
    '',
    `retention  reviews/day  minutes/day  ${sim.exam ? 'recall on exam day' : 'known at the end'}`,
  ];
  for (const o of sim.outcomes) {
    const mark = Math.abs(o.retention - current) < 1e-9 ? ' ← yours' : '';
    lines.push(
      `${pct(o.retention).padStart(9)}${o.reviewsPerDay.toFixed(1).padStart(13)}${o.minutesPerDay.toFixed(1).padStart(13)}  ${Math.round(o.known)} cards (${pct(o.meanRecall)})${mark}`,
    );
  }
  const shown =
    sim.outcomes.find((o) => Math.abs(o.retention - current) < 1e-9) ?? sim.outcomes.at(-1);
  if (shown && sim.days > 1) {
    const chartWidth = Math.min(width, 100);
    const unit = sim.days > 60 ? 7 : 1;
    // A bar per day or week, or per several where that many do not fit: every day is charted.
    const per = unit * Math.ceil(sim.days / unit / Math.max(1, chartWidth - CHART_AXIS));
    const bars = means(shown.daily, per);
    // Every fifth bar is labelled with its day or week, counted from 0.
    const labels = bars.map((_, i) => (i % 5 === 0 ? String((i * per) / unit) : ''));
    lines.push(
      '',
      `Reviews per day at ${pct(shown.retention)}, ${barsOf(per)}:`,
      ...barChart(bars, { width: chartWidth, height: 8, labels }),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Columns the chart's value axis may take (a label such as `1.2k`, a space and the axis). */
const CHART_AXIS = 7;

function barsOf(days: number): string {
  if (days === 1) return 'day by day';
  if (days === 7) return 'week by week';
  return days % 7 === 0 ? `${days / 7} weeks a bar` : `${days} days a bar`;
}

/** Daily values as means of `per` days. */
function means(daily: readonly number[], per: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < daily.length; i += per) {
    const span = daily.slice(i, i + per);
    out.push(span.reduce((a, b) => a + b, 0) / span.length);
  }
  return out;
}

export function simulationJson(sim: Simulation) {
  return {
    days: sim.days,
    cards: sim.cards,
    newCards: sim.newCards,
    end: new Date(sim.end).toISOString(),
    endDay: localDate(sim.end),
    exam: sim.exam,
    personalParameters: sim.personal,
    measuredAnswers: sim.measured,
    retentions: sim.outcomes.map((o) => ({
      retention: o.retention,
      reviewsPerDay: o.reviewsPerDay,
      minutesPerDay: o.minutesPerDay,
      known: o.known,
      meanRecall: o.meanRecall,
      daily: o.daily,
    })),
  };
}
