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
 * Polls until `check` stops throwing (a callback was called, a key was taken), with the same
 * patience as `frameMatching`; its last error is the failure.
 */
export function eventually<T>(check: () => T, ms = 3000): Promise<T> {
  return vi.waitFor(check, { timeout: ms, interval: 10 });
}
