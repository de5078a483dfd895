/**
 * Fault injection, terminal class: deck files with hostile names (OSC 52 clipboard writes, OSC 0
 * window titles, CSI, C1 controls) and hostile text in the data files beside them (review log
 * keys, quiz history, config keys, a tampered deck cache) go through every printing command and
 * the home and stats screens; no ESC, BEL or C1 control may reach stdout or stderr.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it } from 'vitest';
import { openCollection } from '../../src/app/open.js';
import { AppContainer, firstNav } from '../../src/ui/AppContainer.js';
import { KeyRouter } from '../../src/ui/hooks/use-keys.js';
import { removeTempDirs, review, state, tempDir } from '../store/entries.js';
import { isolatedEnv, recallInProcess as recall } from '../support/cli.js';
import { frameMatching } from '../support/ink.js';

afterAll(removeTempDirs);

/** What a terminal would act on: ESC, BEL, the C1 controls (CSI as one byte: U+009B). */
const CONTROL = /[\x07\x1b\x80-\x9f]/;
const OSC52 = '\x1b]52;c;cm0gLXJmIH4=\x07';
const TITLE = '\x1b]0;pwned\x07';
const CSI = '\x1b[2J\x9b31m';

function hostileCollection() {
  const decks = tempDir();
  // Each deck has a card without an id (a warning naming the file) or is broken (an error).
  writeFileSync(
    join(decks, `clip${OSC52}.yaml`),
    `name: Clip${TITLE}\ncards:\n  - {q: "q${CSI}", a: a}\n`,
  );
  writeFileSync(
    join(decks, `title${TITLE}.yaml`),
    'name: Title\ncards:\n  - {id: t, q: q, a: a}\n',
  );
  writeFileSync(join(decks, `csi${CSI}.yaml`), 'name: [unclosed\n');
  writeFileSync(join(decks, `dup${OSC52}.yaml`), 'id: title\nname: Dup\ncards: []\n');
  const env = isolatedEnv({ NO_COLOR: '1', RECALL_NOW: '2025-03-05T12:00:00Z' });
  mkdirSync(env.RECALL_HOME!, { recursive: true });
  writeFileSync(
    join(env.RECALL_HOME!, 'reviews.jsonl'),
    [review(`title/gone${OSC52}`, state(2), null), review('title/t', state(1), null)]
      .map((l) => `${JSON.stringify(l)}\n`)
      .join(''),
  );
  writeFileSync(
    join(env.RECALL_HOME!, 'quizzes.jsonl'),
    `${JSON.stringify({
      id: 'q1',
      at: '2025-03-01T10:00:00.000Z',
      selection: { decks: [`d${TITLE}`], tags: [`t${CSI}`] },
      seed: `s${OSC52}`,
      count: 1,
      correct: 1,
      durationMs: 1000,
      questions: [],
    })}\n`,
  );
  return { decks, env };
}

/** Every output of `run`, with the control that leaked, if any. */
function leaks(outputs: Record<string, { stdout: string; stderr: string }>): string[] {
  return Object.entries(outputs).flatMap(([name, run]) =>
    (['stdout', 'stderr'] as const)
      .filter((s) => CONTROL.test(run[s]))
      .map((s) => `${name} ${s}: ${JSON.stringify(run[s])}`),
  );
}

describe('hostile file names and data through every output', () => {
  it('reach no command output with a control character', async () => {
    const { decks, env } = hostileCollection();
    const commands = {
      status: ['status', decks],
      'status --json': ['status', '--json', decks],
      lint: ['lint', decks],
      'lint --json': ['lint', '--json', decks],
      export: ['export', decks],
      'export --json': ['export', '--json', decks],
      doctor: ['doctor', decks],
      'doctor --json': ['doctor', '--json', decks],
      stats: ['stats', decks],
      'stats --json': ['stats', '--json', decks],
      'quiz --history': ['quiz', '--history'],
      'quiz --history --json': ['quiz', '--history', '--json'],
      browse: ['browse', '', decks],
      'browse --json': ['browse', '--json', '', decks],
      tags: ['tags', decks],
    };
    const outputs: Record<string, { stdout: string; stderr: string }> = {};
    for (const [name, args] of Object.entries(commands)) outputs[name] = await recall(args, env);
    // The hostile names were read: the outputs do name those files.
    expect(outputs.lint!.stdout).toContain('title\\x1b]0;pwned\\x07.yaml');
    expect(outputs.doctor!.stdout).toContain('title/gone\\x1b]52;c;cm0gLXJmIH4=\\x07');
    expect(leaks(outputs)).toEqual([]);
    expect(Object.keys(outputs)).toHaveLength(15);
  });

  it('an unknown config key with controls is quoted safely in the config warning', async () => {
    const env = isolatedEnv({ NO_COLOR: '1' });
    mkdirSync(join(env.XDG_CONFIG_HOME!, 'recall'), { recursive: true });
    writeFileSync(join(env.XDG_CONFIG_HOME!, 'recall', 'config.yaml'), `"k${OSC52}": 1\n`);
    const run = await recall(['status', tempDir()], env);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('config.yaml');
    expect(leaks({ status: run })).toEqual([]);
  });

  it('deck text from a tampered deck cache is not shown raw', async () => {
    const decks = tempDir();
    writeFileSync(
      join(decks, 'es.yaml'),
      'name: Spanish\ncards:\n  - {id: h, q: hola, a: hello}\n',
    );
    const env = isolatedEnv({ NO_COLOR: '1' });
    await recall(['status', decks], env);
    const folder = join(env.XDG_CACHE_HOME!, 'recall', 'decks');
    const [entry] = readdirSync(folder);
    const file = join(folder, entry!);
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('"Spanish"', JSON.stringify(`Spanish${TITLE}\u0085`))
        .replace('"hola"', JSON.stringify(`hola${OSC52}`)),
    );
    const outputs = {
      status: await recall(['status', decks], env),
      export: await recall(['export', decks], env),
    };
    expect(outputs.status.stdout).toContain('Spanish');
    expect(outputs.export.stdout).toContain('hola');
    expect(leaks(outputs)).toEqual([]);
  });

  it('reach neither the home screen nor the stats screen', async () => {
    const { decks, env } = hostileCollection();
    const opened = await openCollection([decks], env);
    const now = Date.parse('2025-03-05T12:00:00Z');
    const clock = () => now;
    const { collection, problems } = opened;
    try {
      const view = render(
        <KeyRouter>
          <AppContainer
            collection={collection}
            problems={problems}
            clock={clock}
            startedHome
            initial={firstNav(collection, clock, { screen: 'home' })}
          />
        </KeyRouter>,
      );
      // Ink's own colours are the only escapes a frame may hold.
      const shown = (frame: string) => frame.replace(/\x1b\[[0-9;]*m/g, '');
      const home = await frameMatching(view.lastFrame, 'problems (run recall lint)');
      expect(home).toContain('clip\\x1b]52;c;');
      view.stdin.write('s');
      const stats = await frameMatching(view.lastFrame, /reviews/);
      expect(leaks({ home: { stdout: shown(home), stderr: '' } })).toEqual([]);
      expect(leaks({ stats: { stdout: shown(stats), stderr: '' } })).toEqual([]);
      view.unmount();
    } finally {
      await collection.store.close();
    }
  });
});
