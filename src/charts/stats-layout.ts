/**
 * The stats report laid out as lines of styled segments, `width` columns at most: the Ink
 * screen colours them, the plain-text report (commands/stats-output.ts) joins them. One layout,
 * so the screen and the pipe say the same thing.
 */

import { formatDaysAway } from '../core/days-away.js';
import { formatInterval } from '../core/duration.js';
import type { Bucket, Ratio, StatsReport } from '../core/stats/compute.js';
import { inlineText, parseSpans } from '../text/inline.js';
import { displayWidth, padEnd, truncate } from '../text/width.js';
import { barChart } from './bar-chart.js';
import { heatmap } from './heatmap.js';
import { histogram } from './histogram.js';
import { compact } from './text.js';

/** A colour role; ui/theme.ts gives each one its colour. */
export type Tone =
  | 'accent'
  | 'muted'
  | 'good'
  | 'bad'
  | 'warn'
  | 'fresh'
  | 'learning'
  | 'review'
  | 'code';
export type Segment = { readonly text: string; readonly tone?: Tone; readonly bold?: boolean };
export type Line = readonly Segment[];

export function statsLines(report: StatsReport, width: number): Line[] {
  const w = Math.max(1, Math.floor(width));
  const sections = [
    header(report, w),
    today(report),
    retention(report, w),
    forecast(report, w),
    calendar(report, w),
    states(report, w),
    weakest(report, w),
    exam(report),
    fsrs(report),
  ].filter((s) => s.length > 0);
  const out: Line[] = [];
  sections.forEach((s, i) => {
    if (i > 0) out.push([]);
    out.push(...s);
  });
  return out.map((line) => clip(line, w));
}

/** Plain text of a line. */
export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}

const plain = (text: string, tone?: Tone): Segment => (tone ? { text, tone } : { text });
const title = (text: string): Line => [{ text, tone: 'accent', bold: true }];
const muted = (text: string): Segment => ({ text, tone: 'muted' });

export function percent(rate: number | null, digits = 0): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/** `Stats · 20,000 cards · 4,000 reviews · 2026-03-10`; narrower, the counts go before the date. */
function header(r: StatsReport, width: number): Line[] {
  const cards = tally(r.cards, 'card');
  const reviews = tally(r.totalReviews, 'review');
  const date = r.today.date;
  const tails = [[cards, reviews, date], [cards, date], [date]].map(
    (parts) => ` · ${parts.join(' · ')}`,
  );
  const tail = tails.find((t) => 'Stats'.length + displayWidth(t) <= width) ?? tails.at(-1)!;
  return [[{ text: 'Stats', tone: 'accent', bold: true }, muted(tail)]];
}

function today(r: StatsReport): Line[] {
  const t = r.today;
  const s = r.streak;
  const first: Segment[] = [
    { text: String(t.reviews), bold: true },
    plain(t.reviews === 1 ? ' review' : ' reviews'),
  ];
  if (t.learned > 0) first.push(muted(` (${t.learned} new)`));
  first.push(plain(` · ${formatInterval(t.timeMs)}`));
  if (t.againRate !== null) {
    first.push(plain(' · again '), plain(percent(t.againRate), t.againRate > 0.2 ? 'bad' : 'good'));
  }
  if (t.crammed > 0) first.push(muted(` · ${t.crammed} crammed`));
  const streakLine: Segment[] = [
    plain('Streak '),
    { text: `${s.current} ${s.current === 1 ? 'day' : 'days'}`, bold: true },
    muted(` · longest ${s.longest}`),
  ];
  if (!s.studiedToday && s.current > 0)
    streakLine.push(plain(' · review today to keep it', 'warn'));
  return [title('Today'), [plain('  '), ...first], [plain('  '), ...streakLine]];
}

const periodNames = { day: 'today', week: 'week', month: 'month', year: 'year' } as const;

function retention(r: StatsReport, width: number): Line[] {
  const cell = (x: Ratio) =>
    x.total === 0 ? '—' : `${percent(x.rate, 1)} ${compact(x.passed)}/${compact(x.total)}`;
  const wide = width >= 64;
  const lines: Line[] = [
    wide ? title('True retention') : [...title('True retention'), muted(' (young + mature)')],
  ];
  const colW = 18;
  if (wide) {
    lines.push([muted(`  ${padEnd('', 8)}${padEnd('young', colW)}${padEnd('mature', colW)}all`)]);
  }
  for (const row of r.retention) {
    const name = padEnd(periodNames[row.period], 8);
    lines.push(
      wide
        ? [
            plain(`  ${name}`),
            plain(padEnd(cell(row.young), colW)),
            plain(padEnd(cell(row.mature), colW)),
            plain(cell(row.all), retentionTone(row.all.rate)),
          ]
        : [plain(`  ${name}`), plain(cell(row.all), retentionTone(row.all.rate))],
    );
  }
  return lines;
}

function retentionTone(rate: number | null): Tone | undefined {
  if (rate === null) return undefined;
  return rate >= 0.85 ? 'good' : rate >= 0.7 ? 'warn' : 'bad';
}

function forecast(r: StatsReport, width: number): Line[] {
  const f = r.forecast;
  const notes = [`limit ${f.limit === null ? '—' : f.limit}/day`];
  if (f.overdue > 0) notes.push(`${f.overdue} overdue`);
  const labels = f.days.map((d) =>
    d.offset === 0 ? 'today' : d.offset % 7 === 0 ? d.date.slice(5) : '',
  );
  const chart = barChart(
    f.days.map((d) => d.due),
    { width: width - 1, height: width >= 100 ? 12 : 9, limit: f.limit, labels },
  );
  return [
    [...title(`Due, next ${f.days.length} days`), muted(` (${notes.join(' · ')})`)],
    ...chart.map((l) => [plain(` ${l}`)]),
  ];
}

/** `1 review`, `12k reviews`: a compact count with its noun agreeing. */
const tally = (n: number, noun: string) => `${compact(n)} ${n === 1 ? noun : `${noun}s`}`;

function calendar(r: StatsReport, width: number): Line[] {
  const h = r.heatmap;
  return [
    [
      ...title(`Reviews, past ${h.days.length} days`),
      muted(` (${compact(h.total)} on ${tally(h.activeDays, 'day')}, best ${h.max})`),
    ],
    ...heatmap(h.days, { width: width - 1 }).map((l) => [plain(` ${l}`, 'good')]),
  ];
}

function states(r: StatsReport, width: number): Line[] {
  const s = r.states;
  const counts: Line = [
    plain('  '),
    plain(`${s.new} new`, 'fresh'),
    muted(' · '),
    plain(`${s.learning} learning`, 'learning'),
    muted(' · '),
    plain(`${s.review} review`, 'review'),
    muted(' · '),
    plain(`${s.relearning} relearning`, 'learning'),
    muted(' · '),
    plain(`${s.suspended} suspended`, 'muted'),
  ];
  const d = r.distributions;
  const blocks = [
    { name: 'Stability', buckets: d.stability },
    { name: 'Difficulty', buckets: d.difficulty },
    { name: 'Retrievability now', buckets: d.retrievability },
  ];
  const lines: Line[] = [title('Cards'), counts];
  if (s.total - s.new === 0) return lines;
  // Side by side when three 30-column blocks fit, stacked otherwise.
  const side = width >= 3 * 32 + 4;
  const colW = side ? Math.floor((width - 4) / 3) : width - 2;
  const rendered = blocks.map((b) => [
    b.name,
    ...histogram(
      b.buckets.map((x: Bucket) => ({ label: x.label, count: x.count })),
      { width: colW - (side ? 2 : 0) },
    ),
  ]);
  if (side) {
    const rows = Math.max(...rendered.map((b) => b.length));
    for (let i = 0; i < rows; i++) {
      const segs: Segment[] = [plain('  ')];
      for (const b of rendered) {
        const text = padEnd(b[i] ?? '', colW);
        segs.push(i === 0 ? { text, bold: true } : plain(text, 'accent'));
      }
      lines.push(segs);
    }
  } else {
    for (const b of rendered) {
      lines.push([plain('  '), { text: b[0]!, bold: true }]);
      for (const l of b.slice(1)) lines.push([plain(`  ${l}`, 'accent')]);
    }
  }
  return lines;
}

/** Columns a weakest card's prompt keeps before its key gives way. */
const PROMPT_KEPT = 24;
/** Share of the listed keys the key column shows whole; the longest few give way to the prompts. */
const KEYS_WHOLE = 0.8;

function weakest(r: StatsReport, width: number): Line[] {
  const wk = r.weakest;
  if (wk.lowest.length === 0) return [];
  const cards = [...wk.lowest, ...wk.leeches];
  const leadW = Math.max(4, ...wk.leeches.map((c) => `${c.lapses} lapses`.length));
  // Keys whole where they fit beside a readable prompt: a 24-column cap cut every key of a
  // real deck (`databricks-jobs-api/fou…`), at 200 columns too. One pairs card's long key
  // (`deck/endpoint-for-intent:the-job-s-full-config-tasks-…`) is not let to cut every prompt.
  // When the longest key and the longest prompt fit side by side, nothing gives way.
  const keyWidths = cards.map((c) => displayWidth(c.key)).sort((a, b) => a - b);
  const promptW = Math.max(...cards.map((c) => displayWidth(inlineText(c.prompt))));
  const room = width - 2 - leadW - 1 - 2;
  const keyW =
    keyWidths.at(-1)! + promptW <= room
      ? keyWidths.at(-1)!
      : Math.min(
          keyWidths[Math.ceil(keyWidths.length * KEYS_WHOLE) - 1]!,
          Math.max(12, room - PROMPT_KEPT),
        );
  const row = (lead: Segment, c: { key: string; prompt: string }): Line => [
    plain('  '),
    lead,
    plain(' '),
    muted(padEnd(c.key, keyW)),
    plain('  '),
    // The prompt as the card shows it (`A **job**` in bold), cut where the line ends.
    ...parseSpans(c.prompt).map(
      (s): Segment => ({
        text: s.text,
        ...(s.code ? { tone: 'code' as const } : {}),
        ...(s.bold ? { bold: true } : {}),
      }),
    ),
  ];
  const lines: Line[] = [title('Weakest now')];
  for (const c of wk.lowest) {
    const p = percent(c.retrievability).padStart(4);
    lines.push(row(plain(p, c.retrievability < 0.7 ? 'bad' : 'warn'), c));
  }
  if (wk.leechCount > 0) {
    const at = wk.leechThreshold === null ? "their deck's leech_threshold" : wk.leechThreshold;
    lines.push([...title('Leeches'), muted(` (${wk.leechCount}, ${at}+ lapses)`)]);
    const lapseW = Math.max(...wk.leeches.map((c) => String(c.lapses).length));
    for (const c of wk.leeches) {
      lines.push(row(plain(`${String(c.lapses).padStart(lapseW)} lapses`, 'bad'), c));
    }
  }
  return lines;
}

function exam(r: StatsReport): Line[] {
  const e = r.exam;
  if (!e) return [];
  const when = formatDaysAway(e.daysToExam);
  // A recall predicted for a day gone by: say it has passed, and no figure.
  if (e.daysToExam < 0) return [[...title(`Exam ${e.exam}`), muted(` has passed (${when})`)]];
  const tone: Tone = e.predictedRecall >= 0.85 ? 'good' : e.predictedRecall >= 0.7 ? 'warn' : 'bad';
  return [
    [...title(`Exam ${e.exam}`), muted(` (${when})`)],
    [
      plain('  Expected recall '),
      { text: percent(e.predictedRecall), tone, bold: true },
      muted(' if nothing more is reviewed'),
    ],
    [
      plain(`  ${e.belowRetention} of ${e.cards} cards below target retention`),
      muted(e.newCards > 0 ? ` (${e.newCards} never studied)` : ''),
    ],
  ];
}

/** The parameters in use, and predicted against actual recall on this history. */
function fsrs(r: StatsReport): Line[] {
  const f = r.fsrs;
  if (!f) return [];
  const p = f.personal;
  const c = f.calibration;
  const lines: Line[] = [
    title('FSRS parameters'),
    [
      plain(
        p
          ? `  Yours, trained ${p.trained} on ${p.reviews} reviews (held out: log loss ${p.logLoss.toFixed(3)}, RMSE ${percent(p.rmse, 1)})`
          : "  FSRS's defaults (recall optimize fits them to you)",
      ),
    ],
  ];
  if (f.mixed)
    lines.push([muted("  (the selected decks use different parameters: the first deck's)")]);
  if (c.reviews === 0) return lines;
  lines.push(
    [
      plain(
        `  On ${c.reviews} reviews here${f.sampledEvery > 1 ? ` (every ${f.sampledEvery}th card)` : ''}: log loss ${c.logLoss!.toFixed(3)}, RMSE ${percent(c.rmse, 1)}`,
      ),
    ],
    [muted('  predicted   reviews  predicted  recalled')],
  );
  for (const b of c.bins) {
    if (b.count === 0) continue;
    const range = `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`;
    lines.push([
      plain(
        `  ${range.padEnd(10)}${String(b.count).padStart(8)}${percent(b.predicted, 1).padStart(11)}${percent(b.actual, 1).padStart(10)}`,
      ),
    ]);
  }
  return lines;
}

/** Drop what runs past `width` columns, ending the line in `…`. */
function clip(line: Line, width: number): Line {
  let used = 0;
  const out: Segment[] = [];
  for (const seg of line) {
    if (seg.text === '') continue;
    const w = displayWidth(seg.text);
    if (used + w <= width) {
      out.push(seg);
      used += w;
      continue;
    }
    const rest = width - used;
    if (rest > 0) out.push({ ...seg, text: truncate(seg.text, rest) });
    break;
  }
  // Trailing blanks carry nothing and would only make a terminal wrap at its last column.
  const last = out.at(-1);
  if (last) out[out.length - 1] = { ...last, text: last.text.trimEnd() };
  return out;
}
