/**
 * Fault injection: `recall lint --fix` killed with SIGKILL at different moments of its work
 * (before any deck is rewritten, between two decks, after the decks and before or during the
 * `move` entries). Whatever the moment, no card loses its progress, and a second fix finishes.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, isolatedEnv, recall, requireBuild, reviewLog, tmpDir } from '../support/cli.js';
import { ratedOnce } from '../support/rated.js';

beforeAll(requireBuild);

const CARDS = 30;
const deckText = (name: string) =>
  `name: ${name}\ncards:\n${Array.from({ length: CARDS }, (_, i) => `  - q: ${name} question ${i}?\n    a: answer ${i}\n`).join('')}`;

/** When to kill, as a condition on what the fix has done so far. */
const moments: Record<string, (s: { decks: number; logBytes: number; start: number }) => boolean> =
  {
    'at once': () => true,
    'after the first deck': (s) => s.decks >= 1,
    'after both decks': (s) => s.decks >= 2,
    'during the moves': (s) => s.decks >= 2 && s.logBytes > s.start,
  };

function collection() {
  const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z', NO_COLOR: '1' });
  const dir = tmpDir();
  const files = ['alpha', 'beta'].map((n) => join(dir, `${n}.yaml`));
  for (const f of files) writeFileSync(f, deckText(f.endsWith('alpha.yaml') ? 'Alpha' : 'Beta'));
  const keys = (JSON.parse(recall(['export', '--json', dir], env).stdout) as { key: string }[]).map(
    (c) => c.key,
  );
  mkdirSync(env.RECALL_HOME!, { recursive: true });
  const log = join(env.RECALL_HOME!, 'reviews.jsonl');
  writeFileSync(log, keys.map((key, i) => `${JSON.stringify(ratedOnce(key, `r${i}`))}\n`).join(''));
  return { env, dir, files, log, cards: keys.length };
}

/** Runs `lint --fix` and SIGKILLs it as soon as `when` holds (polling, no timer). */
async function killed(
  env: Record<string, string>,
  dir: string,
  files: readonly string[],
  log: string,
  when: (typeof moments)[string],
): Promise<void> {
  const mtimes = files.map((f) => statSync(f).mtimeMs);
  const start = statSync(log).size;
  // The first command that writes moves reviews.jsonl to this device's log (same bytes).
  const logBytes = () => {
    try {
      return statSync(reviewLog(env.RECALL_HOME!)).size;
    } catch {
      return start;
    }
  };
  const child = spawn(process.execPath, [cliPath, 'lint', '--fix', dir], { env, stdio: 'ignore' });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  let over = false;
  void exited.then(() => {
    over = true;
  });
  while (!over) {
    const decks = files.filter((f, i) => statSync(f).mtimeMs !== mtimes[i]).length;
    if (when({ decks, logBytes: logBytes(), start })) {
      child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setImmediate(r));
  }
  await exited;
}

const newCards = (env: Record<string, string>, dir: string): number =>
  (JSON.parse(recall(['status', '--json', dir], env).stdout) as { decks: { new: number }[] }).decks
    .map((d) => d.new)
    .reduce((a, b) => a + b, 0);

describe('lint --fix killed with SIGKILL', () => {
  for (const [moment, when] of Object.entries(moments)) {
    it(`${moment}: loses no card’s progress`, async () => {
      const { env, dir, files, log, cards } = collection();
      expect(newCards(env, dir)).toBe(0);
      await killed(env, dir, files, log, when);
      expect(newCards(env, dir)).toBe(0);
      // The fix finishes on a second run, and every card still has its one review.
      expect(recall(['lint', '--fix', dir], env).status).toBe(0);
      expect(readFileSync(files[1]!, 'utf8')).toMatch(/^ {2}- id: /m);
      const exported = JSON.parse(recall(['export', '--json', dir], env).stdout) as {
        key: string;
        reps: number;
      }[];
      expect(exported).toHaveLength(cards);
      expect(exported.filter((c) => c.key.includes('/h-'))).toEqual([]);
      expect(exported.filter((c) => c.reps !== 1)).toEqual([]);
    });
  }
});
