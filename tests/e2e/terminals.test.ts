import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, isolatedEnv, Terminal } from '../support/pty.js';

const deck = resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml');
/** A terminal that reports no window size, as a pty opened without one does: 0 columns, 0 rows. */
const noWindowSize = ['/bin/sh', '-c', 'stty rows 0 cols 0 && exec "$@"', 'sh'];
/** Clears the screen and the scrollback: Ink does it on every frame it thinks fills the screen. */
const CLEAR_ALL = '\x1b[3J';

describe('terminals that give no size', () => {
  beforeAll(() => {
    if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  it('lays the screens out at 80×24 on a 0×0 pty, not one character per line', async () => {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
    const t = new Terminal(['review', deck], env, undefined, undefined, noWindowSize);
    await t.waitFor('What is the capital of France?');
    await t.waitFor('space show answer · i info · e edit · tab skip · - bury · ? keys · q end');
    let mark = t.mark;
    t.type(' ');
    await t.waitFor(/\[1\] Again · \S+ +\[2\] Hard/, mark);
    mark = t.mark;
    t.type('q');
    await t.waitFor('Nothing reviewed', mark);
    t.type('q');
    expect(await t.exited()).toBe(0);
    // 24 rows: a frame this short never counts as filling the screen.
    expect(t.raw).not.toContain(CLEAR_ALL);
  });

  it('draws the home screen at 80 columns on a 0×0 pty', async () => {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
    const t = new Terminal([deck], env, undefined, undefined, noWindowSize);
    await t.waitFor(/› End-to-end deck +2 +0 +0/);
    await t.waitFor('↑↓ select · enter review deck');
    t.type('q');
    expect(await t.exited()).toBe(0);
    expect(t.raw).not.toContain(CLEAR_ALL);
  });

  it('draws `recall stats` at 80 columns on a 0×0 pty', async () => {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
    const t = new Terminal(['stats', deck], env, undefined, undefined, noWindowSize);
    await t.waitFor('Stats · 2 cards');
    await t.waitFor('? keys · q quit');
    t.type('q');
    expect(await t.exited()).toBe(0);
    expect(t.raw).not.toContain(CLEAR_ALL);
  });
});

describe('a terminal that cannot move the cursor (TERM=dumb)', () => {
  const ESC = '\x1b';

  it.each([
    ['review', ['review', deck]],
    ['home', [deck]],
    ['cram', ['cram', deck]],
    ['quiz', ['quiz', deck]],
  ])(
    '%s: says in one line what works there instead, exit 1, no escape sequence',
    async (_, args) => {
      const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z', TERM: 'dumb' });
      const t = new Terminal(args, env, undefined, undefined);
      expect(await t.exited()).toBe(1);
      const out = t.raw.trim();
      expect(out).toMatch(/^recall: this terminal \(TERM=dumb\) cannot show the study screens/);
      expect(out).toContain('recall status');
      expect(out.split('\n')).toHaveLength(1);
      expect(out).not.toContain(ESC);
    },
  );

  it('`recall stats` prints its report as in a pipe', async () => {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z', TERM: 'dumb' });
    const t = new Terminal(['stats', deck], env);
    expect(await t.exited()).toBe(0);
    expect(t.raw).toContain('Stats · 2 cards');
    expect(t.raw).not.toContain(ESC);
  });
});
