import { expect, it, vi } from 'vitest';
import { isolatedEnv, recallInProcess as recall } from '../support/cli.js';

// As on a platform the registry serves no build for: the package's own import fails.
vi.mock('@open-spaced-repetition/binding', () => {
  throw new Error('Cannot find native binding');
});

it('without the optional binding, optimize says so in one line and exits 1; the rest works', async () => {
  const env = isolatedEnv({ NO_COLOR: '1' });
  const run = await recall(['optimize'], env);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(
    /^recall: optimize needs the optional package @open-spaced-repetition\/binding, which is not installed here or has no build for \w+-\w+; the rest of recall works without it\n$/,
  );
  expect(run.stdout).toBe('');
  expect((await recall(['status'], env)).status).toBe(0);
});
