import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, isolatedEnv, stripAnsi, Terminal } from '../support/pty.js';

const shipped = resolve(import.meta.dirname, '../../decks/databricks-jobs-api.yaml');

describe('a mock test in a real terminal', () => {
  beforeAll(() => {
    if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  it('chooses, confirms, goes back, asks before handing in, and shows the result', async () => {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
    const t = new Terminal(['quiz', shipped, '--count', '3', '--seed', 'e2e'], env, {
      cols: 80,
      rows: 24,
    });
    for (let k = 1; k <= 3; k++) {
      const mark = t.mark;
      await t.waitFor(new RegExp(`Question ${k} of 3[\\s\\S]*esc hand in`), mark);
      const screen = stripAnsi(t.raw.slice(mark));
      if (/a–[a-h] (choose|toggle)/.test(screen)) {
        const picked = t.mark;
        t.type('a');
        await t.waitFor('• a)', picked);
        t.type('\r');
      } else t.type('x\r');
    }
    let mark = t.mark;
    await t.waitFor('Hand in the test?', mark);
    // Back to the last question, where the answer given is kept, then hand in from there.
    mark = t.mark;
    t.type('n');
    await t.waitFor(/• a\)[\s\S]*esc hand in|›[^\n]*x[\s\S]*esc hand in/, mark);
    mark = t.mark;
    t.type('\x1b');
    await t.waitFor('Every question is answered.', mark);
    mark = t.mark;
    t.type('y');
    await t.waitFor('Mock test result', mark);
    await t.waitFor(/Score \d\/3/, mark);
    t.type('q');
    expect(await t.exited()).toBe(0);
  });
});
