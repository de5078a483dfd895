/** Editing a card from review, through a scripted $EDITOR, in a real terminal. */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../support/cli.js';
import { cliPath, isolatedEnv, Terminal } from '../support/pty.js';

const fixture = resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml');

describe('edit from review', () => {
  it('opens $EDITOR at the card, shows the new answer, and keeps the card’s history', async () => {
    const dir = tmpDir('recall-edit-');
    const deck = join(dir, 'deck.yaml');
    copyFileSync(fixture, deck);
    // The editor: records how it was called, then changes the answer.
    const editor = join(dir, 'editor.sh');
    writeFileSync(
      editor,
      `#!/bin/sh\necho "$@" > "${dir}/called"\nsed -i 's/a: Paris/a: Paris, on the Seine/' "$2"\n`,
    );
    chmodSync(editor, 0o755);
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z', VISUAL: editor });

    // A first rating, so there is history to keep: Again brings the card back in a minute.
    const t = new Terminal(['review', deck], env);
    await t.waitFor('capital of France');
    t.type(' ');
    await t.waitFor('Paris');
    let mark = t.mark;
    t.type('1');
    await t.waitFor('6 times 7', mark);
    mark = t.mark;
    t.type('q');
    await t.waitFor('Reviewed 1', mark);
    t.type('q');
    expect(await t.exited()).toBe(0);

    const later = { ...env, RECALL_NOW: '2026-03-10T12:05:00Z' };
    const again = new Terminal(['review', deck], later);
    await again.waitFor('capital of France');
    mark = again.mark;
    again.type('e');
    await again.waitFor('Edited.', mark);
    mark = again.mark;
    again.type(' ');
    await again.waitFor('Paris, on the Seine', mark);
    mark = again.mark;
    again.type('i');
    await again.waitFor(/state\s+Learning · 1 review/, mark);
    mark = again.mark;
    again.type('\x1b');
    await again.waitFor('space Good', mark);
    again.type('q');
    await again.waitFor('Nothing reviewed');
    again.type('q');
    expect(await again.exited()).toBe(0);
    expect(readFileSync(join(dir, 'called'), 'utf8').trim()).toBe(`+4 ${deck}`);

    expect(readFileSync(deck, 'utf8')).toContain('a: Paris, on the Seine');
    const exported = JSON.parse(
      execFileSync(process.execPath, [cliPath, 'export', '--json', deck], {
        env: later,
        encoding: 'utf8',
      }),
    );
    expect(exported[0]).toMatchObject({ key: 'e2e/one', state: 'Learning', reps: 1 });
  });
});
