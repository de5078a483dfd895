import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSyncRecord } from '../../src/sync/record.js';
import { requireBuild } from '../support/cli.js';
import { eventually } from '../support/ink.js';
import { isolatedEnv, Terminal } from '../support/pty.js';
import { bareRemote, gitWrapper, pathWith, root, slow } from '../sync/machines.js';

const deck = resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml');
const remoteHasMain = (remote: string) =>
  execFileSync('git', ['-C', remote, 'for-each-ref', 'refs/heads/main'], { encoding: 'utf8' }) !==
  '';

describe('sync.auto: a sync when a session ends', slow, () => {
  it('quitting does not wait for it (git is stuck in fetch), and it finishes on its own', async () => {
    requireBuild();
    const remote = bareRemote();
    const release = join(root, `release-${process.pid}`);
    const waiting = join(root, `waiting-${process.pid}`);
    // The fetch hangs until the test lets it go, like an unreachable remote.
    const bin = gitWrapper(
      'fetch',
      `touch ${JSON.stringify(waiting)}; while [ ! -e ${JSON.stringify(release)} ]; do sleep 0.05; done`,
    );
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z', PATH: pathWith(bin) });
    mkdirSync(join(env.XDG_CONFIG_HOME!, 'recall'), { recursive: true });
    writeFileSync(
      join(env.XDG_CONFIG_HOME!, 'recall', 'config.yaml'),
      `sync:\n  remote: ${remote}\n  auto: true\n`,
    );

    const t = new Terminal(['review', deck], env);
    await t.waitFor('capital of France');
    t.type(' ');
    await t.waitFor('Paris');
    const mark = t.mark;
    t.type('4');
    await t.waitFor('6 times 7', mark);
    t.type('q');
    await t.waitFor('Reviewed 1');
    t.type('q');
    expect(await t.exited()).toBe(0);

    // The session is over; its sync runs on, stuck in fetch, having pushed nothing.
    await eventually(() => expect(existsSync(waiting)).toBe(true), 20_000);
    expect(remoteHasMain(remote)).toBe(false);
    writeFileSync(release, '');
    await eventually(() => expect(readSyncRecord(env.RECALL_HOME!)).not.toBeNull(), 20_000);
    expect(remoteHasMain(remote)).toBe(true);
  });
});
