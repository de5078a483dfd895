import { Box, Text } from 'ink';
import { formatDuration, formatInterval } from '../../core/duration.js';
import type { Rating } from '../../core/model.js';
import { counted } from '../../text/plural.js';
import { wrappedRows } from '../../text/width.js';
import { type CardCounts, cardCountsText } from '../card-counts.js';
import { KeyHints } from '../components/KeyHints.js';
import { Prose } from '../components/Prose.js';
import { useKeys } from '../hooks/use-keys.js';
import { useScroll } from '../hooks/use-scroll.js';
import { type Command, hints } from '../keys.js';
import { moreLine } from '../list-window.js';
import { ratingNames, theme } from '../theme.js';

export type SummaryData = {
  /** Ratings given (a card in learning steps is rated several times). */
  readonly reviewed: number;
  /** Cards rated at least once. */
  readonly cards: number;
  readonly ratings: readonly Rating[];
  readonly elapsedMs: number;
  /** When the next card is due across the selection, epoch ms (null: nothing scheduled). */
  readonly nextDue: number | null;
  readonly now: number;
  /** True when the session ended because nothing more was due (not by quitting). */
  readonly finished: boolean;
  /** The cards the session still held when it was ended (none when it finished). */
  readonly left: CardCounts;
  /** Days to each exam and the recall predicted then, for decks with an exam date. */
  readonly exams: readonly string[];
  /** What the daily limits still hold back (`20 more due, held back by reviews_per_day: 200`). */
  readonly heldBack: readonly string[];
};

type Props = {
  readonly data: SummaryData;
  readonly width: number;
  /** Terminal rows: the exam lines (one per deck with an exam date) scroll to fit. */
  readonly height: number;
  readonly onClose: () => void;
  /** Takes back the session's last rating and goes back to that card (absent: none to undo). */
  readonly onUndo?: (() => void) | undefined;
  /** Why the last undo was refused. */
  readonly notice?: string | undefined;
  /** Leaving goes back home (home opened the session), not out of recall. */
  readonly fromHome?: boolean;
};

export function Summary({ data, width, height, onClose, onUndo, notice, fromHome = false }: Props) {
  const again = data.ratings.filter((r) => r === 1).length;
  const byRating = ([1, 2, 3, 4] as const).map(
    (r) => `${ratingNames[r]} ${data.ratings.filter((x) => x === r).length}`,
  );
  const againLine =
    data.reviewed > 0
      ? `Again-rate ${Math.round((again / data.reviewed) * 100)}%  (${byRating.join(' · ')})`
      : undefined;
  const stillDue = data.nextDue !== null && data.nextDue <= data.now && cardCountsText(data.left);
  const next = stillDue ? `Still due: ${stillDue}.` : describeNext(data.nextDue, data.now);
  // Straight here from home or `recall review` with nothing due: nothing was reviewed to sum up.
  const nothingDue = data.finished && data.reviewed === 0;
  // Ended with every rating undone (or none given): "Reviewed 0 cards in 12s" read as a count.
  const reviewedLine =
    data.reviewed === 0
      ? 'Nothing reviewed.'
      : `Reviewed ${counted(data.cards, 'card')}${data.reviewed === data.cards ? '' : ` (${counted(data.reviewed, 'rating')})`} in ${formatDuration(data.elapsedMs)}`;
  // Everything but the exam lines, in step with the layout below, and a row spare (a frame as
  // tall as the terminal is redrawn whole).
  const inner = width - 2;
  const footer = (hide: readonly Command[]) =>
    wrappedRows(hints('summary', { hide, width: inner, fromHome }), inner);
  const fixed =
    1 +
    2 +
    (nothingDue ? 0 : wrappedRows(reviewedLine, inner)) +
    (againLine ? wrappedRows(againLine, inner) : 0) +
    wrappedRows(next, inner) +
    (notice ? wrappedRows(notice, inner) : 0) +
    data.heldBack.reduce((n, line) => n + wrappedRows(`${line}.`, inner), 0) +
    1;
  const undoHidden: Command[] = onUndo ? [] : ['undo'];
  const { shown, scroll } = useScroll(data.exams.length, height - fixed - footer(undoHidden));
  const scrolls = shown.above + shown.below > 0;
  const hide: Command[] = [...undoHidden, ...(scrolls ? [] : (['up'] as const))];
  useKeys(
    () => 'summary',
    (m) => {
      if (m?.command === 'back') onClose();
      else if (m?.command === 'undo') onUndo?.();
      else scroll(m?.command);
    },
  );
  return (
    <Box flexDirection="column" paddingX={1} width={width}>
      <Text bold color={theme.accent}>
        {nothingDue ? 'Nothing due now.' : data.finished ? 'Done for now.' : 'Session ended.'}
      </Text>
      <Box flexDirection="column" marginY={1}>
        {!nothingDue && <Text>{reviewedLine}</Text>}
        {data.reviewed > 0 && (
          <Text>
            Again-rate {Math.round((again / data.reviewed) * 100)}%{'  '}
            <Text color={theme.muted}>({byRating.join(' · ')})</Text>
          </Text>
        )}
        <Prose>{next}</Prose>
        {data.heldBack.map((line) => (
          <Prose key={line} color={theme.warn}>
            {line}.
          </Prose>
        ))}
        {shown.above > 0 && <Text color={theme.muted}>{moreLine('above', shown.above)}</Text>}
        {data.exams.slice(shown.start, shown.end).map((line, i) => (
          <Text key={shown.start + i} color={theme.accent} wrap="truncate-end">
            {line}
          </Text>
        ))}
        {shown.below > 0 && <Text color={theme.muted}>{moreLine('below', shown.below)}</Text>}
      </Box>
      {notice && <Prose color={theme.warn}>{notice}</Prose>}
      <KeyHints mode="summary" hide={hide} width={inner} fromHome={fromHome} />
    </Box>
  );
}

/** Within this many days a weekday names one day only (today's weekday is today). */
const WEEKDAY_ALONE_DAYS = 6;

/**
 * `next` and `now` in epoch ms; the day and time are shown in local time: the weekday and time
 * within six days, further off the date (`Sun, Apr 19`), with its year when not this year's.
 */
export function describeNext(next: number | null, now: number): string {
  if (next === null) return 'Nothing is scheduled: add cards to a deck to study more.';
  const ms = next - now;
  if (ms <= 0) return 'More cards are due now.';
  const at = new Date(next);
  const when =
    ms <= WEEKDAY_ALONE_DAYS * 86_400_000
      ? at.toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })
      : at.toLocaleDateString([], {
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          ...(at.getFullYear() === new Date(now).getFullYear() ? {} : { year: 'numeric' }),
        });
  return `Next card due in ${formatInterval(ms)} (${when}).`;
}
