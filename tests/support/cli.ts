/**
 * Running recall as a user would: the built binary (`recall`), or the same `main` in process
 * (`recallInProcess`), each in a private environment. Most tests run in process; the binary is
 * for what only a process shows (its real exit, the bundle, the current folder).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// RECALL_CLI: a binary built elsewhere (the benchmark runs bundled and names it).
export const cliPath = process.env.RECALL_CLI ?? resolve(import.meta.dirname, '../../dist/cli.js');

/** Fails the suite with a clear message instead of a confusing spawn error. */
export function requireBuild(): void {
  if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
}

/** Private, empty data/config/cache folders, so a run never touches the user's own. */
export function isolatedEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'recall-test-'));
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    RECALL_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    TERM: 'xterm-256color',
    TZ: 'UTC',
    // Ink draws nothing until exit when CI is set; CI runs this suite with CI=true.
    CI: 'false',
    ...extra,
  };
}

export type Run = {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
};

/** A fresh folder under the system temp dir. */
export function tmpDir(prefix = 'recall-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Lines of output, without the final empty one. */
export const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

/** Longest a run of the binary may take before it counts as a hang. */
const RUN_TIMEOUT_MS = 4000;

/** `recall ARGS` run as the built binary, in `cwd` if given. */
export function recall(
  args: readonly string[],
  env: Record<string, string> = isolatedEnv({ NO_COLOR: '1' }),
  cwd?: string,
): Run {
  const run = spawnSync(process.execPath, [cliPath, ...args], {
    env,
    ...(cwd ? { cwd } : {}),
    encoding: 'utf8',
    timeout: RUN_TIMEOUT_MS,
  });
  if (run.error) throw new Error(`recall ${args.join(' ')}: ${run.error.message}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What the binary would read from its environment and this process may have set otherwise. */
const RECALL_ENV = [
  'RECALL_NOW',
  'RECALL_HOME',
  'XDG_DATA_HOME',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'NO_COLOR',
  'FORCE_COLOR',
];

/**
 * `recall ARGS` run in this process, through the same `main` as the binary: the same parsing,
 * output and exit code, without the ~100 ms of starting node. Keep spawning the binary for what
 * only a process shows (its real exit, the bundle, a terminal).
 */
export async function recallInProcess(
  args: readonly string[],
  env: Record<string, string> = isolatedEnv({ NO_COLOR: '1' }),
): Promise<Run> {
  const { vi } = await import('vitest');
  const { main } = await import('../../src/cli.js');
  for (const key of RECALL_ENV) vi.stubEnv(key, undefined);
  for (const [key, value] of Object.entries(env)) if (key !== 'TZ') vi.stubEnv(key, value);
  let stdout = '';
  let stderr = '';
  const capture = (into: 'out' | 'err') => (chunk: string | Uint8Array) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (into === 'out') stdout += text;
    else stderr += text;
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture('out'));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture('err'));
  try {
    process.exitCode = undefined;
    const status = await main(args);
    return { status, stdout, stderr };
  } finally {
    process.exitCode = undefined;
    out.mockRestore();
    err.mockRestore();
    vi.unstubAllEnvs();
  }
}

/**
 * The review log recall appends to in a progress folder: this device's `log/<device>.jsonl`
 * once a command that writes has run (it migrates `reviews.jsonl`), else `reviews.jsonl`.
 */
export function reviewLog(home: string): string {
  const dir = join(home, 'log');
  const own = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.jsonl')) : [];
  if (own.length > 1) throw new Error(`${dir} holds several devices' logs: ${own.join(', ')}`);
  return own.length === 1 ? join(dir, own[0]!) : join(home, 'reviews.jsonl');
}
