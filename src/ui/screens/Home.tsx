import { Box, Text } from 'ink';
import type { DeckStatus } from '../../app/status.js';
import { counted } from '../../text/plural.js';
import { padEnd } from '../../text/width.js';
import { KeyHints } from '../components/KeyHints.js';
import { useKeys } from '../hooks/use-keys.js';
import { useLatestState } from '../hooks/use-latest-state.js';
import { theme, tint } from '../theme.js';
import { describeNext } from './Summary.js';

type Props = {
  readonly decks: readonly DeckStatus[];
  /** Epoch ms. */
  readonly nextDue: number | null;
  readonly now: number;
  readonly problems: readonly string[];
  readonly width: number;
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
  /** A one-line message, e.g. why a cram or test could not start. */
  readonly notice?: string | undefined;
  readonly onQuit: () => void;
};

const num = (n: number, w: number) => String(n).padStart(w);

export function Home({
  decks,
  nextDue,
  now,
  problems,
  width,
  selected: selectedDeck = null,
  onSelect,
  onReview,
  onCram,
  onTest,
  onStats,
  notice,
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
  const [selected, getSelected, setRow] = useLatestState(() => rowOf(selectedDeck));
  const setSelected = (row: number) => {
    setRow(row);
    onSelect?.(deckAt(row)?.id ?? null);
  };

  useKeys(
    () => 'home',
    (m) => {
      const id = () => deckAt(getSelected())?.id ?? null;
      switch (m?.command) {
        case 'quit':
          return onQuit();
        case 'up':
          return setSelected(Math.max(0, getSelected() - 1));
        case 'down':
          return setSelected(Math.min(rows - 1, getSelected() + 1));
      }
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
      }
    },
  );

  const nameWidth = Math.max(10, Math.min(48, width - 30));
  const total = (k: 'new' | 'learning' | 'review') => decks.reduce((n, d) => n + d[k], 0);
  const line = (label: string, n: number, l: number, r: number, active: boolean, key: string) => (
    <Text key={key} bold={active} {...tint(active ? theme.accent : undefined)}>
      {active ? '› ' : '  '}
      {padEnd(label, nameWidth)}
      {num(n, 5)}
      {num(l, 7)}
      {num(r, 6)}
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
            <Text color={theme.muted}>
              {'  '}
              {'Deck'.padEnd(nameWidth)}
              {'New'.padStart(5)}
              {'Learn'.padStart(7)}
              {'Due'.padStart(6)}
            </Text>
            {decks.length > 1 &&
              line(
                'All decks',
                total('new'),
                total('learning'),
                total('review'),
                selected === 0,
                '*',
              )}
            {decks.map((d, i) =>
              line(
                d.name,
                d.new,
                d.learning,
                d.review,
                selected === (decks.length > 1 ? i + 1 : i),
                d.id,
              ),
            )}
          </>
        )}
      </Box>
      <Text>{describeNext(nextDue, now)}</Text>
      {notice && (
        <Text color={theme.warn} wrap="wrap">
          {notice}
        </Text>
      )}
      {problems.length > 0 && (
        <Box flexDirection="column" marginTop={1}>
          <Text color={theme.warn}>{counted(problems.length, 'problem')} (run recall lint):</Text>
          {problems.slice(0, 3).map((p) => (
            <Text key={p} color={theme.warn} wrap="truncate-end">
              {p}
            </Text>
          ))}
        </Box>
      )}
      <Box marginTop={1}>
        <KeyHints
          mode="home"
          hide={[
            ...(onCram ? [] : (['cram'] as const)),
            ...(onTest ? [] : (['test'] as const)),
            ...(onStats ? [] : (['stats'] as const)),
          ]}
        />
      </Box>
    </Box>
  );
}
