import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncSummary } from '../../src/commands/sync.js';
import { cliPath, isolatedEnv, recallInProcess as recall, requireBuild } from '../support/cli.js';
import { bareRemote, gitWrapper, pathWith, reviewLine, slow } from '../sync/machines.js';

/** A machine for the CLI: its own HOME, progress and config folders, syncing with `remote`. */
function machineEnv(remote: string | null, extra: Record<string, string> = {}) {
  const env = isolatedEnv({ NO_COLOR: '1', RECALL_NOW: '2026-03-10T09:00:00Z', ...extra });
  mkdirSync(join(env.XDG_CONFIG_HOME!, 'recall'), { recursive: true });
  if (remote !== null) {
    writeFileSync(
      join(env.XDG_CONFIG_HOME!, 'recall', 'config.yaml'),
      `sync:\n  remote: ${remote}\n`,
    );
  }
  return env;
}
const deviceOf = (env: Record<string, string>) =>
  JSON.parse(readFileSync(join(env.RECALL_HOME!, 'device.json'), 'utf8')).id as string;
function review(env: Record<string, string>, ...cards: string[]) {
  const dir = join(env.RECALL_HOME!, 'log');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${deviceOf(env)}.jsonl`),
    cards.map((c) => `${reviewLine(c)}\n`).join(''),
    {
      flag: 'a',
    },
  );
}

describe('syncSummary', () => {
  const f = (lines: number, reviews: number) => ({ file: 'log/x.jsonl', lines, reviews });
  it.each([
    [[], [], 'up to date: nothing new to pull or push'],
    [
      [{ device: 'desktop-01bc', ...f(34, 34) }],
      [f(12, 12)],
      'pulled 34 reviews from desktop-01bc, pushed 12',
    ],
    [[], [f(1, 1)], 'pushed 1 review'],
    [[{ device: 'desktop-01bc', ...f(1, 1) }], [], 'pulled 1 review from desktop-01bc'],
    [[], [f(2, 0)], 'pushed 2 entries'],
    [
      [
        { device: 'desktop-01bc', ...f(3, 2) },
        { device: 'desktop-01bc', file: 'quizzes/desktop-01bc.jsonl', lines: 1, reviews: 0 },
        { device: 'work-9a1c', ...f(1, 0) },
      ],
      [f(5, 5)],
      'pulled 2 reviews from desktop-01bc and 1 entry from work-9a1c, pushed 5',
    ],
  ])('%j %j → %j', (pulled, pushed, text) => {
    expect(syncSummary({ initialised: false, pulled, pushed, remoteHead: null })).toBe(text);
  });
});

describe('recall sync', slow, () => {
  it('without sync.remote says how to set it, exit 1', async () => {
    const env = machineEnv(null);
    const run = await recall(['sync'], env);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `recall: sync.remote is not set: add the lines "sync:" and "  remote: <git URL or path>" to ${join(env.XDG_CONFIG_HOME!, 'recall', 'config.yaml')} (a bare repository made with \`git init --bare\` on a USB disk, or an ssh or https URL: README, "Progress on every machine")\n`,
    );
  });

  it('two machines: what came and went, in text and JSON; status shows the last sync', async () => {
    const remote = bareRemote();
    const a = machineEnv(remote);
    const b = machineEnv(remote);
    const first = await recall(['sync'], a);
    expect(first).toEqual({
      status: 0,
      stdout: `set up ${a.RECALL_HOME} as a git repository syncing with ${remote}\nup to date: nothing new to pull or push\n`,
      stderr: '',
    });
    review(a, 'd/1', 'd/2');
    expect((await recall(['sync'], a)).stdout).toBe('pushed 2 reviews\n');
    const pulled = await recall(['sync', '--json'], b);
    expect(pulled.status).toBe(0);
    const alpha = deviceOf(a);
    expect(JSON.parse(pulled.stdout)).toEqual({
      device: deviceOf(b),
      initialised: true,
      pushed: [],
      pulled: [{ device: alpha, file: `log/${alpha}.jsonl`, lines: 2, reviews: 2 }],
      remoteHead: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    review(b, 'd/3');
    review(a, 'd/4');
    expect((await recall(['sync'], a)).stdout).toBe('pushed 1 review\n');
    expect((await recall(['sync'], b)).stdout).toBe(`pulled 1 review from ${alpha}, pushed 1\n`);

    const later = { ...a, RECALL_NOW: '2026-03-10T11:00:00Z' };
    const status = await recall(['status'], later);
    expect(status.stdout).toMatch(/\nlast synced: 2h ago\n$/);
    expect(JSON.parse((await recall(['status', '--json'], later)).stdout).lastSync).toEqual({
      at: '2026-03-10T09:00:00.000Z',
      remote,
    });
    // A machine that never synced says nothing about it.
    const never = machineEnv(null);
    expect((await recall(['status'], never)).stdout).not.toContain('synced');
    expect(JSON.parse((await recall(['status', '--json'], never)).stdout).lastSync).toBeNull();
  });

  it('a progress folder copied to a new machine says so once, and logs under a new id', async () => {
    const remote = bareRemote();
    const a = machineEnv(remote);
    await recall(['sync'], a);
    review(a, 'd/1');
    const c = machineEnv(remote);
    cpSync(a.RECALL_HOME!, c.RECALL_HOME!, { recursive: true });
    const run = await recall(['sync'], c);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      new RegExp(
        `^recall: this progress folder was copied from ${deviceOf(a)} \\(another machine or folder\\); this machine now logs as [a-z0-9-]+-[0-9a-f]{4}\\n$`,
      ),
    );
    expect(deviceOf(c)).not.toBe(deviceOf(a));
    expect((await recall(['sync'], c)).stderr).toBe('');
  });

  it('--quiet prints nothing, not even a failure reason on stdout; the exit code says it', async () => {
    const a = machineEnv(join(isolatedEnv().HOME!, 'missing.git'));
    const run = await recall(['sync', '--quiet'], a);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^recall: the sync remote .* is not a git repository: [^\n]*\n$/);
  });

  it('the recall process itself killed mid-merge: the next sync recovers and nothing is lost', () => {
    requireBuild();
    const remote = bareRemote();
    const a = machineEnv(remote);
    const b = machineEnv(remote);
    const sync = (env: Record<string, string>) => {
      const run = spawnSync(process.execPath, [cliPath, 'sync'], { env, encoding: 'utf8' });
      return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
    };
    expect(sync(a).status).toBe(0);
    expect(sync(b).status).toBe(0);
    review(a, 'd/a1');
    review(b, 'd/b1');
    expect(sync(a).status).toBe(0);
    // git does half of the merge, then recall (its parent) and git are killed.
    const bin = gitWrapper(
      'merge',
      `"$real" "$@" --no-commit --no-ff >/dev/null 2>&1; kill -9 $PPID; kill -9 $$`,
    );
    const killed = sync({ ...b, PATH: pathWith(bin) });
    expect(killed.signal).toBe('SIGKILL');
    const progress = b.RECALL_HOME!;
    expect(existsSync(join(progress, 'sync.lock'))).toBe(true);
    expect(existsSync(join(progress, '.git', 'MERGE_HEAD'))).toBe(true);
    review(b, 'd/b2');
    expect(sync(b)).toMatchObject({
      status: 0,
      stdout: `pulled 1 review from ${deviceOf(a)}, pushed 2\n`,
    });
    expect(sync(a)).toMatchObject({ status: 0, stdout: `pulled 2 reviews from ${deviceOf(b)}\n` });
    const show = (env: Record<string, string>, who: Record<string, string>) =>
      readFileSync(join(env.RECALL_HOME!, 'log', `${deviceOf(who)}.jsonl`), 'utf8');
    expect(show(a, b)).toBe(show(b, b));
    expect(show(b, a)).toBe(show(a, a));
    expect(show(b, b).match(/d\/b\d/g)).toEqual(['d/b1', 'd/b2']);
    expect(
      execFileSync('git', ['-C', progress, 'status', '--porcelain'], { encoding: 'utf8' }),
    ).toBe('');
  });
});
