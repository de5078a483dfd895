/**
 * Issue 11, "Done means": a card reviewed in the TUI on machine A, `recall sync` on A and then on
 * B, and machine B no longer has that card due, in `status --json` and in its own review screen.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../support/cli.js';
import { Terminal } from '../support/pty.js';
import { bareRemote } from '../sync/machines.js';
import { deviceOf, type Machine, machine, ok, sync } from './machines.js';

beforeAll(requireBuild);

const DECKS = {
  'e2e.yaml': readFileSync(resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml'), 'utf8'),
};
const NOW = '2026-03-10T12:00:00Z';

const status = (m: Machine) => JSON.parse(ok(m, ['status', '--json', m.decks], NOW)).decks[0];
const review = (m: Machine) => new Terminal(['review', m.decks], { ...m.env, RECALL_NOW: NOW });

describe('reviewed on machine A, synced, not due on machine B', { timeout: 60_000 }, () => {
  it('rates a card in A’s review screen; after A’s sync and then B’s, B does not ask it', async () => {
    const remote = bareRemote();
    const a = machine('A', remote, DECKS);
    const b = machine('B', remote, DECKS);
    expect(status(b)).toMatchObject({ new: 2, total: 2 });

    const onA = review(a);
    await onA.waitFor('What is the capital of France?');
    let mark = onA.mark;
    onA.type(' ');
    await onA.waitFor('Paris', mark);
    mark = onA.mark;
    onA.type('4');
    await onA.waitFor('What is 6 times 7?', mark);
    mark = onA.mark;
    onA.type('q');
    await onA.waitFor('Reviewed 1', mark);
    onA.type('q');
    expect(await onA.exited()).toBe(0);

    expect(sync(a, NOW)).toMatch(/pushed 1 review\n$/);
    expect(sync(b, NOW)).toMatch(new RegExp(`pulled 1 review from ${deviceOf(a)}`));
    expect(status(b)).toMatchObject({ new: 1, learning: 0, review: 0, total: 1 });

    const onB = review(b);
    await onB.waitFor('What is 6 times 7?');
    expect(onB.text).not.toContain('capital of France');
    mark = onB.mark;
    onB.type('\x1b');
    await onB.waitFor('Nothing reviewed', mark);
    onB.type('q');
    expect(await onB.exited()).toBe(0);
  });
});
