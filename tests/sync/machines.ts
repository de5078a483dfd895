/**
 * Machines for sync tests: each a progress folder with a device id, a private HOME (so no
 * git config of the person running the tests applies) and a shared bare remote.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SyncReport, syncProgress } from '../../src/sync/sync.js';

export const root = mkdtempSync(join(tmpdir(), 'recall-sync-'));
let n = 0;

/** A bare repository to sync through (a USB disk, in effect). */
export function bareRemote(): string {
  const dir = join(root, `remote-${n++}.git`);
  execFileSync('git', ['init', '-q', '--bare', dir]);
  return dir;
}

export type Machine = {
  readonly dir: string;
  readonly device: string;
  readonly env: { readonly PATH: string; readonly HOME: string; readonly XDG_CONFIG_HOME: string };
  /** Appends entries to this device's review log, one line each. */
  review(...cards: string[]): void;
  appendLine(text: string, file?: string): void;
  sync(remote: string, extraEnv?: Record<string, string>): Promise<SyncReport>;
  log(device?: string): string;
};

let seq = 0;
export function reviewLine(card: string): string {
  const at = new Date(Date.UTC(2026, 2, 10, 8, 0, seq++)).toISOString();
  return JSON.stringify({ v: 1, id: `e${seq}`, kind: 'review', card, rating: 3, reviewedAt: at });
}

export function machine(device: string): Machine {
  const home = join(root, `home-${n++}`);
  const dir = join(home, 'progress');
  mkdirSync(dir, { recursive: true });
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const m: Machine = {
    dir,
    device,
    env,
    review: (...cards) => {
      for (const card of cards) m.appendLine(reviewLine(card));
    },
    appendLine: (text, file = `log/${device}.jsonl`) => {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      appendFileSync(join(dir, file), `${text}\n`);
    },
    sync: (remote, extraEnv = {}) =>
      syncProgress({
        dir,
        remote,
        device,
        env: { ...env, ...extraEnv },
        interactive: false,
        now: () => Date.parse('2026-03-10T09:00:00Z'),
      }),
    log: (of = device) => readFileSync(join(dir, 'log', `${of}.jsonl`), 'utf8'),
  };
  return m;
}

/** `git ARGS` in a folder, as the tests' own tool (not the code under test). */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root },
  });
}

const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

/**
 * A folder holding a `git` that behaves as the real one except, once, for the subcommand
 * `sub`: there it runs the shell snippet `act` (with `$real` the real git, `$dir` the -C
 * folder, "$@" the arguments), e.g. to do half the work and SIGKILL itself. Put first on PATH.
 */
export function gitWrapper(sub: string, act: string): string {
  const bin = join(root, `bin-${n++}`);
  mkdirSync(bin);
  const mark = join(bin, 'done');
  const script = `#!/bin/sh
real=${JSON.stringify(realGit)}
dir=.
sub=
prev=
for a in "$@"; do
  if [ "$prev" = -C ]; then dir="$a"; prev=; continue; fi
  if [ "$prev" = -c ]; then prev=; continue; fi
  case "$a" in
    -C|-c) prev="$a" ;;
    -*) ;;
    *) sub="$a"; break ;;
  esac
done
case " $* " in *" --abort "*) exec "$real" "$@" ;; esac
if [ "$sub" = ${JSON.stringify(sub)} ] && [ ! -e ${JSON.stringify(mark)} ]; then
  touch ${JSON.stringify(mark)}
  ${act}
fi
exec "$real" "$@"
`;
  writeFileSync(join(bin, 'git'), script, { mode: 0o755 });
  return bin;
}

/** PATH with `bin` first. */
export const pathWith = (bin: string) => `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`;

/** A sync runs some twenty short git processes: on a loaded machine a test of several needs longer than the default. */
export const slow = { timeout: 60_000 };
