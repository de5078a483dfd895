import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, Terminal } from '../support/pty.js';

const deck = resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml');

describe('custom study in a real terminal', () => {
  it('--new past a limit of 1, then --ahead brings back the card rated Easy', async () => {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
    mkdirSync(join(env.XDG_CONFIG_HOME!, 'recall'), { recursive: true });
    writeFileSync(
      join(env.XDG_CONFIG_HOME!, 'recall', 'config.yaml'),
      'defaults:\n  new_per_day: 1\n',
    );

    const plain = new Terminal(['review', deck], env);
    await plain.waitFor('New 1 · Learn 0 · Review 0');
    plain.type('q');
    await plain.waitFor('Nothing reviewed');
    plain.type('q');
    expect(await plain.exited()).toBe(0);

    const extra = new Terminal(['review', deck, '--new', '1'], env);
    await extra.waitFor('New 2 · Learn 0 · Review 0');
    await extra.waitFor('capital of France');
    extra.type(' ');
    await extra.waitFor(/Easy · \d+d/);
    let mark = extra.mark;
    extra.type('4');
    await extra.waitFor('6 times 7', mark);
    mark = extra.mark;
    extra.type('q');
    await extra.waitFor('Reviewed 1', mark);
    extra.type('q');
    expect(await extra.exited()).toBe(0);

    // The next day: the Easy card is days away, so only --ahead shows it.
    const nextDay = { ...env, RECALL_NOW: '2026-03-11T12:00:00Z' };
    const ahead = new Terminal(['review', deck, '--ahead', '2w'], nextDay);
    await ahead.waitFor(/New 1 · Learn 0 · Review 1/);
    ahead.type('q');
    await ahead.waitFor('Nothing reviewed');
    ahead.type('q');
    expect(await ahead.exited()).toBe(0);
  });
});
