import { useStdout } from 'ink';
import { useEffect, useState } from 'react';
import { type Size, terminalSize } from '../terminal.js';

/**
 * The terminal's size, and a redraw when it changes. Ink redraws its last frame on a resize
 * but renders no component again, so a size read during a render kept the old width: a
 * progress bar wider than a shrunk window wrapped, and lines stayed after growing it back.
 */
export function useTerminalSize(): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => terminalSize(stdout));
  useEffect(() => {
    const changed = () => setSize(terminalSize(stdout));
    stdout.on('resize', changed);
    changed();
    return () => {
      stdout.off('resize', changed);
    };
  }, [stdout]);
  return size;
}
