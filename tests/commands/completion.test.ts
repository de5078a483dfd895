import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli.js';
import { scripts } from '../../src/commands/completion.js';
import { recallInProcess as recall, tmpDir } from '../support/cli.js';

const shown = commands.filter((c) => !c.hidden);
const hidden = commands.filter((c) => c.hidden);
const flagsOf = (name: string) => [
  ...Object.keys(commands.find((c) => c.name === name)!.options).map((o) => `--${o}`),
  '--help',
];

describe('shell completions', () => {
  it('exist for the shells `recall completion` names', () => {
    const spec = commands.find((c) => c.name === 'completion')!;
    expect(Object.keys(scripts)).toEqual(spec.argChoices);
  });

  it('bash completes the table’s commands, each command’s flags and their values', () => {
    // Each case: the words typed so far, the last one being completed.
    const cases: string[][] = [
      ['recall', ''],
      ['recall', '--'],
      ...shown.map((c) => ['recall', c.name, '--']),
      ['recall', 'cram', '--order', ''],
      ['recall', 'completion', ''],
    ];
    const script = `${scripts.bash(commands)}
for words in ${cases.map((w) => `'${w.join(' ')}'`).join(' ')}; do
  read -r -a COMP_WORDS <<< "$words"; [[ $words == *' ' ]] && COMP_WORDS+=("")
  COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _recall
  echo "\${COMPREPLY[*]}"
done`;
    const run = spawnSync('bash', ['--norc', '-c', script], {
      encoding: 'utf8',
      // An empty folder: no deck file to offer beside the commands.
      cwd: tmpDir(),
    });
    expect(run.stderr).toBe('');
    const [first, global, ...rest] = run.stdout.split('\n');
    const commandsOffered = first!.split(' ').filter((w) => shown.some((c) => c.name === w));
    expect(commandsOffered).toEqual(shown.map((c) => c.name));
    for (const h of hidden) expect(first!.split(' ')).not.toContain(h.name);
    expect(global).toBe('--help --version');
    for (const [i, c] of shown.entries()) expect(rest[i], c.name).toBe(flagsOf(c.name).join(' '));
    expect(rest.slice(shown.length, shown.length + 2)).toEqual([
      'weakest random deck',
      'bash zsh fish',
    ]);
  });

  it.each(['zsh', 'fish'] as const)(
    '%s names every command and flag of the table, no hidden one',
    (shell) => {
      const script = scripts[shell](commands);
      for (const c of shown) {
        // The lines that belong to this command: its zsh case branch, its fish conditions.
        const own =
          shell === 'zsh'
            ? (script.match(new RegExp(`^ {4}${c.name}\\) _arguments[^]*? ;;$`, 'm'))?.[0] ?? '')
            : script
                .split('\n')
                .filter((l) => l.includes(`__fish_seen_subcommand_from ${c.name}'`))
                .join('\n');
        const named = [
          ...own.matchAll(shell === 'zsh' ? /'\*?(--[a-z-]+)[=[]/g : / -l ([a-z-]+)/g),
        ].map((m) => (shell === 'zsh' ? m[1] : `--${m[1]}`));
        expect(named, c.name).toEqual(flagsOf(c.name));
      }
      for (const h of hidden)
        expect(script).not.toMatch(new RegExp(`'${h.name}:|-a ${h.name} |from ${h.name}'`));
    },
  );

  it('refuses a shell it has no script for (exit 2)', async () => {
    const run = await recall(['completion', 'tcsh']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'recall: no completion for "tcsh": give one of bash, zsh, fish (see `recall completion --help`)\n',
    );
  });

  it('offers the decks’ tags, one per line, through `recall tags`', async () => {
    const run = await recall(['tags']);
    expect(run.status).toBe(0);
    const tags = run.stdout.split('\n').slice(0, -1);
    expect(tags).toContain('pagination');
    expect(tags).toEqual([...tags].sort());
  });
});
