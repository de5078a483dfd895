/**
 * Runs the built binary (`dist/cli.js`) the way a person or an editor would, with private
 * data/config/cache folders; a run that takes more than a few seconds fails as a hang. Most
 * tests run `main` in process instead (`recallInProcess`): the same parsing, output and exit code.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliPath, isolatedEnv, type Run } from '../support/cli.js';

export {
  cliPath,
  isolatedEnv,
  type Run,
  recallInProcess,
  requireBuild,
} from '../support/cli.js';

export const fixtures = resolve(import.meta.dirname, '../fixtures/lint');

export function tmpDir(prefix = 'recall-lint-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Longest a lint run may take before it counts as a hang. */
export const RUN_TIMEOUT_MS = 4000;

export function recall(
  args: readonly string[],
  env = isolatedEnv({ NO_COLOR: '1' }),
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

/** Lines of output, without the final empty one. */
export const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
