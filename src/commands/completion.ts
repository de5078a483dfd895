/**
 * `recall completion bash|zsh|fish`: a completion script generated from the command table, so
 * it completes exactly the commands and flags there are. Values come from the table too: deck
 * files and folders for paths, the decks' tags (asked of `recall tags` as you type), folders,
 * or a flag's fixed words.
 */
import type { CommandSpec, OptionSpec } from '../cli-args.js';
import { UserError } from '../errors.js';

type Shell = 'bash' | 'zsh' | 'fish';

export const scripts: Readonly<Record<Shell, (commands: readonly CommandSpec[]) => string>> = {
  bash,
  zsh,
  fish,
};

export async function runCompletion(
  shell: string,
  commands: readonly CommandSpec[],
): Promise<void> {
  if (!Object.hasOwn(scripts, shell)) {
    throw new UserError(
      `no completion for ${JSON.stringify(shell)}: give one of ${Object.keys(scripts).join(', ')} (see \`recall completion --help\`)`,
      2,
    );
  }
  process.stdout.write(scripts[shell as Shell](commands));
}

const shown = (commands: readonly CommandSpec[]) => commands.filter((c) => !c.hidden);
const options = (c: CommandSpec) => Object.entries(c.options);
const takesPaths = (c: CommandSpec) => c.args === '[paths...]';
/** Inside single quotes, for any of the three shells. */
const quoted = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const GLOBAL = ['--help', '--version'];
/** Asked while completing `--tag`: stderr dropped, so a broken deck never garbles the line. */
const TAGS = 'recall tags 2>/dev/null';

function bash(commands: readonly CommandSpec[]): string {
  const value = (o: OptionSpec): string => {
    if (o.complete === 'tags')
      return `local IFS=$'\\n'; COMPREPLY=($(compgen -W "$(${TAGS})" -- "$cur"))`;
    if (o.complete === 'dirs') return 'COMPREPLY=($(compgen -d -- "$cur"))';
    if (o.complete) return `COMPREPLY=($(compgen -W ${quoted(o.complete.join(' '))} -- "$cur"))`;
    return 'COMPREPLY=()';
  };
  const branch = (c: CommandSpec) => {
    const valued = options(c).filter(([, o]) => o.type === 'string');
    const flags = [...options(c).map(([n]) => `--${n}`), '--help'].join(' ');
    const rest = takesPaths(c)
      ? '_recall_decks'
      : c.argChoices
        ? `COMPREPLY=($(compgen -W ${quoted(c.argChoices.join(' '))} -- "$cur"))`
        : 'COMPREPLY=()';
    return [
      `    ${c.name})`,
      ...(valued.length > 0
        ? [
            '      case "$prev" in',
            ...valued.map(([n, o]) => `        --${n}) ${value(o)}; return ;;`),
            '      esac',
          ]
        : []),
      `      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W ${quoted(flags)} -- "$cur")); else ${rest}; fi`,
      '      ;;',
    ].join('\n');
  };
  return `# recall completion for bash, generated from recall's command table.
# Load it with: eval "$(recall completion bash)"  (in ~/.bashrc)
_recall_decks() {
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.yaml' -- "$cur") $(compgen -f -X '!*.yml' -- "$cur"))
}
_recall() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  if [[ $COMP_CWORD -eq 1 ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W ${quoted(GLOBAL.join(' '))} -- "$cur"))
    else
      COMPREPLY=($(compgen -W ${quoted(
        shown(commands)
          .map((c) => c.name)
          .join(' '),
      )} -- "$cur"))
      local decks=("\${COMPREPLY[@]}"); _recall_decks; COMPREPLY=("\${decks[@]}" "\${COMPREPLY[@]}")
    fi
    return
  fi
  case \${COMP_WORDS[1]} in
${shown(commands).map(branch).join('\n')}
    *) _recall_decks ;;
  esac
}
complete -F _recall recall
`;
}

/** `[`, `]` and `:` end a zsh `_arguments` description early. */
const zshText = (s: string) => s.replace(/[[\]:\\]/g, (c) => `\\${c}`).replaceAll("'", `'\\''`);

function zsh(commands: readonly CommandSpec[]): string {
  const spec = (name: string, o: OptionSpec) => {
    const flag = `${o.multiple ? '*' : ''}--${name}`;
    const about = zshText(o.description);
    if (o.type === 'boolean') return `'${flag}[${about}]'`;
    const action =
      o.complete === 'tags'
        ? '_recall_tags'
        : o.complete === 'dirs'
          ? '_directories'
          : o.complete
            ? `(${o.complete.join(' ')})`
            : ' ';
    return `'${flag}=[${about}]:${o.value ?? 'value'}:${action}'`;
  };
  const branch = (c: CommandSpec) => {
    const rest = takesPaths(c)
      ? [`'*:deck file or folder:_recall_decks'`]
      : c.argChoices
        ? [`'1:${zshText(c.argsHelp)}:(${c.argChoices.join(' ')})'`]
        : [];
    const specs = [...options(c).map(([n, o]) => spec(n, o)), "'--help[this help]'", ...rest];
    return `    ${c.name}) _arguments ${specs.join(' \\\n        ')} ;;`;
  };
  return `#compdef recall
# recall completion for zsh, generated from recall's command table.
# Load it with: source <(recall completion zsh)  (in ~/.zshrc, after compinit), or save it
# as _recall in a folder of $fpath.
_recall_decks() { _files -g '*.(yaml|yml)(-.)' }
_recall_tags() {
  local -a tags
  tags=(\${(f)"$(${TAGS})"})
  compadd -a tags
}
_recall() {
  local -a commands
  commands=(
${shown(commands)
  .map((c) => `    '${c.name}:${zshText(c.summary)}'`)
  .join('\n')}
  )
  if (( CURRENT == 2 )); then
    if [[ $words[CURRENT] == -* ]]; then
      _arguments '--help[every command]' '--version[the version]'
    else
      _describe command commands
      _recall_decks
    fi
    return
  fi
  local command=$words[2]
  shift words
  (( CURRENT-- ))
  case $command in
${shown(commands).map(branch).join('\n')}
    *) _recall_decks ;;
  esac
}
if [[ $funcstack[1] == _recall ]]; then _recall "$@"; else compdef _recall recall; fi
`;
}

function fish(commands: readonly CommandSpec[]): string {
  const c = 'complete -c recall';
  const lines = [
    "# recall completion for fish, generated from recall's command table.",
    '# Load it with: recall completion fish > ~/.config/fish/completions/recall.fish',
    `${c} -f`,
    `${c} -n __fish_use_subcommand -l help -d ${quoted('every command')}`,
    `${c} -n __fish_use_subcommand -l version -d ${quoted('the version')}`,
    `${c} -n __fish_use_subcommand -F`,
  ];
  for (const cmd of shown(commands)) {
    const when = `-n ${quoted(`__fish_seen_subcommand_from ${cmd.name}`)}`;
    lines.push(`${c} -n __fish_use_subcommand -a ${cmd.name} -d ${quoted(cmd.summary)}`);
    if (takesPaths(cmd)) lines.push(`${c} ${when} -F`);
    if (cmd.argChoices) lines.push(`${c} ${when} -a ${quoted(cmd.argChoices.join(' '))}`);
    for (const [name, o] of options(cmd)) {
      const values =
        o.type === 'boolean'
          ? ''
          : o.complete === 'tags'
            ? ` -x -a ${quoted(`(${TAGS})`)}`
            : o.complete === 'dirs'
              ? ` -x -a ${quoted('(__fish_complete_directories)')}`
              : o.complete
                ? ` -x -a ${quoted(o.complete.join(' '))}`
                : ' -x';
      lines.push(`${c} ${when} -l ${name}${values} -d ${quoted(o.description)}`);
    }
    lines.push(`${c} ${when} -l help -d ${quoted('this help')}`);
  }
  return `${lines.join('\n')}\n`;
}
