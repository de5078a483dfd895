import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { requireBuild } from '../support/cli.js';
import { cliPath, isolatedEnv, Terminal } from '../support/pty.js';

const deck = resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml');

it('browses, filters, suspends from browse, and the suspension is there after quitting', async () => {
  requireBuild();
  const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
  const t = new Terminal(['browse', '', deck], env, { cols: 80, rows: 24 });
  await t.waitFor('Browse · 2 of 2 cards');
  let mark = t.mark;
  t.type('/');
  await t.waitFor('▏', mark);
  mark = t.mark;
  t.type('capital');
  await t.waitFor('Browse · 1 of 2 cards', mark);
  mark = t.mark;
  t.type('\r');
  await t.waitFor('/ search', mark);
  mark = t.mark;
  t.type('s');
  await t.waitFor('Suspended 1 card', mark);
  t.type('q');
  expect(await t.exited()).toBe(0);

  const found = JSON.parse(
    execFileSync(process.execPath, [cliPath, 'browse', 'is:suspended', deck, '--json'], {
      env,
      encoding: 'utf8',
    }),
  );
  expect(found.map((c: { key: string }) => c.key)).toEqual(['e2e/one']);
  expect(found[0]).toMatchObject({ suspended: true, prompt: 'What is the capital of France?' });
});
