import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recall } from '../support/cli.js';
import { isolatedEnv, Terminal } from '../support/pty.js';

const deck = resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml');

describe('cram in a real terminal, the card on screen besides answering it', () => {
  it('a card suspended in cram stays suspended: status counts it out, review leaves it out', async () => {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
    const before = JSON.parse(recall(['status', '--json', deck], env).stdout);
    expect(before.decks[0].new).toBe(2);

    const cram = new Terminal(['cram', deck, '--order', 'deck'], env);
    await cram.waitFor('capital of France');
    let mark = cram.mark;
    cram.type('@');
    await cram.waitFor('Suspended: out of every queue until undone', mark);
    await cram.waitFor('6 times 7', mark);
    mark = cram.mark;
    cram.type('q');
    await cram.waitFor('Cram ended.', mark);
    cram.type('q');
    expect(await cram.exited()).toBe(0);

    const after = JSON.parse(recall(['status', '--json', deck], env).stdout);
    expect(after.decks[0].new).toBe(1);

    const review = new Terminal(['review', deck], env);
    await review.waitFor('New 1 · Learn 0 · Review 0');
    await review.waitFor('6 times 7');
    review.type('q');
    await review.waitFor('Nothing reviewed');
    review.type('q');
    expect(await review.exited()).toBe(0);
  });
});
