/**
 * `recall sync` over the user's own git: the progress folder is a repository whose only
 * shared files are the per-device logs. A sync commits this device's new complete lines,
 * fetches, merges the other devices' files, and pushes, retrying when another machine pushed
 * meanwhile.
 *
 * What it guarantees (docs/storage.md, "Syncing"): nothing of this machine is lost or changed
 * by a sync that fails; this device's files are only ever committed, never written by git; a
 * remote that was rewritten, or a log that was edited rather than appended to (here or on the
 * remote), is refused before anything is merged; and a sync killed midway (a stale
 * `.git/index.lock`, a half-done merge) is repaired by the next one.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-file.js';
import { makeDirs } from '../fs/make-dirs.js';
import { isDeviceId } from '../store/device.js';
import { instantIso } from '../store/instant.js';
import {
  type Blob,
  blobExtends,
  completeSize,
  EMPTY_TREE,
  fileBlob,
  Hasher,
  readCheckingPrefix,
  type Tree,
  treeOf,
} from './blobs.js';
import { describeFailure, redact } from './failure.js';
import { Git, GitFailure } from './git.js';
import { deviceOfPath, GITIGNORE, GITIGNORE_TEXT, isShared, ownFiles } from './layout.js';
import { countNew } from './lines.js';
import { takeLock } from './lock.js';
import { readSyncRecord, writeSyncRecord } from './record.js';

export type SyncOptions = {
  /** The progress folder. */
  readonly dir: string;
  /** `sync.remote`: any URL or path git can fetch from. */
  readonly remote: string;
  /** This machine's device id (store/device.ts). */
  readonly device: string;
  readonly env: NodeJS.ProcessEnv;
  /** false (an automatic sync): git fails rather than asks for a password or passphrase. */
  readonly interactive: boolean;
  /** For sync.json's time; the clock by default. */
  readonly now?: () => number;
};

export type FileCount = {
  readonly file: string;
  /** New complete lines. */
  readonly lines: number;
  /** How many of them are ratings (`"kind":"review"`). */
  readonly reviews: number;
};

export type SyncReport = {
  /** The progress folder was made a git repository by this sync. */
  readonly initialised: boolean;
  /** This device's files: what the remote gained. */
  readonly pushed: readonly FileCount[];
  /** Other devices' files: what arrived here. */
  readonly pulled: readonly (FileCount & { readonly device: string })[];
  /** The remote's `main` after the sync. */
  readonly remoteHead: string | null;
};

/** Pushes tried before giving up on a remote that keeps moving. */
const ATTEMPTS = 4;
const REMOTE_REF = 'refs/remotes/origin/main';

export async function syncProgress(options: SyncOptions): Promise<SyncReport> {
  checkRemote(options.remote);
  if (!isDeviceId(options.device)) throw new Error(`not a device id: ${options.device}`);
  makeDirs(options.dir);
  const lock = takeLock(options.dir);
  try {
    return await new Sync(options).run();
  } catch (error) {
    if (error instanceof GitFailure) throw describeFailure(error, options.remote, options.dir);
    throw error;
  } finally {
    lock.release();
  }
}

/** What git would take for an option, or a second line: refused before git sees it. */
function checkRemote(remote: string): void {
  if (remote === '' || remote.startsWith('-') || /[\0-\x1f\x7f]/.test(remote)) {
    throw new UserError(
      `sync.remote ${JSON.stringify(redact(remote))} is not a git URL or path (it may not be empty, start with "-" or hold control characters)`,
    );
  }
}

class Sync {
  readonly #o: SyncOptions;
  readonly #git: Git;
  readonly #own: readonly string[];
  #hasher = new Hasher('sha1');
  #initialised = false;
  /** HEAD as this sync last moved it (null: no commit yet). */
  #head: string | null = null;
  readonly #trees = new Map<string, Promise<Tree>>();

  constructor(options: SyncOptions) {
    this.#o = options;
    this.#git = new Git({ dir: options.dir, env: options.env, interactive: options.interactive });
    this.#own = ownFiles(options.device);
  }

  async run(): Promise<SyncReport> {
    const { dir, remote } = this.#o;
    const git = this.#git;
    // The first git run says whether there is a git at all (GIT_MISSING).
    this.#initialised = await this.#ensureRepo();
    await this.#recover();
    const [config, hasher] = await Promise.all([this.#config(), Hasher.of(git)]);
    this.#hasher = hasher;
    await this.#ensureRemote(config.get('remote.origin.url'));
    git.batchSsh(config.get('core.sshcommand'));
    git.setIdentity([
      ...(config.get('user.name') ? [] : ['-c', 'user.name=recall']),
      ...(config.get('user.email') ? [] : ['-c', `user.email=recall@${this.#o.device}`]),
    ]);

    const record = this.#initialised ? null : readSyncRecord(dir);
    let known = record?.remote === remote ? record.remoteHead : null;
    const pulled = new Map<string, FileCount & { device: string }>();
    for (let attempt = 1; ; attempt++) {
      await git.run('fetch', ['fetch', '--prune', '--no-tags', '--quiet', 'origin']);
      const theirs = await this.#revParse(REMOTE_REF);
      await this.#refuseRewritten(known, theirs);
      known = theirs;
      if (theirs !== null) {
        for (const c of await this.#integrate(theirs)) {
          const sum = pulled.get(c.file);
          pulled.set(
            c.file,
            sum ? { ...sum, lines: sum.lines + c.lines, reviews: sum.reviews + c.reviews } : c,
          );
        }
      }
      await this.#commitOwn();
      const head = this.#head!;
      if (head === theirs || (await this.#push(head))) {
        const pushed = head === theirs ? [] : await this.#pushedSince(theirs, head);
        const report: SyncReport = {
          initialised: this.#initialised,
          pushed,
          pulled: [...pulled.values()].sort((a, b) => a.file.localeCompare(b.file)),
          remoteHead: head,
        };
        await this.#record(report);
        return report;
      }
      if (attempt === ATTEMPTS) {
        throw new UserError(
          `the sync remote ${redact(remote)} kept changing while this sync ran (${ATTEMPTS} pushes refused); nothing is lost: sync again`,
        );
      }
    }
  }

  /** Makes the folder a repository on first use (`main`, the .gitignore); true if it did. */
  async #ensureRepo(): Promise<boolean> {
    const { dir } = this.#o;
    const dotGit = join(dir, '.git');
    if (existsSync(join(dotGit, 'HEAD'))) return false;
    if (!existsSync(dotGit)) {
      const outer = await this.#git.run('rev-parse', ['rev-parse', '--show-toplevel'], {
        ok: [0, 128],
      });
      if (outer.code === 0) {
        throw new UserError(
          `the progress folder ${dir} is inside the git repository ${outer.stdout.trim()}: recall sync needs a repository of its own (set RECALL_HOME elsewhere, or commit the logs with that repository: README, "Progress on every machine")`,
        );
      }
    }
    await this.#git.run('init', ['-c', 'init.defaultBranch=main', 'init', '-q']);
    await this.#git.run('symbolic-ref', ['symbolic-ref', 'HEAD', 'refs/heads/main']);
    const ignore = join(dir, GITIGNORE);
    if (!existsSync(ignore)) await writeFileAtomic(ignore, GITIGNORE_TEXT);
    return true;
  }

  /**
   * Repairs what a killed git leaves: its lock files (stale, since this sync holds the sync
   * lock), a merge in progress (aborted: it touched only other devices' files, which the
   * remote still has), and an index that no longer matches HEAD. This device's files are
   * never touched: their new lines exist only here.
   */
  async #recover(): Promise<void> {
    const git = this.#git;
    const dotGit = join(this.#o.dir, '.git');
    for (const lock of staleLocks(dotGit)) rmSync(lock, { force: true });
    if (existsSync(join(dotGit, 'MERGE_HEAD'))) {
      const aborted = await git.run('merge', ['merge', '--abort'], { ok: [0, 1, 128] });
      if (aborted.code !== 0) {
        for (const f of ['MERGE_HEAD', 'MERGE_MSG', 'MERGE_MODE', 'AUTO_MERGE']) {
          rmSync(join(dotGit, f), { force: true });
        }
      }
    }
    const head = await this.#revParse('HEAD');
    this.#head = head;
    if (head === null) {
      await git.run('read-tree', ['read-tree', '--empty']);
      return;
    }
    const same = await git.run('diff-index', ['diff-index', '--cached', '--quiet', 'HEAD', '--'], {
      ok: [0, 1],
    });
    if (same.code === 1) await git.run('reset', ['reset', '-q']);
  }

  async #ensureRemote(url: string | undefined): Promise<void> {
    const { remote } = this.#o;
    if (url === undefined) await this.#git.run('remote', ['remote', 'add', 'origin', remote]);
    else if (url !== remote) await this.#git.run('remote', ['remote', 'set-url', 'origin', remote]);
  }

  /** The settings a sync reads, in one run of git (keys as git prints them, lowercase). */
  async #config(): Promise<Map<string, string>> {
    const { stdout } = await this.#git.run(
      'config',
      [
        'config',
        '-z',
        '--get-regexp',
        '^(user\\.name|user\\.email|core\\.sshcommand|remote\\.origin\\.url)$',
      ],
      { ok: [0, 1] },
    );
    const values = new Map<string, string>();
    for (const entry of stdout.split('\0')) {
      const nl = entry.indexOf('\n');
      if (nl > 0 && !values.has(entry.slice(0, nl)))
        values.set(entry.slice(0, nl), entry.slice(nl + 1));
    }
    return values;
  }

  /** A commit's files, read once per sync. */
  #tree(commit: string | null): Promise<Tree> {
    if (commit === null) return Promise.resolve(EMPTY_TREE);
    let tree = this.#trees.get(commit);
    if (!tree) {
      tree = treeOf(this.#git, commit);
      this.#trees.set(commit, tree);
    }
    return tree;
  }

  async #revParse(ref: string): Promise<string | null> {
    const r = await this.#git.run('rev-parse', ['rev-parse', '-q', '--verify', `${ref}^{commit}`], {
      ok: [0, 1, 128],
    });
    return r.code === 0 ? r.stdout.trim() : null;
  }

  async #isAncestor(older: string, newer: string): Promise<boolean> {
    const r = await this.#git.run('merge-base', ['merge-base', '--is-ancestor', older, newer], {
      ok: [0, 1, 128],
    });
    return r.code === 0;
  }

  /** The remote must still hold what this machine last synced with it. */
  async #refuseRewritten(known: string | null, theirs: string | null): Promise<void> {
    if (known === null || known === theirs) return;
    if (theirs !== null && (await this.#isAncestor(known, theirs))) return;
    const { dir, remote } = this.#o;
    const what =
      theirs === null
        ? 'its branch main is gone'
        : `its main no longer contains ${known.slice(0, 7)}, the last commit synced here`;
    throw new UserError(
      `the sync remote ${redact(remote)} was rewritten (${what}), so nothing was changed here; if that was meant, delete ${join(dir, 'sync.json')} and sync again`,
    );
  }

  /**
   * Merges the remote's `theirs` into HEAD, after checking what the merge would bring: every
   * shared file only appended to on each side, none written on both, none of this device's
   * files changed remotely. Returns the lines that arrived, per file.
   */
  async #integrate(theirs: string): Promise<(FileCount & { device: string })[]> {
    const git = this.#git;
    const head = this.#head;
    if (head === theirs) return [];
    const base = head === null ? null : await this.#mergeBase(head, theirs);
    // Nothing of the remote's is new here: only this machine's commits are to push.
    if (base === theirs) return [];
    const [ours, their, was] = await Promise.all([
      this.#tree(head),
      this.#tree(theirs),
      this.#tree(base),
    ]);
    const theirChanges = changed(was, their);
    const ourChanges = changed(was, ours);

    for (const path of theirChanges) {
      if (this.#own.includes(path)) {
        throw new UserError(
          `${path} was changed on the sync remote, but only this machine (${this.#o.device}) writes it; nothing was merged (is another machine logging as ${this.#o.device}? docs/storage.md, "Syncing")`,
        );
      }
    }
    for (const path of new Set([...theirChanges, ...ourChanges])) {
      if (!isShared(path)) continue;
      for (const [side, tree, changes] of [
        ['on the sync remote', their, theirChanges],
        ['here', ours, ourChanges],
      ] as const) {
        if (changes.has(path))
          await this.#requireAppended(path, was.get(path), tree.get(path), side);
      }
      if (
        theirChanges.has(path) &&
        ourChanges.has(path) &&
        their.get(path)?.oid !== ours.get(path)?.oid
      ) {
        throw new UserError(
          `${path} was written both here and on another machine since the last sync, so nothing was merged (one device id on two machines? docs/storage.md, "Syncing")`,
        );
      }
    }

    await this.#clearWayFor(
      [...theirChanges].filter((p) => their.has(p)),
      ours,
      their,
    );
    const merged = await git.run(
      'merge',
      [
        'merge',
        '-q',
        '--no-edit',
        '--no-verify',
        '--no-stat',
        '--ff',
        '--allow-unrelated-histories',
        '-m',
        `recall sync: merge the other devices' logs into ${this.#o.device}`,
        theirs,
      ],
      { ok: [0, 1, 128] },
    );
    if (merged.code !== 0) await this.#undoMerge(`${merged.stdout}\n${merged.stderr}`);
    this.#head = await this.#revParse('HEAD');

    const arrived: (FileCount & { device: string })[] = [];
    for (const path of theirChanges) {
      const blob = their.get(path);
      if (!blob || !isShared(path)) continue;
      const from = ours.get(path)?.size ?? 0;
      const counted = await countNew(join(this.#o.dir, path), from, blob.size);
      arrived.push({ device: deviceOfPath(path) ?? path, file: path, ...counted });
    }
    return arrived;
  }

  async #mergeBase(a: string, b: string): Promise<string | null> {
    const r = await this.#git.run('merge-base', ['merge-base', a, b], { ok: [0, 1] });
    return r.code === 0 ? r.stdout.trim() : null;
  }

  async #requireAppended(path: string, was: Blob | undefined, now: Blob | undefined, side: string) {
    const device = deviceOfPath(path) ?? 'a device';
    if (now === undefined) {
      throw new UserError(
        `${path} was deleted ${side}; shared logs are only ever appended to, so nothing was merged (restore it from git history: docs/storage.md, "Syncing")`,
      );
    }
    if (was !== undefined && !(await blobExtends(this.#git, this.#hasher, was, now))) {
      throw new UserError(
        `${path} was edited ${side}, not only appended to (lines ${device} had synced were changed or removed), so nothing was merged (docs/storage.md, "Syncing")`,
      );
    }
  }

  /**
   * Files in the merge's way: left by a killed merge (a newer or half-written copy of another
   * device's file), by copying a folder, or untracked copies of what the remote has. Each is
   * put back as HEAD has it when the remote's version contains all of it, so nothing is lost;
   * anything else is refused.
   */
  async #clearWayFor(paths: readonly string[], ours: Tree, their: Tree): Promise<void> {
    if (paths.length === 0) return;
    const { stdout } = await this.#git.run('status', [
      'status',
      '--porcelain=v1',
      '-z',
      '--untracked-files=all',
      '--ignored=matching',
      '--',
      ...paths,
    ]);
    const dirty = stdout
      .split('\0')
      .filter((e) => e.length > 3)
      .map((e) => e.slice(3));
    for (const path of dirty) {
      const target = their.get(path);
      if (!target) continue;
      const file = join(this.#o.dir, path);
      if (!(await this.#within(file, path, target))) {
        throw new UserError(
          `${path} here differs from the sync remote's copy and holds something it lacks, so nothing was merged (move it out of ${this.#o.dir} and sync again)`,
        );
      }
      if (ours.has(path)) await this.#git.run('checkout', ['checkout', '-q', 'HEAD', '--', path]);
      else rmSync(file, { force: true });
    }
  }

  /** Whether the file at `file` is missing or all of it is the start of `target`. */
  async #within(file: string, path: string, target: Blob): Promise<boolean> {
    if (!existsSync(file)) return true;
    if (!statSync(file).isFile()) return false;
    // The .gitignore a first sync wrote gives way to the one the other machines share.
    if (path === GITIGNORE && this.#initialised && readFileSync(file, 'utf8') === GITIGNORE_TEXT) {
      return true;
    }
    const here = await fileBlob(file, this.#hasher);
    return blobExtends(this.#git, this.#hasher, here, target);
  }

  /** A merge that did not finish: HEAD and the files go back to what they were. */
  async #undoMerge(output: string): Promise<never> {
    const git = this.#git;
    const conflicts = (
      await git.run('diff', ['diff', '--name-only', '-z', '--diff-filter=U'], { ok: [0, 1, 128] })
    ).stdout
      .split('\0')
      .filter(Boolean);
    if (existsSync(join(this.#o.dir, '.git', 'MERGE_HEAD'))) {
      await git.run('merge', ['merge', '--abort']);
    }
    const said = output
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /^(error|fatal|CONFLICT)/.test(l));
    const where = conflicts.length > 0 ? ` in ${conflicts.join(', ')}` : '';
    throw new UserError(
      `merging the sync remote failed${where}${said ? `: ${said.replace(/^(error|fatal): /, '')}` : ''}; the merge was undone and nothing here changed`,
    );
  }

  /**
   * Commits this device's files, up to their last complete line (a rating being written at this
   * moment is left for the next sync), after checking each only grew since HEAD.
   */
  async #commitOwn(): Promise<void> {
    const git = this.#git;
    const { dir, device } = this.#o;
    const tree = await this.#tree(this.#head);
    let staged = false;
    for (const path of this.#own) {
      const file = join(dir, path);
      if (!existsSync(file)) continue;
      const size = await completeSize(file);
      const before = tree.get(path) ?? null;
      if (before && size < before.size) {
        throw new UserError(
          `${path} is shorter than at the last sync: this device's log was edited, not only appended to, so nothing was synced (docs/storage.md, "Syncing")`,
        );
      }
      if (size === 0 || (before && size === before.size)) continue;
      const read = readCheckingPrefix(file, size, this.#hasher, before);
      const { stdout } = await git.run(
        'hash-object',
        ['hash-object', '-w', '--no-filters', '--stdin'],
        {
          stdin: read.stream,
        },
      );
      if (!read.extends()) {
        throw new UserError(
          `${path} was edited since the last sync, not only appended to, so nothing was synced (see what changed: git -C ${dir} diff -- ${path})`,
        );
      }
      await git.run('update-index', [
        'update-index',
        '--add',
        '--cacheinfo',
        `100644,${stdout.trim()},${path}`,
      ]);
      staged = true;
    }
    if (!tree.has(GITIGNORE)) {
      const ignore = join(dir, GITIGNORE);
      if (!existsSync(ignore)) await writeFileAtomic(ignore, GITIGNORE_TEXT);
      await git.run('add', ['add', '--', GITIGNORE]);
      staged = true;
    }
    if (staged) {
      await git.run('commit', ['commit', '-q', '--no-verify', '-m', `recall sync: ${device}`]);
      this.#head = await this.#revParse('HEAD');
    }
  }

  /** true when pushed; false when refused because the remote moved on (fetch, merge, retry). */
  async #push(head: string): Promise<boolean> {
    const r = await this.#git.run(
      'push',
      ['push', '--porcelain', '--no-verify', 'origin', `${head}:refs/heads/main`],
      { ok: [0, 1] },
    );
    if (r.code === 0) return true;
    if (
      /^!\t.*\[rejected\]/m.test(r.stdout) ||
      /\[rejected\]|fetch first|non-fast-forward/.test(r.stderr)
    ) {
      return false;
    }
    throw new GitFailure('push', r);
  }

  async #pushedSince(theirs: string | null, head: string): Promise<FileCount[]> {
    const [before, after] = await Promise.all([this.#tree(theirs), this.#tree(head)]);
    const pushed: FileCount[] = [];
    for (const path of this.#own) {
      const now = after.get(path);
      const from = before.get(path)?.size ?? 0;
      if (!now || now.size === from) continue;
      pushed.push({ file: path, ...(await countNew(join(this.#o.dir, path), from, now.size)) });
    }
    return pushed;
  }

  async #record(report: SyncReport): Promise<void> {
    const sum = (list: readonly FileCount[]) => ({
      lines: list.reduce((n, c) => n + c.lines, 0),
      reviews: list.reduce((n, c) => n + c.reviews, 0),
    });
    await writeSyncRecord(this.#o.dir, {
      version: 1,
      at: instantIso((this.#o.now ?? Date.now)()),
      remote: this.#o.remote,
      remoteHead: report.remoteHead,
      device: this.#o.device,
      pushed: sum(report.pushed),
      pulled: sum(report.pulled),
    });
  }
}

/** Paths whose blob differs between two trees (added, changed or deleted). */
function changed(from: Tree, to: Tree): Set<string> {
  const paths = new Set<string>();
  for (const [path, blob] of to) if (from.get(path)?.oid !== blob.oid) paths.add(path);
  for (const path of from.keys()) if (!to.has(path)) paths.add(path);
  return paths;
}

/** git's own lock files (`.git/*.lock`, `.git/refs/**\/*.lock`): left only by a killed git. */
function staleLocks(dotGit: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, deep: boolean) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isFile() && e.name.endsWith('.lock')) found.push(path);
      else if (deep && e.isDirectory()) walk(path, true);
    }
  };
  walk(dotGit, false);
  walk(join(dotGit, 'refs'), true);
  return found;
}
