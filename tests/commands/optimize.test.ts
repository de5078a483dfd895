import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { progressBar } from '../../src/commands/optimize.js';
import { loadConfig, settingsFor } from '../../src/config/config.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { displayWidth } from '../../src/text/width.js';
import { isolatedEnv, recallInProcess as recall, tmpDir } from '../support/cli.js';
import { writeLearner } from '../support/learner.js';

let learner: { deckDir: string; dataDir: string; reviews: number };

beforeAll(() => {
  learner = writeLearner(tmpDir(), {
    cards: 300,
    days: 60,
    seed: 11,
    start: Date.UTC(2026, 0, 5, 9),
  });
});

/** A fresh config folder (with `config` as its config.yaml) over the shared learner's files. */
function envWith(config?: string) {
  const env = isolatedEnv({
    NO_COLOR: '1',
    RECALL_HOME: learner.dataDir,
    RECALL_NOW: '2026-03-06T10:00:00Z',
  });
  const dir = join(env.XDG_CONFIG_HOME!, 'recall');
  const file = join(dir, 'config.yaml');
  if (config !== undefined) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, config);
  }
  return { env, file };
}

describe('recall optimize', () => {
  it('with --dry-run compares on later reviews and writes nothing; --json gives the figures', async () => {
    const { env, file } = envWith();
    const run = await recall(['optimize', learner.deckDir, '--dry-run', '--json'], env);
    expect(run.stderr).toBe(`training on ${learner.reviews} reviews of 300 cards…\n`);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({
      target: 'decks.learner.fsrs',
      better: true,
      written: false,
      cards: 300,
    });
    expect(out.new.parameters).toHaveLength(21);
    expect(out.new.logLoss).toBeLessThan(out.current.logLoss);
    expect(out.current.personal).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it('--preset saves parameters that predict better as a preset the decks then use', async () => {
    const { env, file } = envWith('# my settings\ndefaults:\n  new_per_day: 15\n');
    const run = await recall(['optimize', learner.deckDir, '--preset', 'slow-forgetter'], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/in use \(FSRS defaults\) +0\.\d{4} +\d+\.\d\d%\nnew +0\.\d{4}/);
    expect(run.stdout).toContain(
      'The new parameters predict better: saved as presets.slow-forgetter.fsrs',
    );
    expect(run.stdout).toMatch(
      /\nits history gives with them now: recall reschedule '?[^\n]*decks'?\n$/,
    );
    // An 80-column terminal wraps no line of its own (the paths aside).
    for (const line of run.stdout.split('\n').filter((l) => !l.includes('/'))) {
      expect(line.length).toBeLessThanOrEqual(80);
    }
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# my settings\n/);
    expect(text).toMatch(
      /presets:\n {2}slow-forgetter:\n {4}fsrs:\n {6}parameters: \[ [\d., ]+ \]\n {6}trained: 2026-03-06\n {6}reviews: \d+\n {6}log_loss: 0\.\d+\n {6}rmse: 0\.\d+\n/,
    );
    const config = await loadConfig(env);
    expect(config.perDeck.learner?.preset).toBe('slow-forgetter');
    const mine = settingsFor(config, 'learner');
    expect(mine.fsrs?.w).toHaveLength(21);
    expect(mine.newPerDay).toBe(15);
    expect(settingsFor(config, 'other').fsrs).toBeUndefined();
    // Review schedules with them: Good on the next day gives another due date than the defaults'.
    const at = Date.parse('2026-03-06T10:00:00Z');
    const good = (s: Scheduler) => s.rate('k', s.rate('k', null, 3, at), 3, at + 86_400_000).due;
    expect(good(new Scheduler(mine))).not.toBe(good(new Scheduler(settingsFor(config, 'other'))));
  });

  it('says how many more reviews it needs below the minimum, and exits 1', async () => {
    const small = writeLearner(tmpDir(), {
      cards: 10,
      days: 4,
      seed: 3,
      start: Date.UTC(2026, 0, 5, 9),
    });
    const run = await recall(
      ['optimize', small.deckDir],
      isolatedEnv({ RECALL_HOME: small.dataDir }),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^recall: \d+ reviews? to learn from \(a review of a card seen on an earlier day\); FSRS needs 64: about \d+ more\n$/,
    );
  });

  it('refuses several decks without --preset, and a preset name that is not a name (exit 2)', async () => {
    const decks = tmpDir();
    for (const id of ['one', 'two']) {
      writeFileSync(
        join(decks, `${id}.yaml`),
        `id: ${id}\nname: ${id}\ncards:\n  - {id: a, q: a, a: b}\n`,
      );
    }
    const { env } = envWith();
    const several = await recall(['optimize', decks], env);
    expect(several.status).toBe(2);
    expect(several.stderr).toContain('the paths hold 2 decks: give one deck, or --preset NAME');
    const bad = await recall(['optimize', '--preset', '../x'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('a preset name is letters, digits, - and _');
  });

  it('draws its progress line narrower than the terminal, down to 40 columns and below', () => {
    const label = 'training on 30817 reviews of 3000 cards';
    expect(progressBar(label, 0.5, 80)).toMatch(/^training on .* ▕█{16} {16}▏ 50%$/);
    for (const columns of [80, 50, 40, 20]) {
      for (const done of [0, 0.5, 1]) {
        expect(displayWidth(progressBar(label, done, columns))).toBeLessThan(columns);
      }
    }
    expect(progressBar(label, 1, 40)).toMatch(/ 100%$/);
  });
});
