import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { type Line, statsLines } from '../../charts/stats-layout.js';
import type { StatsReport } from '../../core/stats/compute.js';
import { useKeys } from '../hooks/use-keys.js';
import { useScroll } from '../hooks/use-scroll.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { hints } from '../keys.js';
import { moreLine } from '../list-window.js';
import { theme, tint } from '../theme.js';

type Props = {
  readonly report: StatsReport;
  /**
   * Columns the charts are laid out to fit; absent, the terminal's, followed as it is resized.
   * Stats is one-line rows and charts, no prose: it takes the whole width (no 120 cap).
   */
  readonly width?: number;
  /** Rows available (default: the terminal's); taller content scrolls with ↑↓ / PgUp PgDn. */
  readonly height?: number;
  readonly onExit: () => void;
  /** Leaving goes back home (home opened it), not out of recall. */
  readonly fromHome?: boolean;
};

/** The stats report drawn with text charts (issue 5); q or Esc leaves. */
export function Stats({ report, width, height, onExit, fromHome = false }: Props) {
  const size = useTerminalSize();
  const columns = width ?? size.columns;
  // A column of margin each side, as every screen has: the right one is also the column spare
  // that keeps a full line from wrapping on some terminals.
  const inner = Math.max(1, columns - 2);
  const lines = useMemo(() => statsLines(report, inner), [report, inner]);
  // Leave the footer a row, and one more: output as tall as the terminal makes Ink redraw it all.
  const rows = (height ?? size.rows) - 2;
  const { shown, scroll } = useScroll(lines.length, rows);

  useKeys(
    () => 'stats',
    (m) => {
      if (m?.command === 'back') onExit();
      else scroll(m?.command);
    },
  );

  const scrolls = shown.above + shown.below > 0;
  return (
    <Box flexDirection="column" paddingX={1} width={columns}>
      {shown.above > 0 && <More direction="above" count={shown.above} />}
      {lines.slice(shown.start, shown.end).map((line, i) => (
        <StyledLine key={shown.start + i} line={line} />
      ))}
      {shown.below > 0 && <More direction="below" count={shown.below} />}
      <Text color={theme.muted} wrap="truncate-end">
        {hints('stats', { hide: scrolls ? [] : ['up'], width: inner, fromHome })}
      </Text>
    </Box>
  );
}

function More({
  direction,
  count,
}: {
  readonly direction: 'above' | 'below';
  readonly count: number;
}) {
  return (
    <Text color={theme.muted} wrap="truncate-end">
      {moreLine(direction, count)}
    </Text>
  );
}

function StyledLine({ line }: { readonly line: Line }) {
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((seg, i) => (
        <Text key={i} {...tint(seg.tone ? theme[seg.tone] : undefined)} bold={seg.bold ?? false}>
          {seg.text}
        </Text>
      ))}
    </Text>
  );
}
