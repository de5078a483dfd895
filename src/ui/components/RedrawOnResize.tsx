import { Box, useStdout } from 'ink';
import { type ReactNode, useEffect, useState } from 'react';

/** Erase the visible screen and put the cursor at its top left (the scrollback stays). */
export const CLEAR_SCREEN = '\x1b[2J\x1b[H';

/**
 * Draws `children` whole again after every resize, on a cleared screen. Ink erases its last
 * frame by moving up as many lines as it wrote, but a terminal rewraps what it shows when its
 * width changes, so after a resize that count no longer matches the rows the frame takes and
 * old lines stayed above the new frame, after shrinking and after growing back. Clearing is
 * not enough by itself: Ink writes nothing when the new frame reads the same as the last, which
 * would leave the screen blank. So the children are hidden for one frame (kept mounted, their
 * state intact) and shown again, which makes Ink draw the frame in full from the top.
 */
export function RedrawOnResize({ children }: { readonly children: ReactNode }) {
  const { stdout } = useStdout();
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    const resized = () => {
      stdout.write(CLEAR_SCREEN);
      setHidden(true);
    };
    stdout.on('resize', resized);
    return () => {
      stdout.off('resize', resized);
    };
  }, [stdout]);
  useEffect(() => {
    if (hidden) setHidden(false);
  }, [hidden]);
  return (
    <Box display={hidden ? 'none' : 'flex'} flexDirection="column">
      {children}
    </Box>
  );
}
