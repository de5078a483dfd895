/**
 * `sync.auto: true`: a sync when a study session ends. It runs as a `recall sync --quiet` of
 * its own, detached (its own session, no terminal, output dropped), so quitting never waits
 * for the network and an unreachable remote costs the session nothing; the sync still finishes
 * after the terminal is gone. `recall status` shows when it last succeeded.
 */
import { spawn } from 'node:child_process';
import type { Config } from '../config/config.js';

export function startAutoSync(config: Config, env: NodeJS.ProcessEnv = process.env): void {
  const cli = process.argv[1];
  if (!config.sync.auto || config.sync.remote === null || cli === undefined) return;
  try {
    const child = spawn(process.execPath, [cli, 'sync', '--quiet'], {
      detached: true,
      stdio: 'ignore',
      env,
    });
    // A sync that cannot even start is one that did not happen: the next one catches up.
    child.on('error', () => {});
    child.unref();
  } catch {
    // As above.
  }
}
