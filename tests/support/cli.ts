/** The built binary and a private environment to run it in, for every test that runs it. */
import { existsSync, mkdtempSync } from 'node:fs';
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
