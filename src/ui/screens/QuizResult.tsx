import { Box, Text } from 'ink';
import type { QuizOutcome } from '../../app/quiz.js';
import { formatDuration } from '../../core/duration.js';
import type { MissedQuestion, TagScore } from '../../core/quiz-score.js';
import { counted } from '../../text/plural.js';
import { collapseWhitespace } from '../../text/whitespace.js';
import { displayWidth, wrappedRows } from '../../text/width.js';
import { KeyHints } from '../components/KeyHints.js';
import { RichText } from '../components/RichText.js';
import { ScreenHeader, TITLE_KEPT } from '../components/ScreenHeader.js';
import { useKeys } from '../hooks/use-keys.js';
import { useLatestState } from '../hooks/use-latest-state.js';
import type { Command } from '../keys.js';
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

/** Tag rows shown at most (weakest first); the rest are counted. */
const MAX_TAG_ROWS = 6;

/**
 * The end of a mock test: score and percentage, the per-tag breakdown, the time taken, and every
 * missed question with what was answered, the right answer and the card's explanation. `r` sends
 * the missed cards to the next daily review.
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
  const tags = informativeTags(score.byTag, score.total);
  const tagRows = tags.slice(0, MAX_TAG_ROWS);
  const title = `Mock test result · ${plan.title}`;
  const seed = `seed ${result.seed}`;
  const pct = Math.round(score.percentage);
  const scoreLine = `Score ${score.correct}/${score.total} · ${pct}% · time ${formatDuration(result.durationMs)}${session.timedOut ? ' (time up)' : ''}`;
  const flaggedLine = (n: number) =>
    `Sent ${counted(n, 'card')} to review: they come up in your next daily review.`;
  const saveLine = outcome.saveError && `Not kept in the quiz history: ${outcome.saveError}`;
  const retake = `Retake: ${plan.retake}`;
  const rows = (text: string) => wrappedRows(text, inner);
  // Rows taken by everything but the missed questions, in step with the layout below, and one
  // spare (a frame as tall as the terminal is redrawn whole).
  const fixed =
    (Math.min(TITLE_KEPT, displayWidth(title)) + 1 + displayWidth(seed) > inner ? 2 : 1) +
    rows(scoreLine) +
    (tagRows.length > 0
      ? 2 +
        tagRows.reduce((n, t) => n + rows(tagLine(t, tagWidth(tagRows))), 0) +
        (tags.length > MAX_TAG_ROWS ? 1 : 0)
      : 0) +
    1 +
    rows(`${heading} (showing ${missed.length}–${missed.length}; ↑↓ for more)`) +
    1 +
    (view.flagged !== null ? rows(flaggedLine(view.flagged)) : 0) +
    (saveLine ? rows(saveLine) : 0) +
    1 +
    rows(retake) +
    1;
  const room = Math.max(4, height - fixed);
  // The last scroll position: from there on, the rest of the list fits.
  const heights = missed.map((m) => missedHeight(m, textWidth));
  let lastStart = missed.length - 1;
  for (let used = heights[lastStart] ?? 0; lastStart > 0; lastStart--) {
    used += heights[lastStart - 1]!;
    if (used > room) break;
  }
  lastStart = Math.max(0, lastStart);
  useKeys(
    () => 'quizResult',
    (m) => {
      const v = getView();
      switch (m?.command) {
        case 'back':
          return onClose();
        case 'flagMissed':
          if (v.flagged === null && score.missed.length > 0) {
            setView({ ...v, flagged: sendToReview() });
          }
          return;
        case 'up':
          return setView({ ...v, offset: Math.max(0, v.offset - 1) });
        case 'down':
          return setView({ ...v, offset: Math.min(lastStart, v.offset + 1) });
      }
    },
  );

  const offset = Math.min(view.offset, lastStart);
  const shown: MissedQuestion[] = [];
  let used = 0;
  for (const [i, m] of missed.entries()) {
    if (i < offset) continue;
    const h = heights[i]!;
    if (shown.length > 0 && used + h > room) break;
    shown.push(m);
    used += h;
  }
  const hide: Command[] = [
    ...(score.missed.length > 0 && view.flagged === null ? [] : (['flagMissed'] as const)),
    ...(shown.length < missed.length ? [] : (['up'] as const)),
  ];

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
      {tagRows.length > 0 && <TagTable rows={tagRows} more={tags.length - tagRows.length} />}
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
                  (showing {offset + 1}–{offset + shown.length}; ↑↓ for more)
                </Text>
              )}
            </Text>
            {shown.map((m) => (
              <Missed key={m.index} missed={m} />
            ))}
          </>
        )}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        {view.flagged !== null && <Text color={theme.good}>{flaggedLine(view.flagged)}</Text>}
        {saveLine && <Text color={theme.warn}>{saveLine}</Text>}
        <KeyHints mode="quizResult" hide={hide} width={inner} fromHome={fromHome} />
        <Text color={theme.muted}>{retake}</Text>
      </Box>
    </Box>
  );
}

const tagWidth = (rows: readonly TagScore[]) => Math.max(...rows.map((r) => r.tag.length), 3);

/** A tag's row of the table as plain text, for measuring it. */
function tagLine(r: TagScore, w: number): string {
  const pct = Math.round((100 * r.correct) / r.total);
  return `  ${r.tag.padEnd(w)} ${`${r.correct}/${r.total}`.padStart(6)} ${`${pct}%`.padStart(4)} ${'█'.repeat(10)}`;
}

function TagTable({ rows, more }: { readonly rows: readonly TagScore[]; readonly more: number }) {
  const w = tagWidth(rows);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>By tag</Text>
      {rows.map((r) => {
        const pct = Math.round((100 * r.correct) / r.total);
        const filled = Math.round((pct / 100) * 10);
        return (
          <Text key={r.tag}>
            {'  '}
            {r.tag.padEnd(w)} {`${r.correct}/${r.total}`.padStart(6)} {`${pct}%`.padStart(4)}{' '}
            <Text color={pct >= 80 ? theme.good : pct >= 50 ? theme.warn : theme.bad}>
              {'█'.repeat(filled)}
            </Text>
            <Text color={theme.muted}>{'░'.repeat(10 - filled)}</Text>
          </Text>
        );
      })}
      {more > 0 && <Text color={theme.muted}> and {more} more</Text>}
    </Box>
  );
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

function questionText(m: MissedQuestion): string {
  const q = m.question;
  return collapseWhitespace(q.cue === undefined ? q.prompt : `${q.prompt} ${q.cue}`);
}

function Missed({ missed: m }: { readonly missed: MissedQuestion }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <Box>
        <Text bold>{`${m.index + 1}.`.padEnd(4)}</Text>
        <Box flexShrink={1}>
          <RichText text={questionText(m)} />
        </Box>
      </Box>
      <Box paddingLeft={4} flexDirection="column">
        <Text>
          <Text color={theme.muted}>{m.typo ? 'you typed ' : 'you answered '}</Text>
          {m.given === null ? (
            <Text color={theme.muted}>(not answered)</Text>
          ) : (
            <Text color={m.typo ? theme.warn : theme.bad}>
              {m.typo ? '~' : '✗'} {m.given === '' ? '(nothing)' : m.given}
            </Text>
          )}
        </Text>
        <Text>
          <Text color={theme.muted}>{m.typo ? 'spelt ' : 'right answer '}</Text>
          <Text color={theme.good}>✓ {collapseWhitespace(m.answer)}</Text>
        </Text>
        {m.explain && <RichText text={collapseWhitespace(m.explain)} />}
      </Box>
    </Box>
  );
}

/** Rows a missed question takes with `width` columns for its lines (its margin included). */
function missedHeight(m: MissedQuestion, width: number): number {
  const rows = (text: string) => wrappedRows(text, width);
  return (
    1 +
    rows(questionText(m)) +
    rows(`you answered ✗ ${m.given ?? '(not answered)'}`) +
    rows(`right answer ✓ ${collapseWhitespace(m.answer)}`) +
    (m.explain ? rows(collapseWhitespace(m.explain)) : 0)
  );
}
