/**
 * Home in a real terminal, drawn from the queue cache from the second start on: keys typed as
 * soon as the first frame is up act once the collection is open, and a session's ratings are
 * on the next start's first frame.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, isolatedEnv, Terminal } from '../support/pty.js';

const deck = resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml');
const status = (env: Record<string, string>) =>
  JSON.parse(
    execFileSync(process.execPath, [cliPath, 'status', '--json', deck], { env, encoding: 'utf8' }),
  );

/** Home until its first frame is drawn; the terminal, to type in. */
async function home(env: Record<string, string>): Promise<Terminal> {
  const t = new Terminal([deck], env);
  await t.waitFor('review deck');
  return t;
}

describe('home from the queue cache', () => {
  beforeAll(() => {
    if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  it('takes keys typed at once, and shows the last session on the next start', async () => {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
    const first = await home(env);
    first.type('q');
    expect(await first.exited()).toBe(0);
    const queue = join(env.XDG_CACHE_HOME!, 'recall', 'queue');
    expect(readdirSync(queue).filter((f) => f.endsWith('.bin'))).toHaveLength(1);

    // Enter, reveal and rate, typed before the collection may be open.
    const second = await home(env);
    let mark = second.mark;
    second.type('\r');
    second.type(' ');
    second.type('4');
    await second.waitFor('What is 6 times 7?', mark);
    mark = second.mark;
    second.type('q');
    await second.waitFor('Reviewed 1', mark);
    mark = second.mark;
    second.type('q');
    await second.waitFor('review deck', mark);
    second.type('q');
    expect(await second.exited()).toBe(0);

    const { new: fresh, learning, review } = status(env).decks[0];
    expect({ fresh, learning, review }).toEqual({ fresh: 1, learning: 0, review: 0 });
    // The session's end wrote the keys lint reads: lint (another bundle of the same build)
    // reads them as they are, and does not open the store to write them anew.
    const keys = join(env.XDG_CACHE_HOME!, 'recall', 'keys');
    const entry = join(keys, readdirSync(keys)[0]!);
    const written = readFileSync(entry, 'utf8');
    execFileSync(process.execPath, [cliPath, 'lint', deck], { env, stdio: 'ignore' });
    expect(readFileSync(entry, 'utf8')).toBe(written);
    const third = await home(env);
    expect(third.text).toMatch(/End-to-end deck\s+1\s+0\s+0/);
    third.type('q');
    expect(await third.exited()).toBe(0);
  });
});
