import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, isolatedEnv, Terminal } from '../support/pty.js';

const deck = resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml');
const status = (env: Record<string, string>) =>
  JSON.parse(
    execFileSync(process.execPath, [cliPath, 'status', '--json', deck], { env, encoding: 'utf8' }),
  );

describe('recall in a real terminal', () => {
  beforeAll(() => {
    if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  it('reveals, rates, quits, and on restart the rated card is no longer due', async () => {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
    expect(status(env).decks[0]).toMatchObject({
      id: 'e2e',
      new: 2,
      learning: 0,
      review: 0,
      total: 2,
    });

    const t = new Terminal(['review', deck], env);
    await t.waitFor('What is the capital of France?');
    let mark = t.mark;
    t.type(' ');
    await t.waitFor('Paris', mark);
    await t.waitFor(/Easy · \d+d/, mark);
    mark = t.mark;
    t.type('4');
    await t.waitFor('What is 6 times 7?', mark);
    mark = t.mark;
    t.type('q');
    await t.waitFor('Reviewed 1', mark);
    t.type('q');
    expect(await t.exited()).toBe(0);

    const after = status(env);
    expect(after.decks[0]).toMatchObject({ new: 1, learning: 0, review: 0, total: 1 });
    // The other card is new and due since the study day began (04:00).
    expect(after.nextDue).toBe('2026-03-10T04:00:00.000Z');

    const again = new Terminal(['review', deck], env);
    await again.waitFor('What is 6 times 7?');
    expect(again.text).not.toContain('capital of France');
    again.type('\x1b');
    await again.waitFor('Nothing reviewed');
    again.type('q');
    expect(await again.exited()).toBe(0);
  });

  it('undo puts the card back and the log forgets the rating', async () => {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
    const t = new Terminal(['review', deck], env);
    await t.waitFor('capital of France');
    t.type(' ');
    await t.waitFor('Paris');
    let mark = t.mark;
    t.type('4');
    await t.waitFor('6 times 7', mark);
    mark = t.mark;
    t.type('u');
    await t.waitFor('capital of France', mark);
    t.type('q');
    await t.waitFor('Nothing reviewed');
    t.type('q');
    expect(await t.exited()).toBe(0);
    expect(status(env).decks[0]).toMatchObject({ new: 2, total: 2 });
  });

  it('leaves on Ctrl-C mid-session with exit code 130, keeping the ratings already given', async () => {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
    const t = new Terminal(['review', deck], env);
    await t.waitFor('capital of France');
    t.type(' ');
    await t.waitFor('Paris');
    const mark = t.mark;
    t.type('4');
    await t.waitFor('6 times 7', mark);
    t.type(' ');
    await t.waitFor('Forty-two');
    t.type('\x03');
    expect(await t.exited()).toBe(130);
    expect(status(env).decks[0]).toMatchObject({ new: 1, total: 1 });
  });

  it('refuses to open the study screen without a terminal, with a clear message', () => {
    const env = isolatedEnv();
    let err = '';
    let code = 0;
    try {
      execFileSync(process.execPath, [cliPath, 'review', deck], {
        env,
        input: '',
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (e) {
      const x = e as { status: number; stderr: string };
      code = x.status;
      err = x.stderr;
    }
    expect(code).toBe(2);
    expect(err).toMatch(/^recall: the study screens need a terminal/);
    expect(err).not.toContain('    at ');
  });
});
