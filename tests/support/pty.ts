/**
 * Runs the built binary in a real pseudo-terminal and reads its screen as text. Used by the
 * end-to-end tests and the benchmark, so both see the app exactly as a person's terminal does.
 */
import { type IPty, spawn } from 'node-pty';
import { cliPath } from './cli.js';

export { cliPath, isolatedEnv } from './cli.js';

// CSI/OSC sequences and lone escapes: what is left is the text a person would read.
const ansi = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
export const stripAnsi = (s: string): string => s.replace(ansi, '');

export class Terminal {
  readonly #pty: IPty;
  #raw = '';
  #exit: Promise<number>;

  /**
   * Runs `recall ARGS` (or, with `nodeArgs`, plain `node NODEARGS`, for baselines). `launcher`
   * runs first and is handed node's command line: a shell that sets what node-pty cannot, such
   * as a window size of 0×0 (node-pty refuses one).
   */
  constructor(
    args: readonly string[],
    env: Record<string, string>,
    size = { cols: 100, rows: 30 },
    nodeArgs?: readonly string[],
    launcher: readonly string[] = [],
  ) {
    const argv = [process.execPath, ...(nodeArgs ? nodeArgs : [cliPath, ...args])];
    const [file, ...rest] = [...launcher, ...argv];
    this.#pty = spawn(file!, rest, { ...size, env, name: env.TERM ?? 'xterm-256color' });
    this.#pty.onData((d) => {
      this.#raw += d;
    });
    this.#exit = new Promise((res) => this.#pty.onExit(({ exitCode }) => res(exitCode)));
  }

  /** The process in the terminal (the launcher's, which `exec`s node, when there is one). */
  get pid(): number {
    return this.#pty.pid;
  }

  /** Everything drawn so far, escape sequences and all. */
  get raw(): string {
    return this.#raw;
  }

  /** Everything drawn so far, escape sequences removed. */
  get text(): string {
    return stripAnsi(this.#raw);
  }

  /** How much has been drawn: pass it to `waitFor` to look only at what comes after. */
  get mark(): number {
    return this.#raw.length;
  }

  /** Resolves (with the ms it took) when `needle` is drawn after `since`; rejects after `ms`. */
  waitFor(needle: string | RegExp, since = 0, ms = 10_000): Promise<number> {
    const started = performance.now();
    const found = () => {
      const seen = stripAnsi(this.#raw.slice(since));
      return typeof needle === 'string' ? seen.includes(needle) : needle.test(seen);
    };
    return new Promise((res, rej) => {
      if (found()) return res(0);
      const timer = setTimeout(() => {
        sub.dispose();
        rej(
          new Error(`timed out waiting for ${String(needle)}; screen:\n${this.text.slice(-2000)}`),
        );
      }, ms);
      // Checked on every chunk the app writes, so the time is that of the frame, not of a poll.
      const sub = this.#pty.onData(() => {
        if (!found()) return;
        clearTimeout(timer);
        sub.dispose();
        res(performance.now() - started);
      });
    });
  }

  type(keys: string): void {
    this.#pty.write(keys);
  }

  exited(): Promise<number> {
    return this.#exit;
  }

  kill(): void {
    this.#pty.kill();
  }
}
