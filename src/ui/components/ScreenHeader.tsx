import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { tint } from '../theme.js';

type Props = {
  /** The screen's title (a deck name, say): cut with `…` when the line is short. */
  readonly title: string;
  readonly color?: string;
  /** What stands on the right (counts, a clock): never cut, never wrapped. */
  readonly children: ReactNode;
};

/**
 * The first line of a session screen: the title on the left, its status on the right. On a
 * narrow terminal the title gives way, so the two never run into each other or wrap mid-word.
 */
export function ScreenHeader({ title, color, children }: Props) {
  return (
    <Box gap={1} width="100%">
      <Box flexGrow={1} flexShrink={1} flexBasis={0} minWidth={1}>
        <Text bold wrap="truncate-end" {...tint(color)}>
          {title}
        </Text>
      </Box>
      <Box flexShrink={0}>{children}</Box>
    </Box>
  );
}
