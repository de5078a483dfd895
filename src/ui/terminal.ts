/**
 * What the screens need to know of the terminal: whether it can show them, and its size, as
 * every screen lays out to it. A pty opened without a window size (some
 * CI runners, `script`, containers) reports 0×0, and a stream that is no terminal reports
 * nothing: both mean "unknown", never "zero columns", so they read as 80×24.
 */

export type Size = { readonly columns: number; readonly rows: number };

export const FALLBACK_SIZE: Size = { columns: 80, rows: 24 };

type Sized = { readonly columns?: number | undefined; readonly rows?: number | undefined };

/** `stream`'s columns and rows, each 80 / 24 where it reports 0 or nothing. */
export function terminalSize(stream: Sized): Size {
  return {
    columns: known(stream.columns) ?? FALLBACK_SIZE.columns,
    rows: known(stream.rows) ?? FALLBACK_SIZE.rows,
  };
}

const known = (n: number | undefined) => (n !== undefined && n > 0 ? n : undefined);

/**
 * Makes `stream` itself report the fallback where its size is unknown, for Ink: it reads
 * `columns` and `rows` on every frame, and on 0 asks /dev/tty, which says 0 again (a layout one
 * column wide) and takes 0 rows as a full screen (clearing the scrollback on every frame). A
 * real size that a resize gives later shows through.
 */
export function reportKnownSize(stream: NodeJS.WriteStream): void {
  for (const key of ['columns', 'rows'] as const) {
    let reported: number | undefined = stream[key];
    Object.defineProperty(stream, key, {
      configurable: true,
      enumerable: true,
      get: () => known(reported) ?? FALLBACK_SIZE[key],
      set: (n: number) => {
        reported = n;
      },
    });
  }
}

/**
 * A terminal that declares itself dumb (Emacs' shell, some IDE consoles and serial lines) shows
 * cursor motion as garbage. Ink has no mode without it: even its screen-reader output erases the
 * previous frame by moving up over it. So the screens do not start there.
 */
export function cannotMoveCursor(
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  return env.TERM?.startsWith('dumb') ?? false;
}
