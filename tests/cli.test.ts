import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, drawsScreen } from '../src/cli.js';
import { recallInProcess as recall } from './support/cli.js';

const visible = commands.filter((c) => !c.hidden);

describe('recall --help', () => {
  it('lists every command with its summary, and not the hidden default', async () => {
    const run = await recall(['--help']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const listed = run.stdout
      .split('\n')
      .filter((l) => /^ {2}[a-z]/.test(l) && !l.trimStart().startsWith('-'));
    expect(listed.map((l) => l.trim().split(/\s+/)[0])).toEqual(visible.map((c) => c.name));
    for (const c of visible) expect(run.stdout).toContain(c.summary);
    expect(run.stdout).not.toMatch(/^ {2}home /m);
  });

  it('is the same as `recall help` and `recall -h`', async () => {
    const help = (await recall(['--help'])).stdout;
    expect((await recall(['help'])).stdout).toBe(help);
    expect((await recall(['-h'])).stdout).toBe(help);
  });

  it('prints the version package.json gives', async () => {
    const { version } = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8'),
    );
    expect(await recall(['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    // …and from nowhere else: no source file spells it, so a release bumps one place.
    const sources = readdirSync(resolve(import.meta.dirname, '../src'), { recursive: true });
    for (const f of sources.filter((f) => /\.tsx?$/.test(String(f)))) {
      const text = readFileSync(resolve(import.meta.dirname, '../src', String(f)), 'utf8');
      expect(text, String(f)).not.toContain(`'${version}'`);
    }
  });
});

describe.each(commands.map((c) => [c.name, c] as const))('recall %s --help', (name, spec) => {
  it('shows the usage and every option of the table, with value placeholders', async () => {
    const run = await recall([name, '--help']);
    expect(run.status).toBe(0);
    // Only the default command goes without its name: `recall tags` is hidden, not nameless.
    const usage = ['Usage: recall', spec.isDefault ? '' : name, spec.args]
      .filter(Boolean)
      .join(' ');
    expect([usage, `${usage} [options]`]).toContain(run.stdout.split('\n')[0]);
    expect(run.stdout).toContain(spec.summary);
    for (const [option, o] of Object.entries(spec.options)) {
      const flag = o.type === 'string' ? `--${option} <${o.value}>` : `--${option}`;
      const line = run.stdout.split('\n').find((l) => l.trimStart().startsWith(`${flag} `));
      expect(line, `${name}: ${flag}`).toContain(o.description);
      if (o.multiple) expect(line).toContain('(repeatable)');
    }
    expect(run.stdout).toMatch(/^ {2}-h, --help +this help$/m);
    // `help NAME` prints the same page (the default has no name to ask for).
    if (!spec.isDefault) expect((await recall(['help', name])).stdout).toBe(run.stdout);
  });

  it('rejects an unknown option: exit 2, one line with the reason and where to look', async () => {
    const run = await recall([name, '--no-such-flag']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const see = spec.isDefault ? 'recall --help' : `recall ${name} --help`;
    expect(run.stderr).toBe(`recall: unknown option --no-such-flag (see \`${see}\`)\n`);
  });
});

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('usage errors', () => {
  it.each([
    [['cram', '--limit'], 'recall: --limit needs a value: --limit <n>'],
    [['cram', '--limit', '--tag', 'x'], 'recall: --limit needs a value: --limit <n>'],
    [['status', '--json=yes'], 'recall: --json takes no value'],
    [['--versio'], 'recall: unknown option --versio (did you mean --version?)'],
    [['stats', '--jsno'], 'recall: unknown option --jsno (did you mean --json?)'],
    [['new'], 'recall: `recall new` takes one <deck-name>'],
    [['new', 'a', 'b'], 'recall: `recall new` takes one <deck-name>'],
    [['revew'], 'recall: unknown command or missing path "revew" (did you mean `review`?)'],
    [['xyzzy-nothing'], 'recall: unknown command or missing path "xyzzy-nothing"'],
  ])('%j: exit 2 and one line, %j', async (args, message) => {
    const run = await recall(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^[^\n]*\n$/);
    expect(run.stderr).toMatch(
      new RegExp(`^${escapeRegExp(message)} \\(see \`recall [a-z ]*--help\`\\)\n$`),
    );
  });

  it('offers --json on the commands whose output is data, and only there', () => {
    const withJson = commands.filter((c) => 'json' in c.options).map((c) => c.name);
    expect(withJson).toEqual([
      'quiz',
      'stats',
      'optimize',
      'reschedule',
      'simulate',
      'status',
      'lint',
      'export',
      'import',
      'browse',
      'doctor',
      'sync',
    ]);
  });

  it('prints data as JSON with --json', async () => {
    const run = await recall(['status', '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ decks: [{ id: 'databricks-jobs-api' }] });
  });
});

describe('drawsScreen: which command lines start from the screens bundle (src/bin.ts)', () => {
  it('is the commands that draw, home by default or on a deck path, in a terminal only', () => {
    for (const argv of [
      [],
      ['review'],
      ['cram', 'x.yaml'],
      ['quiz'],
      ['stats'],
      ['browse'],
      ['decks/'],
    ]) {
      expect(drawsScreen(argv, true)).toBe(true);
      expect(drawsScreen(argv, false)).toBe(false);
    }
    for (const argv of [['status'], ['lint'], ['export'], ['--help'], ['--version'], ['sync']]) {
      expect(drawsScreen(argv, true)).toBe(false);
    }
  });
});
