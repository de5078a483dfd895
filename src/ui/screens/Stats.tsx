import { Box, Text, useStdout } from 'ink';
import { useMemo, useState } from 'react';
import { type Line, statsLines } from '../../charts/stats-layout.js';
import type { StatsReport } from '../../core/stats/compute.js';
import { useKeys } from '../hooks/use-keys.js';
import { hints } from '../keys.js';
import { terminalSize } from '../terminal.js';
import { theme, tint } from '../theme.js';

type Props = {
  readonly report: StatsReport;
  /** Terminal columns: charts are laid out to fit them. */
  readonly width: number;
  /** Rows available (default: the terminal's); taller content scrolls with ↑↓ / PgUp PgDn. */
  readonly height?: number;
  readonly onExit: () => void;
};

/** The stats report drawn with text charts (issue 5); q or Esc leaves. */
export function Stats({ report, width, height, onExit }: Props) {
  const { stdout } = useStdout();
  // One column spare: a line that fills the last column makes some terminals wrap.
  const lines = useMemo(() => statsLines(report, Math.max(1, width - 1)), [report, width]);
  // Leave the footer a row, and one more: output as tall as the terminal makes Ink redraw it all.
  const rows = Math.max(3, (height ?? terminalSize(stdout).rows) - 2);
  const view = Math.min(lines.length, rows);
  const maxTop = Math.max(0, lines.length - view);
  const [top, setTop] = useState(0);
  const scroll = (by: number) => setTop((t) => Math.min(maxTop, Math.max(0, t + by)));

  useKeys(
    () => 'stats',
    (m) => {
      if (m?.command === 'quit') onExit();
      else if (m?.command === 'up') scroll(-1);
      else if (m?.command === 'down') scroll(1);
      else if (m?.command === 'pageUp') scroll(-(view - 1));
      else if (m?.command === 'pageDown') scroll(view - 1);
    },
  );

  const first = Math.min(top, maxTop);
  const shown = lines.slice(first, first + view);
  return (
    <Box flexDirection="column">
      {shown.map((line, i) => (
        <StyledLine key={first + i} line={line} />
      ))}
      <Text color={theme.muted} wrap="truncate-end">
        {maxTop > 0 ? `${first + 1}-${first + shown.length}/${lines.length} · ` : ''}
        {hints('stats', { hide: maxTop > 0 ? [] : ['up'] })}
      </Text>
    </Box>
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
