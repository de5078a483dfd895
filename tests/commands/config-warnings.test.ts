/**
 * config.yaml's warnings (unknown keys, `decks.<id>:` no deck has, deck folders that are not
 * there): recall still starts, and lint, doctor and the printing commands say them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { oneConfigLine, openCollection, reloadDecks } from '../../src/app/open.js';
import { isolatedEnv, lines, recallInProcess as recall } from '../support/cli.js';

const spanish = 'id: spanish\nname: Spanish\ncards:\n  - {id: hola, q: hola, a: hello}\n';

/** A private collection whose config.yaml is `config` (DECKS: its deck folder). */
function withConfig(config: string) {
  const env = isolatedEnv({ NO_COLOR: '1', RECALL_NOW: '2025-03-05T12:00:00Z' });
  const decks = join(env.HOME!, 'decks');
  mkdirSync(decks, { recursive: true });
  writeFileSync(join(decks, 'spanish.yaml'), spanish);
  const dir = join(env.XDG_CONFIG_HOME!, 'recall');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'config.yaml');
  writeFileSync(file, config.replaceAll('DECKS', decks).replaceAll('HOME', env.HOME!));
  return { env, file };
}

const ofConfig = (out: readonly string[], file: string) => out.filter((l) => l.startsWith(file));

type JsonProblem = { file: string; line: number; col: number; rule: string; message: string };

describe('config.yaml warnings', () => {
  it.each([
    [
      'unknown key',
      'deck_dirs: [DECKS]\ndefaults:\n  desired_retnetion: 0.8\n',
      '3:3',
      'unknown-key',
      'unknown key "desired_retnetion"; did you mean "desired_retention"?',
    ],
    [
      'unknown key in a deck section',
      'deck_dirs: [DECKS]\ndecks:\n  spanish:\n    new_per_dya: 5\n',
      '4:5',
      'unknown-key',
      'unknown key "new_per_dya"; did you mean "new_per_day"?',
    ],
    [
      'unknown deck id',
      'deck_dirs: [DECKS]\ndecks:\n  spansh:\n    new_per_day: 5\n',
      '3:3',
      'unknown-deck',
      'decks: no deck has the id "spansh"; did you mean "spanish"?',
    ],
    [
      'unknown deck id, nothing near',
      'deck_dirs: [DECKS]\ndecks:\n  quantum-chemistry:\n    new_per_day: 5\n',
      '3:3',
      'unknown-deck',
      'decks: no deck has the id "quantum-chemistry", so its settings are unused',
    ],
    [
      'missing deck folder',
      'deck_dirs:\n  - DECKS\n  - HOME/gone\n',
      '3:5',
      'missing-deck-dir',
      'deck_dirs: "HOME/gone" does not exist',
    ],
  ])('%s: lint warns, located, and exits 0', async (_, config, at, rule, message) => {
    const { env, file } = withConfig(config);
    const said = message.replaceAll('HOME', env.HOME!);
    const run = await recall(['lint'], env);
    expect(run.status).toBe(0);
    // The shipped decks have warnings of their own: only config.yaml's are looked at.
    expect(ofConfig(lines(run.stdout), file)).toEqual([`${file}:${at}: warning: ${said}`]);

    const json = await recall(['lint', '--json'], env);
    const out = JSON.parse(json.stdout) as { warnings: number; problems: JsonProblem[] };
    const [line, col] = at.split(':').map(Number);
    expect(out.problems.filter((p) => p.file === file)).toEqual([
      { file, line, col, severity: 'warning', rule, message: said },
    ]);

    // doctor lists it too; status says it in one line and works.
    const doctor = await recall(['doctor'], env);
    expect(ofConfig(lines(doctor.stdout), file)).toEqual([`${file}:${at}: warning: ${said}`]);
    const status = await recall(['status'], env);
    expect(status.status).toBe(0);
    expect(ofConfig(lines(status.stderr), file)).toEqual([`${file}:${at}: warning: ${said}`]);
  });

  it('uses the config all the same: the deck folder and the settings it knows', async () => {
    const { env } = withConfig(
      'deck_dirs: [DECKS, HOME/gone]\ndefaults:\n  new_per_dya: 1\n  new_per_day: 0\n',
    );
    const status = JSON.parse((await recall(['status', '--json'], env)).stdout) as {
      decks: { id: string; new: number }[];
    };
    expect(status.decks.find((d) => d.id === 'spanish')).toMatchObject({ new: 0 });
  });

  it('checks deck ids only when every deck was read', async () => {
    const { env } = withConfig('decks:\n  spansh:\n    new_per_day: 5\n');
    const decks = join(env.HOME!, 'decks');
    const run = await recall(['lint', decks], env);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('1 deck, 1 card: 0 errors, 0 warnings\n');
  });

  it('names no deck id while a deck file could not be read: it may be that deck', async () => {
    const { env, file } = withConfig('deck_dirs: [DECKS]\ndecks:\n  spanish:\n    fuzz: false\n');
    writeFileSync(join(env.HOME!, 'decks', 'spanish.yaml'), 'id: spanish\nname: [\n');
    const run = await recall(['lint'], env);
    expect(run.status).toBe(1);
    expect(ofConfig(lines(run.stdout), file)).toEqual([]);
  });

  it('says several in one line outside lint and doctor', async () => {
    const { env, file } = withConfig(
      'deck_dirs: [DECKS]\nfoo: 1\ndecks:\n  spansh:\n    new_per_dya: 5\n',
    );
    const status = await recall(['status'], env);
    expect(ofConfig(lines(status.stderr), file)).toEqual([`${file}: 3 warnings: run recall lint`]);
    const lint = await recall(['lint'], env);
    expect(ofConfig(lines(lint.stdout), file).map((l) => l.slice(file.length + 1))).toEqual([
      '2:1: warning: unknown key "foo" (ignored)',
      '4:3: warning: decks: no deck has the id "spansh"; did you mean "spanish"?',
      '5:5: warning: unknown key "new_per_dya"; did you mean "new_per_day"?',
    ]);
  });

  it('on home, under its "run recall lint" already, counts them without saying it again', () => {
    const at = (line: number) => ({
      file: '/c/config.yaml',
      line,
      col: 1,
      severity: 'warning' as const,
      rule: 'unknown-key',
      message: 'unknown key "x" (ignored)',
    });
    expect(oneConfigLine([at(1), at(2)], false)).toEqual(['/c/config.yaml: 2 warnings']);
    expect(oneConfigLine([at(1), at(2)])).toEqual(['/c/config.yaml: 2 warnings: run recall lint']);
  });

  it('home gets one line, and keeps it when the decks are read again', async () => {
    const { env, file } = withConfig('deck_dirs: [DECKS]\ndecks:\n  spansh:\n    fuzz: false\n');
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    try {
      const opened = await openCollection([], env);
      const line = `${file}:3:3: warning: decks: no deck has the id "spansh"; did you mean "spanish"?`;
      expect(oneConfigLine(opened.configWarnings)).toEqual([line]);
      // The deck renamed to the id the settings name: the warning goes with the next read.
      const decks = join(env.HOME!, 'decks');
      writeFileSync(join(decks, 'spanish.yaml'), spanish.replace('id: spanish', 'id: spansh'));
      const reloaded = await reloadDecks(opened.collection, [], env);
      expect(reloaded?.problems.filter((p) => p.startsWith(file))).toEqual([]);
      await (reloaded?.collection ?? opened.collection).store.close();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('shows a key with terminal controls spelled out', async () => {
    const { env, file } = withConfig('deck_dirs: [DECKS]\n"\\e]0;owned\\a": 1\n');
    const run = await recall(['lint'], env);
    expect(run.stdout).not.toMatch(/\x1b|\x07/);
    expect(ofConfig(lines(run.stdout), file)).toEqual([
      `${file}:2:1: warning: unknown key "\\u001b]0;owned\\u0007" (ignored)`,
    ]);
  });
});
