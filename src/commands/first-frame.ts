/**
 * What waits for the TUI's first frame to be on screen: the code cache's write (src/bin.ts),
 * which then holds every function that ran to draw it. Nothing is registered when the TUI runs
 * from the ES module chunks or the sources.
 */
let pending: (() => void) | undefined;

/** Runs `fn` once, after the next first frame. */
export function afterFirstFrame(fn: () => void): void {
  pending = fn;
}

/** Called by the TUI once its first frame is drawn. */
export function firstFrameDrawn(): void {
  const fn = pending;
  pending = undefined;
  fn?.();
}
