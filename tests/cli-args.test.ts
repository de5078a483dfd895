import { describe, expect, it } from 'vitest';
import { commands } from '../src/cli.js';
import { type CommandSpec, commandHelp, parseCommandLine } from '../src/cli-args.js';
import { UserError } from '../src/errors.js';

const run = async () => {};
const specs: CommandSpec[] = [
  {
    name: 'home',
    hidden: true,
    isDefault: true,
    summary: 'Home.',
    args: '[paths...]',
    argsHelp: 'decks',
    options: {},
    run,
  },
  {
    name: 'drill',
    summary: 'Drill.',
    args: '[paths...]',
    argsHelp: 'decks',
    options: {
      tag: { type: 'string', multiple: true, value: 'tag', description: 'only this tag' },
      fast: { type: 'boolean', description: 'go fast' },
    },
    run,
  },
];
const parse = (argv: string[]) => parseCommandLine(argv, specs, 'home', () => '9.9.9');

describe('parseCommandLine', () => {
  it('gives the named command its positionals and values, repeatable options as lists', () => {
    const parsed = parse(['drill', 'a.yaml', '--tag', 'x', '--tag=y', '--fast', 'b.yaml']);
    expect(parsed).toMatchObject({
      kind: 'run',
      spec: { name: 'drill' },
      positionals: ['a.yaml', 'b.yaml'],
      values: { tag: ['x', 'y'], fast: true },
    });
  });

  it('runs the default command for no arguments or a path that exists', () => {
    expect(parse([])).toMatchObject({ kind: 'run', spec: { name: 'home' }, positionals: [] });
    expect(parse(['package.json'])).toMatchObject({
      spec: { name: 'home' },
      positionals: ['package.json'],
    });
  });

  it('takes what follows `--` as positionals, even when it looks like an option', () => {
    expect(parse(['drill', '--', '--fast'])).toMatchObject({ positionals: ['--fast'], values: {} });
  });

  it('answers --help anywhere among a command’s arguments with its help', () => {
    expect(parse(['drill', 'x', '-h'])).toEqual({ kind: 'print', text: commandHelp(specs[1]!) });
  });

  it('throws usage errors with exit code 2', () => {
    for (const argv of [['drill', '--slow'], ['drll']]) {
      expect(() => parse(argv)).toThrow(expect.objectContaining({ exitCode: 2 }));
      expect(() => parse(argv)).toThrow(UserError);
    }
  });
});

describe('flag errors, for every option of the real table', () => {
  const options = commands.flatMap((c) =>
    Object.entries(c.options).map(([name, o]) => [c.name, name, o.type] as const),
  );
  const message = (argv: string[]) => {
    try {
      parseCommandLine(argv, commands, 'home', () => '0');
    } catch (e) {
      return (e as Error).message;
    }
    return 'parsed';
  };

  it.each(options)('%s --%s: said in recall’s own words', (command, name, type) => {
    const said =
      type === 'string' ? message([command, `--${name}`]) : message([command, `--${name}=yes`]);
    expect(said).toMatch(
      type === 'string'
        ? new RegExp(
            `^--${name} needs a value: --${name} <[a-z=,]+> \\(see \`recall ${command} --help\`\\)$`,
          )
        : new RegExp(`^--${name} takes no value \\(see \`recall ${command} --help\`\\)$`),
    );
  });

  it('never names a hidden command, and offers the global flags on the default one', () => {
    expect(message(['--versio'])).toBe(
      'unknown option --versio (did you mean --version?) (see `recall --help`)',
    );
    expect(message(['hme'])).not.toContain('home');
  });

  it('takes a value starting with a dash as the value, and a known flag never', () => {
    expect(parseCommandLine(['quiz', '--count', '-5'], commands, 'home', () => '0')).toMatchObject({
      values: { count: '-5' },
    });
    expect(message(['quiz', '--seed', '--json'])).toMatch(/^--seed needs a value/);
  });
});

describe('commandHelp', () => {
  it('lays out the options of the table in one aligned column', () => {
    expect(commandHelp(specs[1]!)).toBe(
      [
        'Usage: recall drill [paths...] [options]',
        '',
        'Drill.',
        '',
        'Arguments:',
        '  [paths...]  decks',
        '',
        'Options:',
        '  --tag <tag>  only this tag (repeatable)',
        '  --fast       go fast',
        '  -h, --help   this help',
        '',
      ].join('\n'),
    );
  });
});
