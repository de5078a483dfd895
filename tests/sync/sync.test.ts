import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GIT_MISSING } from '../../src/sync/git.js';
import { readSyncRecord } from '../../src/sync/record.js';
import {
  bareRemote,
  git,
  gitWrapper,
  type Machine,
  machine,
  pathWith,
  reviewLine,
  root,
  slow,
} from './machines.js';

/** Every shared file of a machine, by path. */
function shared(m: Machine): Record<string, string> {
  const files: Record<string, string> = {};
  for (const folder of ['log', 'quizzes']) {
    const dir = join(m.dir, folder);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      files[`${folder}/${f}`] = readFileSync(join(dir, f), 'utf8');
    }
  }
  return files;
}

const head = (m: Machine) => git(m.dir, 'rev-parse', 'HEAD').trim();

/** A third machine that pushes with plain git: a clone, a line appended, a push. */
function pushFromElsewhere(
  remote: string,
  file: string,
  line: string,
  edit?: (text: string) => string,
) {
  const clone = join(root, `clone-${Math.random().toString(36).slice(2)}`);
  git(root, 'clone', '-q', '-b', 'main', remote, clone);
  const path = join(clone, file);
  mkdirSync(join(path, '..'), { recursive: true });
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  writeFileSync(path, edit ? edit(text) : `${text}${line}\n`);
  git(clone, 'add', '-f', '--', file);
  git(clone, '-c', 'user.name=w', '-c', 'user.email=w@w', 'commit', '-qm', 'elsewhere');
  git(clone, 'push', '-q', 'origin', 'HEAD:main');
  return clone;
}

describe('syncProgress between two machines', slow, () => {
  it('first sync initialises and pushes; the other machine pulls; counts are per file', async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    const b = machine('desktop-01bc');
    a.review('d/one', 'd/two');
    a.appendLine('{"kind":"flag","card":"d/one"}');
    a.appendLine('{"result":1}', 'quizzes/laptop-3fa9.jsonl');
    const first = await a.sync(remote);
    expect(first).toMatchObject({
      initialised: true,
      pushed: [
        { file: 'log/laptop-3fa9.jsonl', lines: 3, reviews: 2 },
        { file: 'quizzes/laptop-3fa9.jsonl', lines: 1, reviews: 0 },
      ],
      pulled: [],
    });
    b.review('d/three');
    const second = await b.sync(remote);
    expect(second).toMatchObject({
      initialised: true,
      pushed: [{ file: 'log/desktop-01bc.jsonl', lines: 1, reviews: 1 }],
      pulled: [
        { device: 'laptop-3fa9', file: 'log/laptop-3fa9.jsonl', lines: 3, reviews: 2 },
        { device: 'laptop-3fa9', file: 'quizzes/laptop-3fa9.jsonl', lines: 1, reviews: 0 },
      ],
    });
    const third = await a.sync(remote);
    expect(third).toMatchObject({
      initialised: false,
      pushed: [],
      pulled: [{ device: 'desktop-01bc', lines: 1, reviews: 1 }],
    });
    expect(shared(a)).toEqual(shared(b));
    expect(readFileSync(join(a.dir, '.gitignore'), 'utf8')).toContain('!/log/*.jsonl');
    expect(git(a.dir, 'status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(readSyncRecord(a.dir)).toEqual({
      version: 1,
      at: '2026-03-10T09:00:00.000Z',
      remote,
      remoteHead: head(a),
      device: 'laptop-3fa9',
      pushed: { lines: 0, reviews: 0 },
      pulled: { lines: 1, reviews: 1 },
    });
    // Nothing new: nothing moves, no commit is made.
    const before = head(a);
    expect(await a.sync(remote)).toMatchObject({ pushed: [], pulled: [] });
    expect(head(a)).toBe(before);
  });

  it.each([
    ['A B A B', 'abab'],
    ['A A B B', 'aabb'],
    ['A B B A', 'abba'],
  ])('in the order %s, with reviews between, both end with every line', async (_, order) => {
    const remote = bareRemote();
    const machines = { a: machine('laptop-3fa9'), b: machine('desktop-01bc') };
    let k = 0;
    for (const who of order) {
      const m = machines[who as 'a' | 'b'];
      m.review(`d/${who}${k++}`, `d/${who}${k++}`);
      await m.sync(remote);
    }
    // A last round each way.
    await machines.a.sync(remote);
    await machines.b.sync(remote);
    await machines.a.sync(remote);
    expect(shared(machines.a)).toEqual(shared(machines.b));
    expect(machines.a.log().split('\n').filter(Boolean)).toHaveLength(
      order.split('a').length * 2 - 2,
    );
    expect(machines.b.log().split('\n').filter(Boolean)).toHaveLength(
      order.split('b').length * 2 - 2,
    );
  });

  it('two machines that both committed since the last sync get a merge, not a conflict', async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    const b = machine('desktop-01bc');
    await a.sync(remote);
    await b.sync(remote);
    a.review('d/1');
    b.review('d/2');
    await a.sync(remote);
    // b committed offline, then the remote came back.
    await expect(b.sync(join(root, 'nowhere.git'))).rejects.toThrow(/not a git repository/);
    const report = await b.sync(remote);
    expect(report.pulled).toMatchObject([{ device: 'laptop-3fa9', lines: 1 }]);
    expect(report.pushed).toMatchObject([{ file: 'log/desktop-01bc.jsonl', lines: 1 }]);
    await a.sync(remote);
    expect(shared(a)).toEqual(shared(b));
  });

  it('a push refused because another machine pushed meanwhile is fetched, merged and pushed again', async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    a.review('d/1');
    await a.sync(remote);
    a.review('d/2');
    const line = reviewLine('d/elsewhere');
    const clone = join(root, 'racer');
    // Just before a's push, a third machine pushes.
    const bin = gitWrapper(
      'push',
      `"$real" clone -q -b main ${JSON.stringify(remote)} ${JSON.stringify(clone)} &&
       mkdir -p ${JSON.stringify(join(clone, 'log'))} &&
       echo '${line}' >> ${JSON.stringify(join(clone, 'log', 'work-0000.jsonl'))} &&
       "$real" -C ${JSON.stringify(clone)} add log &&
       "$real" -C ${JSON.stringify(clone)} -c user.name=w -c user.email=w@w commit -qm w &&
       "$real" -C ${JSON.stringify(clone)} push -q origin HEAD:main`,
    );
    const report = await a.sync(remote, { PATH: pathWith(bin) });
    expect(report.pulled).toMatchObject([{ device: 'work-0000', lines: 1, reviews: 1 }]);
    expect(report.pushed).toMatchObject([{ file: 'log/laptop-3fa9.jsonl', lines: 1, reviews: 1 }]);
    expect(git(remote, 'show', `main:log/laptop-3fa9.jsonl`)).toBe(a.log());
    expect(git(remote, 'show', 'main:log/work-0000.jsonl')).toBe(`${line}\n`);
  });

  it('a torn last line (a rating being written) waits for the next sync', async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    a.review('d/1');
    const torn = reviewLine('d/2');
    writeFileSync(join(a.dir, 'log', 'laptop-3fa9.jsonl'), `${a.log()}${torn.slice(0, 20)}`);
    expect((await a.sync(remote)).pushed).toMatchObject([{ lines: 1 }]);
    expect(git(remote, 'show', 'main:log/laptop-3fa9.jsonl').split('\n')).toHaveLength(2);
    writeFileSync(join(a.dir, 'log', 'laptop-3fa9.jsonl'), `${a.log()}${torn.slice(20)}\n`);
    expect((await a.sync(remote)).pushed).toMatchObject([{ lines: 1, reviews: 1 }]);
    expect(git(remote, 'show', 'main:log/laptop-3fa9.jsonl')).toBe(a.log());
  });

  it('counts a damaged line as a line, not a review', async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    a.review('d/1');
    a.appendLine('{"kind":"review", oops');
    expect((await a.sync(remote)).pushed).toEqual([
      { file: 'log/laptop-3fa9.jsonl', lines: 2, reviews: 1 },
    ]);
  });

  it("commits with the user's git identity when there is one, else recall's naming the device", async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    a.review('d/1');
    await a.sync(remote);
    expect(git(a.dir, 'log', '-1', '--format=%an <%ae>')).toBe('recall <recall@laptop-3fa9>\n');
    const b = machine('desktop-01bc');
    mkdirSync(join(b.env.XDG_CONFIG_HOME, 'git'), { recursive: true });
    writeFileSync(
      join(b.env.XDG_CONFIG_HOME, 'git', 'config'),
      '[user]\n\tname = Ada\n\temail = ada@example.com\n',
    );
    b.review('d/2');
    await b.sync(remote);
    expect(git(b.dir, 'log', '-1', '--format=%an <%ae>')).toBe('Ada <ada@example.com>\n');
  });

  it('follows a changed sync.remote: a new empty remote gets everything', async () => {
    const a = machine('laptop-3fa9');
    a.review('d/1', 'd/2');
    await a.sync(bareRemote());
    const moved = bareRemote();
    const report = await a.sync(moved);
    expect(report.pushed).toMatchObject([{ lines: 2 }]);
    expect(git(a.dir, 'remote', 'get-url', 'origin')).toBe(`${moved}\n`);
  });

  it('never lets git prompt in a sync nobody watches', async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    const dump = join(root, 'env-dump');
    const bin = gitWrapper('fetch', `env > ${JSON.stringify(dump)}`);
    await a.sync(remote, { PATH: pathWith(bin), GIT_DIR: '/elsewhere' });
    const env = readFileSync(dump, 'utf8');
    expect(env).toMatch(/^GIT_TERMINAL_PROMPT=0$/m);
    expect(env).toMatch(/^GIT_SSH_COMMAND=ssh -o BatchMode=yes -o ConnectTimeout=15$/m);
    expect(env).not.toMatch(/^GIT_DIR=/m);
  });
});

describe('a folder copied to another machine', slow, () => {
  it('with lines the original had not synced yet: the copy takes them from the remote when they arrive', async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    a.review('d/1');
    await a.sync(remote);
    a.review('d/2');
    // Copied (with .git) before a synced d/2; the copy logs under its own new id.
    const b = machine('desktop-01bc');
    cpSync(a.dir, b.dir, { recursive: true });
    b.review('d/3');
    a.review('d/4');
    await a.sync(remote);
    const report = await b.sync(remote);
    expect(report.pulled).toMatchObject([{ device: 'laptop-3fa9', lines: 2 }]);
    await a.sync(remote);
    expect(shared(a)).toEqual(shared(b));
    expect(a.log().split('\n').filter(Boolean)).toHaveLength(3);
  });
});

describe('failures: one line, exit 1, nothing lost', slow, () => {
  it('git not on PATH', async () => {
    const a = machine('laptop-3fa9');
    a.review('d/1');
    const empty = join(root, 'empty-bin');
    mkdirSync(empty, { recursive: true });
    const run = a.sync(bareRemote(), { PATH: empty });
    await expect(run).rejects.toThrow(GIT_MISSING);
    await expect(run).rejects.toMatchObject({ exitCode: 1 });
    expect(existsSync(join(a.dir, '.git'))).toBe(false);
    expect(a.log()).toContain('d/1');
  });

  it('a remote path that does not exist', async () => {
    const a = machine('laptop-3fa9');
    a.review('d/1');
    const before = a.log();
    const missing = join(root, 'no-such-remote.git');
    await expect(a.sync(missing)).rejects.toThrow(
      new RegExp(
        `^the sync remote ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a git repository: '.*' does not appear to be a git repository \\(make one with \`git init --bare PATH\`, or fix sync.remote in config.yaml\\)$`,
      ),
    );
    expect(a.log()).toBe(before);
    expect(readSyncRecord(a.dir)).toBeNull();
  });

  it('a remote that cannot be reached (an ssh host that does not resolve)', async () => {
    const a = machine('laptop-3fa9');
    await expect(a.sync('ssh://nonexistent.invalid/x.git')).rejects.toThrow(
      /^cannot reach the sync remote ssh:\/\/nonexistent\.invalid\/x\.git: .*\(nothing is lost: sync again when it is reachable\)$/,
    );
  });

  it('an https remote that needs a password nobody can type', async () => {
    const a = machine('laptop-3fa9');
    // A local server that asks for credentials: git's http error path, no network needed.
    const { createServer } = await import('node:http');
    const server = createServer((_, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="x"' });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      await expect(a.sync(`http://user:secret@127.0.0.1:${port}/x.git`)).rejects.toThrow(
        new RegExp(
          `^the sync remote http://127\\.0\\.0\\.1:${port}/x\\.git refused access: [^\\n]*$`,
        ),
      );
      await expect(a.sync(`http://user:secret@127.0.0.1:${port}/x.git`)).rejects.not.toThrow(
        /secret/,
      );
    } finally {
      server.close();
    }
  });

  it('a force-pushed remote is refused until the user says it was meant', async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    const b = machine('desktop-01bc');
    a.review('d/1');
    await a.sync(remote);
    b.review('d/2');
    await b.sync(remote);
    await a.sync(remote);
    // Someone rewrites main: back to a's first commit, then a new commit on top.
    const clone = join(root, 'rewriter');
    git(root, 'clone', '-q', '-b', 'main', remote, clone);
    git(clone, 'reset', '-q', '--hard', 'HEAD~1');
    git(
      clone,
      '-c',
      'user.name=w',
      '-c',
      'user.email=w@w',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'rewritten',
    );
    git(clone, 'push', '-q', '-f', 'origin', 'HEAD:main');
    a.review('d/3');
    const before = { head: head(a), files: shared(a) };
    await expect(a.sync(remote)).rejects.toThrow(
      /^the sync remote .* was rewritten \(its main no longer contains [0-9a-f]{7}, the last commit synced here\), so nothing was changed here; if that was meant, delete .*sync\.json and sync again$/,
    );
    expect({ head: head(a), files: shared(a) }).toEqual(before);
    // Still refused the next time.
    await expect(a.sync(remote)).rejects.toThrow(/was rewritten/);
    expect(git(remote, 'log', '--format=%s', 'main')).toContain('rewritten');
  });

  it("a line of another device's log edited on the remote is refused before merging", async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    const b = machine('desktop-01bc');
    b.review('d/1', 'd/2');
    await b.sync(remote);
    await a.sync(remote);
    pushFromElsewhere(remote, 'log/desktop-01bc.jsonl', '', (t) =>
      t.replace('"rating":3', '"rating":1'),
    );
    const before = { head: head(a), files: shared(a) };
    await expect(a.sync(remote)).rejects.toThrow(
      'log/desktop-01bc.jsonl was edited on the sync remote, not only appended to (lines desktop-01bc had synced were changed or removed), so nothing was merged (docs/storage.md, "Syncing")',
    );
    expect({ head: head(a), files: shared(a) }).toEqual(before);
    expect(existsSync(join(a.dir, '.git', 'MERGE_HEAD'))).toBe(false);
  });

  it("a log deleted on the remote, and this device's log changed there, are refused", async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    const b = machine('desktop-01bc');
    b.review('d/1');
    await b.sync(remote);
    a.review('d/2');
    await a.sync(remote);
    const clone = join(root, 'deleter');
    git(root, 'clone', '-q', '-b', 'main', remote, clone);
    git(clone, 'rm', '-q', 'log/desktop-01bc.jsonl');
    git(clone, '-c', 'user.name=w', '-c', 'user.email=w@w', 'commit', '-qm', 'rm');
    git(clone, 'push', '-q', 'origin', 'HEAD:main');
    await expect(a.sync(remote)).rejects.toThrow(
      /^log\/desktop-01bc\.jsonl was deleted on the sync remote/,
    );
    const other = machine('laptop-3fa9');
    const remote2 = bareRemote();
    other.review('d/1');
    await other.sync(remote2);
    pushFromElsewhere(remote2, 'log/laptop-3fa9.jsonl', reviewLine('d/x'));
    await expect(other.sync(remote2)).rejects.toThrow(
      /^log\/laptop-3fa9\.jsonl was changed on the sync remote, but only this machine \(laptop-3fa9\) writes it/,
    );
  });

  it("this device's own log edited, not appended to, is not committed", async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    a.review('d/1', 'd/2');
    await a.sync(remote);
    const file = join(a.dir, 'log', 'laptop-3fa9.jsonl');
    writeFileSync(file, `${a.log().replace('"rating":3', '"rating":4')}${reviewLine('d/3')}\n`);
    await expect(a.sync(remote)).rejects.toThrow(
      /^log\/laptop-3fa9\.jsonl was edited since the last sync, not only appended to, so nothing was synced/,
    );
    writeFileSync(file, `${reviewLine('d/1')}\n`);
    await expect(a.sync(remote)).rejects.toThrow(
      /^log\/laptop-3fa9\.jsonl is shorter than at the last sync/,
    );
    expect(
      git(remote, 'show', 'main:log/laptop-3fa9.jsonl').split('\n').filter(Boolean),
    ).toHaveLength(2);
  });

  it('a merge that conflicts (a file outside the logs changed on both sides) is undone', async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    a.review('d/1');
    await a.sync(remote);
    pushFromElsewhere(remote, 'NOTES.md', 'theirs');
    writeFileSync(join(a.dir, 'NOTES.md'), 'ours\n');
    git(a.dir, 'add', '-f', 'NOTES.md');
    git(a.dir, '-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '-qm', 'notes');
    a.review('d/2');
    const before = head(a);
    await expect(a.sync(remote)).rejects.toThrow(
      /^merging the sync remote failed in NOTES\.md: .*; the merge was undone and nothing here changed$/,
    );
    expect(head(a)).toBe(before);
    expect(existsSync(join(a.dir, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(readFileSync(join(a.dir, 'NOTES.md'), 'utf8')).toBe('ours\n');
    expect(a.log()).toContain('d/2');
  });

  it('a progress folder inside another repository is refused', async () => {
    const outer = join(root, 'decks-repo');
    mkdirSync(outer);
    git(outer, 'init', '-q');
    const a = machine('laptop-3fa9');
    const inner = join(outer, 'progress');
    const { syncProgress } = await import('../../src/sync/sync.js');
    await expect(
      syncProgress({
        dir: inner,
        remote: bareRemote(),
        device: a.device,
        env: a.env,
        interactive: false,
      }),
    ).rejects.toThrow(
      /is inside the git repository .*decks-repo: recall sync needs a repository of its own/,
    );
    expect(existsSync(join(inner, '.git'))).toBe(false);
  });

  it('refuses a remote git would read as an option', async () => {
    const a = machine('laptop-3fa9');
    await expect(a.sync('--upload-pack=touch /tmp/x')).rejects.toThrow(/is not a git URL or path/);
  });

  it('one sync at a time; a lock left by a killed sync is taken over', async () => {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    a.review('d/1');
    mkdirSync(a.dir, { recursive: true });
    // A process that has exited: its pid is free.
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.on('exit', r));
    // The lock's format is fs/lock.ts's: pid, host, token.
    writeFileSync(join(a.dir, 'sync.lock'), `${dead.pid} ${hostname()} 0123456789abcdef\n`);
    expect((await a.sync(remote)).pushed).toHaveLength(1);
    expect(existsSync(join(a.dir, 'sync.lock'))).toBe(false);
    writeFileSync(join(a.dir, 'sync.lock'), `${process.pid} ${hostname()} 0123456789abcdef\n`);
    await expect(a.sync(remote)).rejects.toThrow(
      new RegExp(`^another recall sync is running here \\(pid ${process.pid}\\)`),
    );
  });
});

describe('a sync killed midway is recovered by the next one, and nothing is lost', {
  timeout: 60_000,
}, () => {
  async function twoMachines() {
    const remote = bareRemote();
    const a = machine('laptop-3fa9');
    const b = machine('desktop-01bc');
    a.review('d/a1');
    await a.sync(remote);
    b.review('d/b1');
    await b.sync(remote);
    a.review('d/a2', 'd/a3');
    await a.sync(remote);
    b.review('d/b2');
    return { remote, a, b };
  }

  async function expectRecovered({ remote, a, b }: Awaited<ReturnType<typeof twoMachines>>) {
    b.review('d/b3');
    await b.sync(remote);
    await a.sync(remote);
    expect(shared(a)).toEqual(shared(b));
    expect(b.log().match(/d\/b\d/g)).toEqual(['d/b1', 'd/b2', 'd/b3']);
    expect(a.log().match(/d\/a\d/g)).toEqual(['d/a1', 'd/a2', 'd/a3']);
    expect(git(b.dir, 'status', '--porcelain')).toBe('');
    expect(existsSync(join(b.dir, '.git', 'MERGE_HEAD'))).toBe(false);
  }

  it('SIGKILL mid-merge: a half-done merge and a stale index.lock', async () => {
    const machines = await twoMachines();
    const bin = gitWrapper(
      'merge',
      `"$real" "$@" --no-commit --no-ff >/dev/null 2>&1; touch "$dir/.git/index.lock"; kill -9 $$`,
    );
    await expect(machines.b.sync(machines.remote, { PATH: pathWith(bin) })).rejects.toThrow(
      'git merge was interrupted (SIGKILL); nothing is lost: run recall sync again to finish',
    );
    expect(existsSync(join(machines.b.dir, '.git', 'MERGE_HEAD'))).toBe(true);
    expect(existsSync(join(machines.b.dir, '.git', 'index.lock'))).toBe(true);
    await expectRecovered(machines);
  });

  it("SIGKILL while the merge was writing another device's file (half of it on disk)", async () => {
    const machines = await twoMachines();
    const bin = gitWrapper(
      'merge',
      `"$real" -C "$dir" cat-file blob refs/remotes/origin/main:log/laptop-3fa9.jsonl | head -c 150 > "$dir/log/laptop-3fa9.jsonl"; touch "$dir/.git/index.lock"; kill -9 $$`,
    );
    await expect(machines.b.sync(machines.remote, { PATH: pathWith(bin) })).rejects.toThrow(
      /interrupted/,
    );
    await expectRecovered(machines);
  });

  it('SIGKILL mid-fetch, with a ref lock left behind', async () => {
    const machines = await twoMachines();
    const bin = gitWrapper(
      'fetch',
      `"$real" "$@"; touch "$dir/.git/refs/remotes/origin/main.lock"; kill -9 $$`,
    );
    await expect(machines.b.sync(machines.remote, { PATH: pathWith(bin) })).rejects.toThrow(
      'git fetch was interrupted (SIGKILL); nothing is lost: run recall sync again to finish',
    );
    await expectRecovered(machines);
  });

  it('SIGKILL mid-commit, with the index half updated', async () => {
    const machines = await twoMachines();
    const bin = gitWrapper('commit', `touch "$dir/.git/index.lock"; kill -9 $$`);
    await expect(machines.b.sync(machines.remote, { PATH: pathWith(bin) })).rejects.toThrow(
      /git commit was interrupted/,
    );
    await expectRecovered(machines);
  });
});
