import { Box, Text } from 'ink';
import type { QuizOutcome } from '../../app/quiz.js';
import { formatDuration } from '../../core/duration.js';
import type { MissedQuestion, TagScore } from '../../core/quiz-score.js';
import { inlineText } from '../../text/inline.js';
import { counted } from '../../text/plural.js';
import { collapseWhitespace } from '../../text/whitespace.js';
import { displayWidth, truncate, wrapCut, wrappedRows } from '../../text/width.js';
import { ScreenHeader, TITLE_KEPT } from '../components/ScreenHeader.js';
import { useKeys } from '../hooks/use-keys.js';
import { useLatestState } from '../hooks/use-latest-state.js';
import { type Command, hints } from '../keys.js';
import { theme } from '../theme.js';

type Props = {
  readonly outcome: QuizOutcome;
  /** Flags the missed cards for the next daily review; returns how many were flagged. */
  readonly sendToReview: () => number;
  readonly width: number;
  /** Terminal rows: the missed list scrolls to fit. */
  readonly height: number;
  readonly onClose: () => void;
  /** Leaving goes back home (home started the test), not out of recall. */
  readonly fromHome?: boolean;
};

type View = {
  /** How many cards `r` flagged; null until pressed. */
  readonly flagged: number | null;
  /** The first missed question shown. */
  readonly offset: number;
};

/**
 * Rows the tag summary may take when the missed list needs the rest; tags past them are
 * counted. When the whole list fits, the tags take the rows it leaves.
 */
const TAG_ROWS = 2;
/** The missed list keeps at least this many rows before the tags and the retake line are shown. */
const MISSED_ROWS = 8;
/** A page shows at least this many missed questions where the terminal can hold them. */
const PAGE_LEAST = 4;

/** How much of a missed question is shown: rows of its prompt and of its answers line. */
type Cut = { readonly prompt: number; readonly answers: number };
/** From roomiest to tightest: the first that fits `PAGE_LEAST` questions a page is used. */
const CUTS: readonly Cut[] = [
  { prompt: 2, answers: 2 },
  { prompt: 1, answers: 1 },
];

/**
 * The end of a mock test: score and percentage, the per-tag breakdown, the time taken, and every
 * missed question with what was answered, the right answer and the card's explanation, a page at
 * a time. The score stays on top whatever the size; the tags and the retake line give way to the
 * missed questions on a short terminal. `r` sends the missed cards to the next daily review.
 */
export function QuizResult({
  outcome,
  sendToReview,
  width,
  height,
  onClose,
  fromHome = false,
}: Props) {
  const [view, getView, setView] = useLatestState<View>({ flagged: null, offset: 0 });
  const { score, result, plan, session } = outcome;
  // Answers counted right with a typo follow the missed ones: their spelling is worth a look.
  const missed = [...score.missed, ...score.typos];
  const heading = listHeading(score.missed.length, score.typos.length);

  // The screen's padding; a missed question's lines are indented 4 more.
  const inner = width - 2;
  const textWidth = Math.max(1, inner - 4);
  const title = `Mock test result · ${plan.title}`;
  const seed = `seed ${result.seed}`;
  const pct = Math.round(score.percentage);
  const scoreLine = `Score ${score.correct}/${score.total} · ${pct}% · time ${formatDuration(result.durationMs)}${session.timedOut ? ' (time up)' : ''}`;
  const flaggedLine = (n: number) =>
    `Sent ${counted(n, 'card')} to review: they come up in your next daily review.`;
  const saveLine = outcome.saveError && `Not kept in the quiz history: ${outcome.saveError}`;
  const retake = `Retake: ${plan.retake}`;
  const rows = (text: string) => wrappedRows(text, inner);
  const hide: Command[] = [
    ...(score.missed.length > 0 && view.flagged === null ? [] : (['flagMissed'] as const)),
  ];
  const heightsAt = (cut: Cut) => missed.map((m) => missedHeight(m, textWidth, cut));
  /** Rows the tallest `PAGE_LEAST` missed questions take together. */
  const least = (hs: readonly number[]) =>
    [...hs]
      .sort((a, b) => b - a)
      .slice(0, PAGE_LEAST)
      .reduce((a, b) => a + b, 0);
  const keysText = (paged: boolean) =>
    hints('quizResult', {
      hide: paged ? hide : [...hide, 'pageUp'],
      width: inner,
      fromHome,
      wrap: true,
    });
  // Rows taken by everything but the missed questions and the optional lines, in step with the
  // layout below, and one spare (a frame as tall as the terminal is redrawn whole).
  const base = (paged: boolean) =>
    (Math.min(TITLE_KEPT, displayWidth(title)) + 1 + displayWidth(seed) > inner ? 2 : 1) +
    rows(scoreLine) +
    1 +
    (missed.length === 0 ? 1 : rows(`${heading} (${missed.length} of ${missed.length} shown)`)) +
    1 +
    (view.flagged !== null ? rows(flaggedLine(view.flagged)) : 0) +
    (saveLine ? rows(saveLine) : 0) +
    keysText(paged).split('\n').length +
    1;
  // Compact enough that a page holds PAGE_LEAST questions, as far as the terminal allows: each
  // missed question is cut to a prompt of a row or two, its answers, the explanation's first row.
  const cut = CUTS.find((c) => least(heightsAt(c)) <= height - base(true)) ?? CUTS.at(-1)!;
  const heights = heightsAt(cut);
  const total = heights.reduce((a, b) => a + b, 0);
  const paged = total > height - base(false);
  const fixed = base(paged);
  // The tags take what the whole list and the retake line leave, at least TAG_ROWS: at 80×24 a
  // short list left half the screen empty under "By tag: … and 3 more".
  const tagLine = tagSummary(
    informativeTags(score.byTag, score.total),
    inner,
    Math.max(TAG_ROWS, height - fixed - rows(retake) - total),
  );
  const tagRows = tagLine.length;
  // The tags give way before a page of PAGE_LEAST questions does, and the retake line before
  // MISSED_ROWS of them: never before rows the list does not need.
  const keep = Math.min(total, Math.max(MISSED_ROWS, least(heights)));
  const showTags = tagRows > 0 && height - fixed - tagRows - rows(retake) >= keep;
  const showRetake =
    height - fixed - (showTags ? tagRows : 0) - rows(retake) >= Math.min(total, MISSED_ROWS);
  const room = Math.max(
    1,
    height - fixed - (showTags ? tagRows : 0) - (showRetake ? rows(retake) : 0),
  );
  // The last offset: from there on, the rest of the list fits.
  let lastStart = missed.length - 1;
  for (let used = heights[lastStart] ?? 0; lastStart > 0; lastStart--) {
    used += heights[lastStart - 1]!;
    if (used > room) break;
  }
  lastStart = Math.max(0, lastStart);
  /** How many missed questions fit from `from` on (at least one). */
  const fitFrom = (from: number) => {
    let n = 0;
    for (let used = 0; from + n < missed.length; n++) {
      used += heights[from + n]!;
      if (n > 0 && used > room) break;
    }
    return Math.max(1, n);
  };
  /** Where the page before the one at `from` starts. */
  const pageBefore = (from: number) => {
    let start = from;
    for (let used = 0; start > 0; start--) {
      used += heights[start - 1]!;
      if (start < from && used > room) break;
    }
    return Math.max(0, start);
  };
  useKeys(
    () => 'quizResult',
    (m) => {
      const v = getView();
      const at = Math.min(v.offset, lastStart);
      const to = (offset: number) =>
        setView({ ...v, offset: Math.max(0, Math.min(lastStart, offset)) });
      switch (m?.command) {
        case 'back':
          return onClose();
        case 'flagMissed':
          if (v.flagged === null && score.missed.length > 0) {
            setView({ ...v, flagged: sendToReview() });
          }
          return;
        case 'up':
          return to(at - 1);
        case 'down':
          return to(at + 1);
        case 'pageUp':
          return to(pageBefore(at));
        case 'pageDown':
          return to(at + fitFrom(at));
        case 'first':
          return to(0);
        case 'last':
          return to(lastStart);
      }
    },
  );

  const offset = Math.min(view.offset, lastStart);
  const shown = missed.slice(offset, offset + fitFrom(offset));
  const shownRows = heights.slice(offset, offset + shown.length).reduce((a, b) => a + b, 0);

  return (
    <Box flexDirection="column" paddingX={1} width={width}>
      <ScreenHeader title={title} color={theme.accent}>
        <Text color={theme.muted}>{seed}</Text>
      </ScreenHeader>
      <Text>
        Score{' '}
        <Text bold>
          {score.correct}/{score.total}
        </Text>{' '}
        · <Text bold>{pct}%</Text> · time {formatDuration(result.durationMs)}
        {session.timedOut ? <Text color={theme.warn}> (time up)</Text> : ''}
      </Text>
      {showTags && <Text>{tagLine.join('\n')}</Text>}
      <Box flexDirection="column" marginTop={1}>
        {missed.length === 0 ? (
          <Text color={theme.good}>No question missed.</Text>
        ) : (
          <>
            <Text bold>
              {heading}
              {shown.length < missed.length && (
                <Text color={theme.muted}>
                  {' '}
                  ({shown.length} of {missed.length} shown)
                </Text>
              )}
            </Text>
            {/* A missed question taller than the room left is cut at its end: the score stays. */}
            <Box
              flexDirection="column"
              flexShrink={0}
              height={Math.min(room, shownRows)}
              overflowY="hidden"
            >
              {shown.map((m) => (
                <Missed key={m.index} missed={m} width={textWidth} cut={cut} />
              ))}
            </Box>
          </>
        )}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        {view.flagged !== null && <Text color={theme.good}>{flaggedLine(view.flagged)}</Text>}
        {saveLine && <Text color={theme.warn}>{saveLine}</Text>}
        <Text color={theme.muted}>{keysText(paged)}</Text>
        {showRetake && <Text color={theme.muted}>{retake}</Text>}
      </Box>
    </Box>
  );
}

/**
 * The per-tag scores, weakest first, as `anchor 0/3 0%` items on at most `maxRows` lines of
 * `width` (`and 3 more` when they do not all fit); no lines without tags.
 */
function tagSummary(tags: readonly TagScore[], width: number, maxRows: number): string[] {
  if (tags.length === 0) return [];
  const items = tags.map(
    (t) => `${t.tag} ${t.correct}/${t.total} ${Math.round((100 * t.correct) / t.total)}%`,
  );
  const lines: string[] = ['By tag:'];
  let i = 0;
  for (; i < items.length; i++) {
    const more = i + 1 < items.length ? ` · and ${items.length - i - 1} more` : '';
    const last = lines.at(-1)!;
    const joined = `${last}${last === 'By tag:' ? ' ' : ' · '}${items[i]}`;
    const lastRow = lines.length >= maxRows;
    if (displayWidth(joined + (lastRow ? more : '')) <= width) lines[lines.length - 1] = joined;
    else if (!lastRow && displayWidth(items[i]!) <= width) lines.push(items[i]!);
    else break;
  }
  if (i < items.length) {
    const last = lines.at(-1)!;
    lines[lines.length - 1] = truncate(`${last} · and ${items.length - i} more`, width);
  }
  return lines;
}

/** Tags on every question (a deck's own tags) say no more than the score: left out. */
function informativeTags(byTag: readonly TagScore[], total: number): readonly TagScore[] {
  return byTag.filter((t) => t.total < total);
}

/** `Missed 3`, `Missed 3 · right with a typo 1`, `Right with a typo 1`. */
function listHeading(missed: number, typos: number): string {
  const text = [
    ...(missed > 0 ? [`Missed ${missed}`] : []),
    ...(typos > 0 ? [`right with a typo ${typos}`] : []),
  ].join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The question as one line of plain text: prompt and cue, without Markdown marks. */
function questionText(m: MissedQuestion): string {
  const q = m.question;
  return inlineText(collapseWhitespace(q.cue === undefined ? q.prompt : `${q.prompt} ${q.cue}`));
}

/** What was answered, as it reads (the colours aside). */
function givenText(m: MissedQuestion): string {
  if (m.given === null) return 'not answered';
  return `${m.typo ? 'you typed ~' : 'you answered ✗'} ${m.given || '(nothing)'}`;
}

/** The right answer, as it reads. */
function rightText(m: MissedQuestion): string {
  return `${m.typo ? 'spelt' : 'right answer'} ✓ ${collapseWhitespace(m.answer)}`;
}

/** Both on one row, when they fit in `width`; else each on its own. */
const oneRow = (m: MissedQuestion, width: number) =>
  displayWidth(`${givenText(m)} · ${rightText(m)}`) <= width;

/** The explanation's first row at `width`, cut with `…`; empty without one. */
function explainLine(m: MissedQuestion, width: number): string {
  return m.explain ? truncate(inlineText(collapseWhitespace(m.explain)), width) : '';
}

/**
 * A missed question, compact: its number and prompt (cut to `cut.prompt` rows), what was
 * answered and the right answer (cut to `cut.answers` rows), and the explanation's first row.
 */
function Missed({
  missed: m,
  width,
  cut,
}: {
  readonly missed: MissedQuestion;
  readonly width: number;
  readonly cut: Cut;
}) {
  const explain = explainLine(m, width);
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Box>
        <Text bold>{`${m.index + 1}.`.padEnd(4)}</Text>
        <Text>{wrapCut(questionText(m), width, cut.prompt).join('\n')}</Text>
      </Box>
      <Box paddingLeft={4} flexDirection="column">
        {oneRow(m, width) ? (
          <Text>
            <Given missed={m} /> <Text color={theme.muted}>·</Text> <Right missed={m} />
          </Text>
        ) : (
          <>
            {/* What was answered gives way to the right answer: cut to its row. */}
            <Box height={1} overflowY="hidden">
              <Text wrap="truncate-end">
                <Given missed={m} />
              </Text>
            </Box>
            {/* Cut with a mark: its first choices are the ones not picked (rightAnswerText). */}
            <Right missed={m} width={width} rows={cut.answers} />
          </>
        )}
        {explain !== '' && <Text color={theme.muted}>{explain}</Text>}
      </Box>
    </Box>
  );
}

function Given({ missed: m }: { readonly missed: MissedQuestion }) {
  return (
    <>
      {m.given === null ? (
        <Text color={theme.muted}>not answered</Text>
      ) : (
        <>
          <Text color={theme.muted}>{m.typo ? 'you typed ' : 'you answered '}</Text>
          <Text color={m.typo ? theme.warn : theme.bad}>
            {m.typo ? '~' : '✗'} {m.given === '' ? '(nothing)' : m.given}
          </Text>
        </>
      )}
    </>
  );
}

/** The right answer; with `width`, on rows of its own, cut to `rows` with `…`. */
function Right({
  missed: m,
  width,
  rows,
}: {
  readonly missed: MissedQuestion;
  readonly width?: number;
  readonly rows?: number;
}) {
  const label = m.typo ? 'spelt ' : 'right answer ';
  const shown =
    width === undefined
      ? `${label}✓ ${collapseWhitespace(m.answer)}`
      : wrapCut(rightText(m), width, rows ?? 1).join('\n');
  return (
    <Text>
      <Text color={theme.muted}>{label}</Text>
      <Text color={theme.good}>{shown.slice(label.length)}</Text>
    </Text>
  );
}

/** Rows a missed question takes with `width` columns for its lines, cut as `cut` says. */
function missedHeight(m: MissedQuestion, width: number, cut: Cut): number {
  return (
    Math.min(cut.prompt, wrappedRows(questionText(m), width)) +
    (oneRow(m, width) ? 1 : 1 + Math.min(cut.answers, wrappedRows(rightText(m), width))) +
    (m.explain ? 1 : 0)
  );
}
