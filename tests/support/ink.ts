import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import type { ReactElement } from 'react';
import { vi } from 'vitest';

/**
 * Waiting for Ink to redraw after input. A fixed sleep is flaky on a loaded machine; this polls
 * the last frame until it matches, and fails with the frame when it never does.
 */
export async function frameMatching(
  lastFrame: () => string | undefined,
  pattern: RegExp | string,
  ms = 3000,
): Promise<string> {
  const started = Date.now();
  for (;;) {
    const frame = lastFrame() ?? '';
    if (typeof pattern === 'string' ? frame.includes(pattern) : pattern.test(frame)) return frame;
    if (Date.now() - started > ms) {
      throw new Error(`no frame matched ${String(pattern)} within ${ms} ms; last frame:\n${frame}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Scrolls a card cut to fit from its top to its end, a row a press of ↓, each frame less than
 * `rows` tall (as the screen keeps it); the last frame and the choice letters (`a) /api…`) seen
 * on the way, in order.
 */
export async function scrollCardToEnd(
  view: { stdin: { write: (keys: string) => void }; lastFrame: () => string | undefined },
  rows: number,
): Promise<{ frame: string; letters: string }> {
  let frame = await frameMatching(view.lastFrame, /↓ \d+ more/);
  const seen = new Set<string>();
  const look = () => {
    if (frame.split('\n').length >= rows)
      throw new Error(`a frame of ${rows} rows or more:\n${frame}`);
    for (const m of frame.matchAll(/([a-h])\) \/api/g)) seen.add(m[1]!);
  };
  for (let i = 1; /↓ \d+ more/.test(frame) && i < 40; i++) {
    look();
    view.stdin.write('\x1b[B');
    frame = await frameMatching(view.lastFrame, `↑ ${i} more`);
  }
  look();
  return { frame, letters: [...seen].sort().join('') };
}

/**
 * Polls until `check` stops throwing (a callback was called, a key was taken), with the same
 * patience as `frameMatching`; its last error is the failure.
 */
export function eventually<T>(check: () => T, ms = 3000): Promise<T> {
  return vi.waitFor(check, { timeout: ms, interval: 10 });
}

/**
 * Renders `tree` as ink-testing-library does, on a terminal of `columns` × `rows` (its own is
 * 100 columns and no rows): for screens that fit themselves to the terminal.
 */
export function renderAt(
  tree: ReactElement,
  columns: number,
  rows: number,
  /** Sees every write, frames and anything else the tree writes itself. */
  onWrite?: (text: string) => void,
) {
  const frames: string[] = [];
  const stdout = Object.assign(new EventEmitter(), {
    columns,
    rows,
    write: (frame: string) => {
      onWrite?.(frame);
      frames.push(frame);
    },
  });
  const stderr = Object.assign(new EventEmitter(), { write: () => true });
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  /** Resizes the terminal as a window would: new size, then a `resize` event. */
  const resize = (to: { columns: number; rows: number }) => {
    Object.assign(stdout, to);
    stdout.emit('resize');
  };
  return { stdin, lastFrame: () => frames.at(-1), unmount: instance.unmount, resize };
}

/** Keys typed into a rendered tree, as ink-testing-library's stdin takes them. */
class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  #data: string | null = null;
  write(data: string): void {
    this.#data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read(): string | null {
    const data = this.#data;
    this.#data = null;
    return data;
  }
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}
