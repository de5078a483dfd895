/**
 * Commands as data: one table drives parsing (a small parser here, no dependency to load on
 * every start), the generated --help, the shell completions and the man page, so none of them
 * can drift from the options.
 */
import { existsSync } from 'node:fs';
import { UserError } from './errors.js';
import { closest } from './text/suggest.js';

export type OptionSpec = {
  readonly type: 'boolean' | 'string';
  /** Repeatable (`--tag a --tag b`); the value is then a list. */
  readonly multiple?: boolean;
  /** Placeholder for the value in help, e.g. `date`. */
  readonly value?: string;
  readonly description: string;
  /**
   * What the shell completes as its value: the decks' tags, folders, or these words. Without
   * it, nothing (a number, a date, a card key).
   */
  readonly complete?: 'tags' | 'dirs' | readonly string[];
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
  /** The words a `<name>` argument can be, for the shell to complete (paths are deck files). */
  readonly argChoices?: readonly string[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Not listed in the overview, the completions or the man page (home; `tags`). */
  readonly hidden?: boolean;
  /**
   * The command that runs without a name (home, and `recall <deck path>`): its usage and the
   * help its errors point to are `recall`'s own, with no name.
   */
  readonly isDefault?: boolean;
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
  new UserError(
    `${message} (see \`recall ${spec && !spec.isDefault ? `${spec.name} ` : ''}--help\`)`,
    2,
  );

/** The options every command line knows besides a command's own (the first argument only). */
const GLOBAL_FLAGS = ['help', 'version'] as const;

/**
 * argv → the command to run with its arguments, or text to print (help, version). The first
 * argument names a command; anything else that exists on disk is a path for the default one.
 */
export function parseCommandLine(
  argv: readonly string[],
  specs: readonly CommandSpec[],
  defaultName: string,
  /** Read only when asked for. */
  version: () => string,
): Parsed {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V') return { kind: 'print', text: `${version()}\n` };
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

  const parsed = parseOptions(args, spec);
  const positionals = parsed.positionals;
  if (spec.args.startsWith('<') && positionals.length !== 1) {
    throw usageError(`\`recall ${spec.name}\` takes one ${spec.args}`, spec);
  }
  if (spec.args === '' && positionals.length > 0) {
    throw usageError(`\`recall ${spec.name}\` takes no arguments`, spec);
  }
  return { kind: 'run', spec, positionals, values: parsed.values };
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
    `Usage: ${['recall', spec.isDefault ? '' : spec.name, spec.args, rows.length > 1 ? '[options]' : ''].filter(Boolean).join(' ')}`,
    '',
    spec.summary,
    '',
    ...(spec.args === '' ? [] : ['Arguments:', `  ${spec.args}  ${spec.argsHelp}`, '']),
    'Options:',
    ...rows.map(([f, d]) => `  ${f!.padEnd(width)}  ${d}`),
    '',
  ].join('\n');
}

/**
 * A command's arguments → positionals and option values. Written here rather than with
 * node:util parseArgs so that every message is recall's own and names the flag as typed: a
 * string option takes the next argument as its value even when it starts with `-`
 * (`--count -5` reaches the command, which says what a count must be); only a flag the
 * command knows is refused as a value.
 */
export function parseOptions(
  args: readonly string[],
  spec: CommandSpec,
): { positionals: string[]; values: Values } {
  const positionals: string[] = [];
  const values: Record<string, string | boolean | string[]> = {};
  const known = (name: string) => Object.hasOwn(spec.options, name);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : arg.slice(1);
    if (!arg.startsWith('--') || !known(name)) {
      const candidates = [...Object.keys(spec.options), ...(spec.isDefault ? GLOBAL_FLAGS : [])];
      const near = closest(name.replace(/^-+/, ''), candidates);
      throw usageError(
        `unknown option ${arg.startsWith('--') ? `--${name}` : arg}${near ? ` (did you mean --${near}?)` : ''}`,
        spec,
      );
    }
    const option = spec.options[name]!;
    let value: string | boolean;
    if (option.type === 'boolean') {
      if (eq >= 0) throw usageError(`--${name} takes no value`, spec);
      value = true;
    } else if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      const next = args[i + 1];
      if (next === undefined || next === '--' || isOwnFlag(next, spec))
        throw usageError(`--${name} needs a value: --${name} <${option.value ?? 'value'}>`, spec);
      value = next;
      i++;
    }
    if (option.multiple)
      values[name] = [...((values[name] as string[] | undefined) ?? []), value as string];
    else values[name] = value;
  }
  return { positionals, values };
}

/** `--json`, `--tag=x`: an argument that names one of the command's options. */
const isOwnFlag = (arg: string, spec: CommandSpec) =>
  arg.startsWith('--') && Object.hasOwn(spec.options, arg.slice(2).split('=')[0]!);
