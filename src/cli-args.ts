/**
 * Commands as data: one table drives parsing (node:util parseArgs, no dependency to load on
 * every start) and the generated --help, so a command's help cannot drift from its options.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError } from './errors.js';
import { closest } from './text/suggest.js';

export type OptionSpec = {
  readonly type: 'boolean' | 'string';
  /** Repeatable (`--tag a --tag b`); the value is then a list. */
  readonly multiple?: boolean;
  /** Placeholder for the value in help, e.g. `date`. */
  readonly value?: string;
  readonly description: string;
};

export type Values = Record<string, string | boolean | string[] | undefined>;

export type CommandSpec = {
  readonly name: string;
  readonly summary: string;
  /**
   * Usage of the positionals: `[paths...]` (any number), `[query] [paths...]` (browse's query,
   * then any number), `<name>` (exactly one) or '' (none).
   */
  readonly args: '[paths...]' | '[query] [paths...]' | `<${string}>` | '';
  readonly argsHelp: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Not listed in the overview (the default command). */
  readonly hidden?: boolean;
  readonly run: (positionals: string[], values: Values) => Promise<void>;
};

export type Parsed =
  | {
      readonly kind: 'run';
      readonly spec: CommandSpec;
      readonly positionals: string[];
      readonly values: Values;
    }
  | { readonly kind: 'print'; readonly text: string };

/** One line, so a script's log or a shell prompt shows all of it. */
const usageError = (message: string, spec?: CommandSpec) =>
  new UserError(`${message} (see \`recall ${spec ? `${spec.name} ` : ''}--help\`)`, 2);

/**
 * argv → the command to run with its arguments, or text to print (help, version). The first
 * argument names a command; anything else that exists on disk is a path for the default one.
 */
export function parseCommandLine(
  argv: readonly string[],
  specs: readonly CommandSpec[],
  defaultName: string,
  version: string,
): Parsed {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V') return { kind: 'print', text: `${version}\n` };
  if (first === '--help' || first === '-h' || first === 'help') {
    const about = rest[0] === undefined ? undefined : specs.find((s) => s.name === rest[0]);
    return { kind: 'print', text: about ? commandHelp(about) : overview(specs) };
  }
  let spec = specs.find((s) => s.name === first);
  let args = spec ? rest : [...argv];
  if (!spec) {
    if (first !== undefined && !first.startsWith('-') && !existsSync(first)) {
      const visible = specs.filter((s) => !s.hidden).map((s) => s.name);
      const near = closest(first, visible);
      throw usageError(
        `unknown command or missing path ${JSON.stringify(first)}${near ? ` (did you mean \`${near}\`?)` : ''}`,
      );
    }
    spec = specs.find((s) => s.name === defaultName)!;
    args = [...argv];
  }
  if (args.includes('--help') || args.includes('-h'))
    return { kind: 'print', text: commandHelp(spec) };

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(spec.options).map(([name, o]) => [
          name,
          { type: o.type, multiple: o.multiple ?? false },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    // parseArgs' messages are clear but long-winded about `--`; keep their first sentence.
    throw usageError((e as Error).message.split('. ')[0] ?? String(e), spec);
  }
  const positionals = parsed.positionals;
  if (spec.args.startsWith('<') && positionals.length !== 1) {
    throw usageError(`\`recall ${spec.name}\` takes one ${spec.args}`, spec);
  }
  if (spec.args === '' && positionals.length > 0) {
    throw usageError(`\`recall ${spec.name}\` takes no arguments`, spec);
  }
  return { kind: 'run', spec, positionals, values: parsed.values as Values };
}

function overview(specs: readonly CommandSpec[]): string {
  const shown = specs.filter((s) => !s.hidden);
  const width = Math.max(...shown.map((s) => s.name.length));
  return [
    'Usage: recall [command] [options]',
    '',
    'Spaced-repetition flashcards and exam prep in the terminal.',
    'With no command, opens the home screen.',
    '',
    'Commands:',
    ...shown.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`),
    '',
    'Options:',
    '  -h, --help     help for recall, or `recall COMMAND --help`',
    '  -V, --version  the version',
    '',
    'Decks: docs/deck-format.md · data: $RECALL_HOME or $XDG_DATA_HOME/recall',
    '',
  ].join('\n');
}

export function commandHelp(spec: CommandSpec): string {
  const flag = (name: string, o: OptionSpec) =>
    `--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;
  const rows = Object.entries(spec.options).map(([name, o]) => [
    flag(name, o),
    `${o.description}${o.multiple ? ' (repeatable)' : ''}`,
  ]);
  rows.push(['-h, --help', 'this help']);
  const width = Math.max(...rows.map(([f]) => f!.length));
  return [
    `Usage: ${['recall', spec.hidden ? '' : spec.name, spec.args, rows.length > 1 ? '[options]' : ''].filter(Boolean).join(' ')}`,
    '',
    spec.summary,
    '',
    ...(spec.args === '' ? [] : ['Arguments:', `  ${spec.args}  ${spec.argsHelp}`, '']),
    'Options:',
    ...rows.map(([f, d]) => `  ${f!.padEnd(width)}  ${d}`),
    '',
  ].join('\n');
}
