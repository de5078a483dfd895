/** A line of progress on stderr that rewrites itself: on a terminal only, erased when done. */
import { counted } from '../text/plural.js';

/** What the line is written to: stderr, or a test's stand-in. */
export type ProgressStream = Pick<NodeJS.WriteStream, 'write'> & { readonly isTTY?: boolean };

/** Shows `text` in place of the last one; `undefined` erases it. Nothing off a terminal. */
export function progressLine(
  stream: ProgressStream = process.stderr,
): (text: string | undefined) => void {
  const tty = stream.isTTY === true;
  let shown = false;
  return (text) => {
    if (!tty) return;
    if (text === undefined) {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
      return;
    }
    stream.write(`\r\x1b[2K${text}`);
    shown = true;
  };
}

/** A start that parses longer than this says how far it is. */
export const PARSE_PROGRESS_AFTER_MS = 1000;

/**
 * Deck parsing's progress (`parsing decks: 12 of 40 files`): nothing for a load that ends
 * within `after` ms, as nearly every start does (it parses nothing, or the file just edited);
 * a cold start of a large collection says where it is. `end` erases it.
 */
export function parseProgress(
  stream: ProgressStream = process.stderr,
  after = PARSE_PROGRESS_AFTER_MS,
): { readonly onParsed: (done: number, total: number) => void; readonly end: () => void } {
  const line = progressLine(stream);
  let slow = false;
  let at: { done: number; total: number } | undefined;
  const draw = () => {
    if (slow && at) line(`parsing decks: ${at.done} of ${counted(at.total, 'file')}`);
  };
  const timer = setTimeout(() => {
    slow = true;
    draw();
  }, after);
  timer.unref();
  return {
    onParsed: (done, total) => {
      const first = at === undefined;
      at = { done, total };
      // Every percent at most: thousands of small files redraw a hundred times, not thousands.
      if (first || done === total || done % Math.ceil(total / 100) === 0) draw();
    },
    end: () => {
      clearTimeout(timer);
      line(undefined);
    },
  };
}
