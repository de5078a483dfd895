import { Text } from 'ink';
import { theme } from '../theme.js';

type Props = {
  /** Cards done so far. */
  readonly done: number;
  readonly total: number;
  readonly width: number;
};

/** `████░░░░ 4/17`: blocks, not colour, carry the meaning (NO_COLOR keeps it readable). */
export function ProgressBar({ done, total, width }: Props) {
  const label = ` ${done}/${total}`;
  const bar = Math.max(4, width - label.length);
  const filled = total === 0 ? bar : Math.round((done / total) * bar);
  return (
    <Text>
      <Text color={theme.accent}>{'█'.repeat(filled)}</Text>
      <Text color={theme.muted}>{'░'.repeat(bar - filled)}</Text>
      <Text>{label}</Text>
    </Text>
  );
}
