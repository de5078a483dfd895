import { Box } from 'ink';
import type { ReactNode } from 'react';

type Props = {
  readonly width: number;
  /** The terminal's rows; absent, the frame is as tall as what it holds. */
  readonly height?: number | undefined;
  readonly children: ReactNode;
};

/**
 * The box a study screen (review, cram, the mock test) draws in: the terminal's width, and
 * with a height, one row short of it and cut at the bottom, so the header stays on top.
 */
export function SessionFrame({ width, height, children }: Props) {
  return (
    <Box
      flexDirection="column"
      width={width}
      paddingX={1}
      // A row spare: a frame as tall as the terminal is redrawn whole.
      {...(height === undefined
        ? {}
        : { height: Math.max(1, height - 1), overflowY: 'hidden' as const })}
    >
      {children}
    </Box>
  );
}
