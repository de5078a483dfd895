import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, isolatedEnv } from '../support/cli.js';

const deck = resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml');
const run = (env: Record<string, string>, command = 'status') =>
  spawnSync(process.execPath, [cliPath, command, deck], {
    env,
    encoding: 'utf8',
    timeout: 15_000,
  });

// Node's recursive mkdir spins forever under /proc; these runs must end, and say why when they fail.
describe.skipIf(!existsSync('/proc/self'))('folders that cannot be made', () => {
  beforeAll(() => {
    if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  it('a cache folder that cannot be made only costs the cache', () => {
    const r = run(isolatedEnv({ XDG_CACHE_HOME: '/proc/recall-test/cache' }));
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('End-to-end deck');
  });

  it('a progress folder that cannot be made does not stop status: it only reads', () => {
    const r = run(isolatedEnv({ RECALL_HOME: '/proc/recall-test/data' }));
    expect(r.signal).toBeNull();
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('End-to-end deck');
  });

  it('a progress folder that cannot be made is one clear error for a command that writes', () => {
    const r = run(isolatedEnv({ RECALL_HOME: '/proc/recall-test/data' }), 'doctor');
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^recall: cannot open the progress store: ENOENT.*set RECALL_HOME/);
  });
});
