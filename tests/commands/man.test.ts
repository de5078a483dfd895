import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli.js';
import { manPage } from '../../src/commands/man.js';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const page = manPage(commands, pkg.version);

describe('the man page', () => {
  it('is the committed man/recall.1, which package.json installs', async () => {
    // On a change to the command table: `npx vitest run tests/commands/man.test.ts -u`.
    await expect(page).toMatchFileSnapshot(resolve(root, 'man/recall.1'));
    expect(pkg.man).toEqual(['./man/recall.1']);
    expect(pkg.files).toContain('man');
  });

  it('has every visible command and each of its options, and no hidden command', () => {
    const text = page.replaceAll('\\-', '-');
    for (const c of commands) {
      const entry = text.match(
        new RegExp(`^\\\\fBrecall ${c.name}\\\\fR[^]*?(?=^\\.TP\\n\\\\fBrecall |^\\.SH)`, 'm'),
      );
      if (c.hidden) {
        expect(entry, c.name).toBeNull();
        continue;
      }
      const flags = [...(entry?.[0] ?? '').matchAll(/^\\fB--([a-z-]+)\\fR/gm)].map((m) => m[1]);
      expect(flags, c.name).toEqual(Object.keys(c.options));
      expect(entry?.[0], c.name).toContain(c.summary.replaceAll('-', '\\-').replaceAll('\\-', '-'));
    }
  });

  it('renders with no roff warning', () => {
    const run = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z'], {
      input: page,
      encoding: 'utf8',
    });
    if (run.error) return; // no groff on this machine: the text checks above still hold
    expect(run.stderr).toBe('');
  });
});
