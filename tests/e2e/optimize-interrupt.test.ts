/** Ctrl-C while `recall optimize` trains: the process ends at once and nothing is written. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cliPath, isolatedEnv, requireBuild, tmpDir } from '../support/cli.js';
import { writeLearner } from '../support/learner.js';

it('SIGINT during training: one line, exit 130, no config.yaml', async () => {
  requireBuild();
  const learner = writeLearner(tmpDir(), {
    cards: 150,
    days: 40,
    seed: 11,
    start: Date.UTC(2026, 0, 5, 9),
  });
  const env = isolatedEnv({ NO_COLOR: '1', RECALL_HOME: learner.dataDir });
  const child = spawn(process.execPath, [cliPath, 'optimize', learner.deckDir], { env });
  let stderr = '';
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  await new Promise<void>((started) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('training on')) started();
    });
  });
  // Training and its check take ~0.5 s here and more on a loaded machine: the signal lands first.
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(stderr).toMatch(/recall: optimize interrupted: nothing was written\n$/);
  expect(existsSync(join(env.XDG_CONFIG_HOME!, 'recall', 'config.yaml'))).toBe(false);
});
