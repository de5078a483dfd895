/**
 * The user's own `git`, run as a child process with an argv array (never a shell string), in
 * the progress folder, with a configuration that makes it predictable whatever the user's
 * global settings: no hooks, no signing prompts, no line-ending conversion (the logs are
 * compared byte for byte), no background gc outliving the sync, and English messages (they
 * are matched to tell a network failure from an auth error).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { UserError } from '../errors.js';

export type GitResult = {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
};

/** A git command that failed: turned into one line for the user by `describeFailure`. */
export class GitFailure extends Error {
  constructor(
    readonly step: string,
    readonly result: GitResult,
  ) {
    super(`git ${step}: ${result.stderr.trim() || `exit ${result.code ?? result.signal}`}`);
  }
}

export const GIT_MISSING =
  'git is not on PATH: recall sync runs your own git, so install it (or copy the log/ and quizzes/ folders between machines yourself: README, "Progress on every machine")';

/** Settings given on every call, above whatever the user's config says. */
const FIXED = [
  'core.autocrlf=false',
  'core.safecrlf=false',
  'core.hooksPath=/dev/null',
  'gc.autoDetach=false',
  'maintenance.autoDetach=false',
  'commit.gpgSign=false',
  'advice.detachedHead=false',
];

/** Variables that would point git at another repository than the progress folder. */
const REPO_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_CEILING_DIRECTORIES',
];

export type GitOptions = {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  /** false: git must never wait for a password or a passphrase (a sync nobody watches). */
  readonly interactive: boolean;
};

export class Git {
  readonly #dir: string;
  readonly #interactive: boolean;
  #env: NodeJS.ProcessEnv;
  #identity: readonly string[] = [];

  constructor({ dir, env, interactive }: GitOptions) {
    this.#dir = dir;
    this.#interactive = interactive;
    // Paths are file names, never patterns: a device named `*` cannot widen a pathspec.
    const clean: NodeJS.ProcessEnv = {
      ...env,
      LC_ALL: 'C',
      LANGUAGE: 'C',
      GIT_LITERAL_PATHSPECS: '1',
    };
    for (const name of REPO_VARIABLES) delete clean[name];
    if (!interactive) {
      clean.GIT_TERMINAL_PROMPT = '0';
      clean.GCM_INTERACTIVE = 'never';
    }
    this.#env = clean;
  }

  /**
   * Non-interactive ssh: BatchMode (fail instead of asking for a passphrase or a host key) and
   * a connection timeout, added to whatever ssh command the user configured.
   */
  batchSsh(configured: string | undefined): void {
    if (this.#interactive) return;
    if (this.#env.GIT_SSH && !this.#env.GIT_SSH_COMMAND) return;
    const base = this.#env.GIT_SSH_COMMAND || configured || 'ssh';
    this.#env = {
      ...this.#env,
      GIT_SSH_COMMAND: `${base} -o BatchMode=yes -o ConnectTimeout=15`,
    };
  }

  /** `-c user.name=… -c user.email=…` for each one the user has not configured. */
  setIdentity(args: readonly string[]): void {
    this.#identity = args;
  }

  /** Runs `git ARGS` in the progress folder; a code outside `ok` (default [0]) throws GitFailure. */
  async run(
    step: string,
    args: readonly string[],
    { ok = [0], stdin }: { readonly ok?: readonly number[]; readonly stdin?: Readable } = {},
  ): Promise<GitResult> {
    const child = this.#spawn(args, stdin ? 'pipe' : this.#interactive ? 'inherit' : 'ignore');
    if (stdin && child.stdin) {
      // git may stop reading early (it failed); the error is in its exit code, not here.
      child.stdin.on('error', () => {});
      stdin.pipe(child.stdin);
    }
    const result = await collect(child);
    if (result.code === null || !ok.includes(result.code)) throw new GitFailure(step, result);
    return result;
  }

  /** `git ARGS` with its stdout as a stream (a blob), for reading only part of it. */
  stream(args: readonly string[]): ChildProcess {
    return this.#spawn(args, 'ignore');
  }

  #spawn(args: readonly string[], stdin: 'pipe' | 'inherit' | 'ignore'): ChildProcess {
    const argv = ['-C', this.#dir, ...FIXED.flatMap((c) => ['-c', c]), ...this.#identity, ...args];
    return spawn('git', argv, { env: this.#env, stdio: [stdin, 'pipe', 'pipe'] });
  }
}

function collect(child: ChildProcess): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT' ? new UserError(GIT_MISSING) : e);
    });
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}
