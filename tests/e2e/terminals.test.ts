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
    await t.waitFor('space show answer · u undo · ? keys · q quit');
    let mark = t.mark;
    t.type(' ');
    await t.waitFor(/\[1\] Again · \S+ +\[2\] Hard/, mark);
    mark = t.mark;
    t.type('q');
    await t.waitFor('Reviewed 0', mark);
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
    await t.waitFor('? keys · q back');
    t.type('q');
    expect(await t.exited()).toBe(0);
    expect(t.raw).not.toContain(CLEAR_ALL);
  });
});
