/**
 * The man page, `man/recall.1`, generated from the command table like `--help` and the
 * completions: tests/commands/man.test.ts checks the committed file against this, so a new
 * option cannot miss it (`npx vitest run tests/commands/man.test.ts -u` rewrites it).
 */
import type { CommandSpec, OptionSpec } from '../cli-args.js';

/**
 * Text for roff: backslashes and dashes escaped, characters past ASCII named (troff reads
 * bytes: `…` is `\[u2026]`), no line starting with a control character.
 */
const roff = (s: string) =>
  s
    .replaceAll('\\', '\\e')
    .replaceAll('-', '\\-')
    .replace(
      /[^\x00-\x7f]/gu,
      (c) => `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`,
    )
    .replace(/^[.']/gm, '\\&$&');

const flag = (name: string, o: OptionSpec) =>
  `\\fB\\-\\-${roff(name)}\\fR${o.type === 'string' ? ` \\fI${roff(o.value ?? 'value')}\\fR` : ''}`;

export function manPage(commands: readonly CommandSpec[], version: string): string {
  const shown = commands.filter((c) => !c.hidden);
  const home = commands.find((c) => c.isDefault);
  const lines = [
    `.TH RECALL 1 "" "recall ${roff(version)}" "User Commands"`,
    '.SH NAME',
    'recall \\- spaced\\-repetition flashcards and exam prep in the terminal',
    '.SH SYNOPSIS',
    '.B recall',
    '[\\fIpaths\\fR...]',
    '.br',
    '.B recall',
    '\\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]',
    '.SH DESCRIPTION',
    'Decks are YAML files; recall schedules their cards with FSRS and keeps every rating in an',
    'append\\-only log.',
    ...(home ? [`With no command, ${roff(home.summary.replace(/^Open/, 'opens'))}`] : []),
    `\\fIpaths\\fR are ${roff(home?.argsHelp ?? 'deck files or folders')}.`,
    '.SH COMMANDS',
  ];
  for (const c of shown) {
    lines.push('.TP', `\\fBrecall ${roff(c.name)}\\fR${c.args ? ` \\fI${roff(c.args)}\\fR` : ''}`);
    lines.push(roff(c.summary));
    if (c.args.startsWith('<')) lines.push('.br', `\\fI${roff(c.args)}\\fR: ${roff(c.argsHelp)}.`);
    for (const [name, o] of Object.entries(c.options)) {
      lines.push(
        '.RS',
        '.TP',
        flag(name, o),
        `${roff(o.description)}${o.multiple ? ' (repeatable)' : ''}`,
        '.RE',
      );
    }
  }
  lines.push(
    '.SH OPTIONS',
    '.TP',
    '\\fB\\-h\\fR, \\fB\\-\\-help\\fR',
    'Every command; after a command, that command\\(aqs options.',
    '.TP',
    '\\fB\\-V\\fR, \\fB\\-\\-version\\fR',
    'The version.',
    '.SH EXIT STATUS',
    '.TP',
    '0',
    'Success.',
    '.TP',
    '1',
    'A problem in the decks or the data, or output that could not be written.',
    '.TP',
    '2',
    'A usage error.',
    '.TP',
    '70',
    'A bug in recall.',
    '.TP',
    '130',
    'A study session interrupted with Ctrl\\-C (its ratings are kept).',
    '.SH ENVIRONMENT',
    '.TP',
    '.B RECALL_HOME',
    'The progress folder (default: \\fI$XDG_DATA_HOME/recall\\fR).',
    '.TP',
    '.B XDG_CONFIG_HOME',
    'Where \\fIrecall/config.yaml\\fR and the deck folder \\fIrecall/decks\\fR are.',
    '.TP',
    '.B XDG_CACHE_HOME',
    'Where the deck and stats caches are kept.',
    '.TP',
    '.B NO_COLOR',
    'Turns colour off; nothing on screen depends on colour.',
    '.SH SEE ALSO',
    'The README, \\fIdocs/deck\\-format.md\\fR and \\fIdocs/storage.md\\fR in the package.',
    '',
  );
  return lines.join('\n');
}
