import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { displayWidth } from '../../text/width.js';
import { tint } from '../theme.js';

type Props = {
  /** The screen's title (a deck name, say): cut with `…` when the line is short. */
  readonly title: string;
  readonly color?: string;
  /** What stands on the right (counts, a clock): never cut, never wrapped. */
  readonly children: ReactNode;
};

/** Columns of the title kept before the status moves to a line of its own. */
export const TITLE_KEPT = 12;

/**
 * The first line of a session screen: the title on the left, its status on the right. On a
 * narrow terminal the title gives way, down to a few words; narrower still the status goes
 * under it. The two never run into each other or wrap mid-word.
 */
export function ScreenHeader({ title, color, children }: Props) {
  return (
    <Box columnGap={1} width="100%" flexWrap="wrap">
      <Box
        flexGrow={1}
        flexShrink={1}
        flexBasis={0}
        minWidth={Math.max(1, Math.min(TITLE_KEPT, displayWidth(title)))}
      >
        <Text bold wrap="truncate-end" {...tint(color)}>
          {title}
        </Text>
      </Box>
      <Box flexShrink={1}>{children}</Box>
    </Box>
  );
}
