import { Box, Text } from 'ink';
import { type DeckStatus, heldBackLines } from '../../app/status.js';
import { formatInterval } from '../../core/duration.js';
import { counted } from '../../text/plural.js';
import { padEnd, wrappedRows } from '../../text/width.js';
import { type CardCounts, cardCountsText } from '../card-counts.js';
import { KeyHints } from '../components/KeyHints.js';
import { Prose } from '../components/Prose.js';
import { useKeys } from '../hooks/use-keys.js';
import { useLatestState } from '../hooks/use-latest-state.js';
import { type Command, hints } from '../keys.js';
import { listWindow, moreLine, moved, moveOf } from '../list-window.js';
import { theme, tint } from '../theme.js';
import { describeNext } from './Summary.js';

type Props = {
  readonly decks: readonly DeckStatus[];
  /** Epoch ms. */
  readonly nextDue: number | null;
  readonly now: number;
  readonly problems: readonly string[];
  readonly width: number;
  /** Terminal rows: the deck list shows what fits and scrolls. */
  readonly height: number;
  /** The deck selected (null: all decks), kept by the app while sessions come and go. */
  readonly selected?: string | null;
  readonly onSelect?: (deckId: string | null) => void;
  /** Review one deck, or every deck when `deckId` is null. */
  readonly onReview: (deckId: string | null) => void;
  /** Cram the selected deck (null: every deck) with the default options. */
  readonly onCram?: (deckId: string | null) => void;
  /** A 20-question mock test of the selected deck (null: every deck). */
  readonly onTest?: (deckId: string | null) => void;
  /** Stats of one deck, or every deck when `deckId` is null. */
  readonly onStats?: (deckId: string | null) => void;
  /** Browse and search every card. */
  readonly onBrowse?: () => void;
  /** A one-line message, e.g. why a cram or test could not start. */
  readonly notice?: string | undefined;
  /** When this device last ran `recall sync` (epoch ms; null: never). */
  readonly syncedAt?: number | null;
  readonly onQuit: () => void;
};

type Column = {
  readonly head: string;
  readonly width: number;
  readonly of: (c: CardCounts) => number;
};

const WIDE: readonly Column[] = [
  { head: 'New', width: 5, of: (c) => c.new },
  { head: 'Learn', width: 7, of: (c) => c.learning },
  // `review`, as `recall status` says it: one word for one count.
  { head: 'Review', width: 8, of: (c) => c.review },
];
/**
 * Where three count columns would leave a deck name under 10 columns: one count, the cards left
 * today (new, learning and due together).
 */
const NARROW: readonly Column[] = [
  { head: 'Today', width: 6, of: (c) => c.new + c.learning + c.review },
];
const countsWidth = (cols: readonly Column[]) => cols.reduce((w, c) => w + c.width, 0);

export function Home({
  decks,
  nextDue,
  now,
  problems,
  width,
  height,
  selected: selectedDeck = null,
  onSelect,
  onReview,
  onCram,
  onTest,
  onStats,
  onBrowse,
  notice,
  syncedAt = null,
  onQuit,
}: Props) {
  // Row 0 is "All decks"; deck rows follow.
  const rows = decks.length > 1 ? decks.length + 1 : decks.length;
  const deckAt = (row: number) =>
    decks.length > 1 ? (row === 0 ? null : decks[row - 1]!) : decks[row]!;
  const rowOf = (id: string | null) => {
    const at = decks.findIndex((d) => d.id === id);
    return at < 0 ? 0 : decks.length > 1 ? at + 1 : at;
  };
  /** The selected row, and the first row of the window over the list (kept between moves). */
  const [view, getView, setView] = useLatestState(() => ({ row: rowOf(selectedDeck), top: 0 }));
  const next = nextLine(
    decks.length === 0 ? null : deckAt(view.row),
    decks,
    nextDue,
    now,
    syncedAt,
  );
  const hide: Command[] = [
    ...(onCram ? [] : (['cram'] as const)),
    ...(onTest ? [] : (['test'] as const)),
    ...(onStats ? [] : (['stats'] as const)),
    ...(onBrowse ? [] : (['browse'] as const)),
  ];
  const listRows = Math.max(
    1,
    height - fixedRows({ width, decks: decks.length, next, notice, problems, hide }),
  );
  const windowAt = (v: { row: number; top: number }) => listWindow(rows, listRows, v.row, v.top);
  const move = (by: number) => {
    const v = getView();
    const row = moved(v.row, by, rows);
    setView({ row, top: windowAt({ row, top: v.top }).start });
    onSelect?.(deckAt(row)?.id ?? null);
  };

  useKeys(
    () => 'home',
    (m) => {
      const id = () => deckAt(getView().row)?.id ?? null;
      if (m?.command === 'quit') return onQuit();
      const by = moveOf(m?.command, windowAt(getView()));
      if (by !== undefined) return move(by);
      if (rows === 0) return;
      switch (m?.command) {
        case 'open':
          return onReview(id());
        case 'openAll':
          return onReview(null);
        case 'cram':
          return onCram?.(id());
        case 'test':
          return onTest?.(id());
        case 'stats':
          return onStats?.(id());
        case 'browse':
          return onBrowse?.();
      }
    },
  );

  const shown = windowAt(view);
  const selected = view.row;
  // The count columns, or on a narrow terminal the one that says what is left today.
  const columns = width - 2 >= 2 + 10 + countsWidth(WIDE) ? WIDE : NARROW;
  // Padding and the cursor take 4 columns; the name has what the counts leave (48 at most).
  const room = width - 2 - 2 - countsWidth(columns);
  const nameWidth = columns === WIDE ? Math.max(10, Math.min(48, room)) : Math.max(1, room);
  const total = (k: keyof CardCounts) => decks.reduce((n, d) => n + d[k], 0);
  const line = (label: string, c: CardCounts, active: boolean, key: string) => (
    <Text key={key} bold={active} wrap="truncate-end" {...tint(active ? theme.accent : undefined)}>
      {active ? '› ' : '  '}
      {padEnd(label, nameWidth)}
      {columns.map((col) => String(col.of(c)).padStart(col.width)).join('')}
    </Text>
  );

  return (
    <Box flexDirection="column" paddingX={1} width={width}>
      <Text bold color={theme.accent}>
        recall
      </Text>
      <Box flexDirection="column" marginY={1}>
        {decks.length === 0 ? (
          <Text>
            No decks found. Write one (see docs/deck-format.md) or pass a file: recall review FILE
          </Text>
        ) : (
          <>
            <Text color={theme.muted} wrap="truncate-end">
              {'  '}
              {'Deck'.padEnd(nameWidth)}
              {columns.map((col) => col.head.padStart(col.width)).join('')}
            </Text>
            {shown.above > 0 && (
              <Text color={theme.muted}>{`  ${moreLine('above', shown.above)}`}</Text>
            )}
            {Array.from({ length: shown.end - shown.start }, (_, i) => {
              const row = shown.start + i;
              const d = deckAt(row);
              return d
                ? line(d.name, d, selected === row, d.id)
                : line(
                    'All decks',
                    { new: total('new'), learning: total('learning'), review: total('review') },
                    selected === row,
                    '*',
                  );
            })}
            {shown.below > 0 && (
              <Text color={theme.muted}>{`  ${moreLine('below', shown.below)}`}</Text>
            )}
          </>
        )}
      </Box>
      <Prose>{next}</Prose>
      {notice && <Prose color={theme.warn}>{notice}</Prose>}
      {problems.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          <Text color={theme.warn} wrap="truncate-end">
            {counted(problems.length, 'problem')} (run recall lint):
          </Text>
          {problems.slice(0, PROBLEMS_SHOWN).map((p) => (
            <Text key={p} color={theme.warn} wrap="truncate-end">
              {p}
            </Text>
          ))}
        </Box>
      )}
      <Box marginTop={1}>
        <KeyHints mode="home" hide={hide} width={width - 2} />
      </Box>
    </Box>
  );
}

/** Most problems listed under the decks; `recall lint` lists them all. */
const PROBLEMS_SHOWN = 3;

/**
 * What the selected row holds now, or when its next card is due; and when this device last
 * synced (once it ever has).
 */
function nextLine(
  deck: DeckStatus | null,
  decks: readonly DeckStatus[],
  nextDue: number | null,
  now: number,
  syncedAt: number | null,
): string {
  const ready =
    decks.length === 0 ? describeNext(nextDue, now) : readyLine(deck, decks, nextDue, now);
  const held = heldBackLines(deck ? [deck.heldBack] : decks.map((d) => d.heldBack));
  const next = held.length === 0 ? ready : `${ready} ${held.join('; ')}.`;
  return syncedAt === null ? next : `${next} Synced ${formatInterval(now - syncedAt)} ago.`;
}

/** `20 new cards ready in Spanish.`, `Nothing due in Spanish. Next card due in 3h (…).` */
export function readyLine(
  deck: DeckStatus | null,
  decks: readonly DeckStatus[],
  allNextDue: number | null,
  now: number,
): string {
  const sum = (k: keyof CardCounts) => (deck ? deck[k] : decks.reduce((n, d) => n + d[k], 0));
  const where = deck ? deck.name : 'your decks';
  const ready = cardCountsText({
    new: sum('new'),
    learning: sum('learning'),
    review: sum('review'),
  });
  if (ready) return `${ready} ready in ${where}.`;
  const later = deck ? deck.nextDue : allNextDue;
  // Due by the clock but not today (a daily limit is reached): the next study day's.
  const when = later !== null && later <= now ? null : describeNext(later, now);
  return `Nothing due in ${deck ? 'this deck' : where}${when ? `. ${when}` : ' today.'}`;
}

/**
 * The rows home takes besides its deck rows, in step with the layout above: the deck list gets
 * the rest of the terminal, less one row (a frame as tall as the terminal is redrawn whole).
 */
function fixedRows(p: {
  readonly width: number;
  readonly decks: number;
  readonly next: string;
  readonly notice: string | undefined;
  readonly problems: readonly string[];
  readonly hide: readonly Command[];
}): number {
  const inner = p.width - 2;
  const title = 1;
  const listMargins = 2;
  const columnHeads = p.decks > 0 ? 1 : 0;
  const next = wrappedRows(p.next, inner);
  const notice = p.notice ? wrappedRows(p.notice, inner) : 0;
  const problems = p.problems.length > 0 ? 1 + 1 + Math.min(PROBLEMS_SHOWN, p.problems.length) : 0;
  const footer = 1 + wrappedRows(hints('home', { hide: p.hide, width: inner }), inner);
  const spare = 1;
  return title + listMargins + columnHeads + next + notice + problems + footer + spare;
}
