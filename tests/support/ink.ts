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

/** Lets Ink process input that should change nothing visible (or only a callback). */
export const settle = () => new Promise((r) => setTimeout(r, 50));
