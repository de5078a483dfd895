import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, settingsFor } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/config-error.js';

function withConfig(text: string | null) {
  const dir = mkdtempSync(join(tmpdir(), 'recall-config-'));
  if (text !== null) {
    const recallDir = join(dir, 'recall');
    mkdirSync(recallDir, { recursive: true });
    writeFileSync(join(recallDir, 'config.yaml'), text);
  }
  return { XDG_CONFIG_HOME: dir, HOME: dir };
}

/** A config.yaml written into the config folder of `env` (from withConfig). */
function withConfigIn(env: { XDG_CONFIG_HOME: string; HOME: string }, text: string) {
  mkdirSync(join(env.XDG_CONFIG_HOME, 'recall'), { recursive: true });
  writeFileSync(join(env.XDG_CONFIG_HOME, 'recall', 'config.yaml'), text);
  return env;
}

describe('config.yaml', () => {
  it('gives the documented defaults when there is no file', async () => {
    const c = await loadConfig(withConfig(null));
    expect(c.file).toBeNull();
    expect(c.dayStartsAt).toBe(4);
    expect(settingsFor(c, 'any')).toMatchObject({
      retention: 0.9,
      newPerDay: 20,
      reviewsPerDay: 200,
      learningSteps: ['1m', '10m'],
      fuzz: true,
    });
  });

  it('layers defaults, then per-deck settings, and lets the deck file supply an exam date', async () => {
    const c = await loadConfig(
      withConfig(
        'day_starts_at: 5\ndefaults:\n  new_per_day: 10\n  desired_retention: 0.85\ndecks:\n  exam-deck:\n    new_per_day: 50\n',
      ),
    );
    expect(c.dayStartsAt).toBe(5);
    expect(settingsFor(c, 'other')).toMatchObject({ newPerDay: 10, retention: 0.85 });
    expect(settingsFor(c, 'exam-deck', '2026-12-01')).toMatchObject({
      newPerDay: 50,
      retention: 0.85,
      exam: '2026-12-01',
    });
  });

  it('takes leech_threshold and leech_action globally and per deck (Anki defaults: 8, tag)', async () => {
    const c = await loadConfig(
      withConfig('defaults:\n  leech_threshold: 5\ndecks:\n  hard:\n    leech_action: suspend\n'),
    );
    expect(settingsFor(c, 'other')).toMatchObject({ leechThreshold: 5, leechAction: 'tag' });
    expect(settingsFor(c, 'hard')).toMatchObject({ leechThreshold: 5, leechAction: 'suspend' });
    await expect(loadConfig(withConfig('defaults:\n  leech_action: delete\n'))).rejects.toThrow(
      /config\.yaml:2:17: defaults\.leech_action: /,
    );
  });

  it('takes new_order, review_order and new_mix globally, per preset and per deck', async () => {
    const c = await loadConfig(
      withConfig(
        'defaults:\n  review_order: weakest\npresets:\n  lang:\n    new_order: interleaved\ndecks:\n  es:\n    preset: lang\n    new_mix: after\n',
      ),
    );
    expect(settingsFor(c, 'other')).toMatchObject({
      newOrder: 'file',
      reviewOrder: 'weakest',
      newMix: 'mixed',
    });
    expect(settingsFor(c, 'es')).toMatchObject({
      newOrder: 'interleaved',
      reviewOrder: 'weakest',
      newMix: 'after',
    });
    await expect(loadConfig(withConfig('defaults:\n  new_order: shuffled\n'))).rejects.toThrow(
      /config\.yaml:2:14: defaults\.new_order: new_order is `file` \(default\), `random` or `interleaved`/,
    );
  });

  it('takes load_balance and easy_days globally and per deck (on, every day normal)', async () => {
    const none = settingsFor(await loadConfig(withConfig(null)), 'any');
    expect(none).toMatchObject({ loadBalance: true, easyDays: [1, 1, 1, 1, 1, 1, 1] });
    const c = await loadConfig(
      withConfig(
        'defaults:\n  easy_days: {sat: 0.5, sun: 0}\ndecks:\n  work:\n    easy_days: {mon: 0.25}\n  flat:\n    load_balance: false\n',
      ),
    );
    expect(settingsFor(c, 'other').easyDays).toEqual([0, 1, 1, 1, 1, 1, 0.5]);
    // A deck's easy_days is its whole week: the weekend it would inherit is not kept.
    expect(settingsFor(c, 'work').easyDays).toEqual([1, 0.25, 1, 1, 1, 1, 1]);
    expect(settingsFor(c, 'flat')).toMatchObject({ loadBalance: false });
    await expect(loadConfig(withConfig('defaults:\n  easy_days: {sat: 2}\n'))).rejects.toThrow(
      /config\.yaml:2:.*defaults\.easy_days\.sat: a share from 0 to 1/,
    );
    const unknown = await loadConfig(withConfig('defaults:\n  easy_days: {saturday: 0}\n'));
    expect(unknown.warnings.map((w) => w.message)).toEqual(['unknown key "saturday" (ignored)']);
    expect(settingsFor(unknown, 'any').easyDays).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('counts quiz typos as right unless quiz.typos says wrong', async () => {
    expect((await loadConfig(withConfig(null))).quiz).toEqual({ typos: 'right' });
    expect((await loadConfig(withConfig('quiz:\n  typos: wrong\n'))).quiz).toEqual({
      typos: 'wrong',
    });
    await expect(loadConfig(withConfig('quiz:\n  typos: maybe\n'))).rejects.toThrow(
      /config\.yaml:2:10: quiz\.typos: typos is `right`/,
    );
  });

  it('names the file, line, column and key of an invalid value', async () => {
    const env = withConfig('defaults:\n  new_per_day: 10\n  desired_retention: 2\n');
    await expect(loadConfig(env)).rejects.toThrow(ConfigError);
    await expect(loadConfig(env)).rejects.toThrow(
      /config\.yaml:3:22: defaults\.desired_retention: /,
    );
  });

  it.each([
    [
      'defaults:\n  desired_retnetion: 0.8\n',
      '2:3: unknown key "desired_retnetion"; did you mean "desired_retention"?',
    ],
    [
      'defaults:\n  new_per_dya: 10\n',
      '2:3: unknown key "new_per_dya"; did you mean "new_per_day"?',
    ],
    [
      'decks:\n  es:\n    new_per_dya: 5\n',
      '3:5: unknown key "new_per_dya"; did you mean "new_per_day"?',
    ],
    ['decks:\n  es:\n    presett: x\n', '3:5: unknown key "presett"; did you mean "preset"?'],
    ['presets:\n  p:\n    fuz: false\n', '3:5: unknown key "fuz"; did you mean "fuzz"?'],
    ['day_start_at: 5\n', '1:1: unknown key "day_start_at"; did you mean "day_starts_at"?'],
    ['sync:\n  autto: true\n', '2:3: unknown key "autto"; did you mean "auto"?'],
    ['defaults:\n  easy_days: {mnon: 0}\n', '2:15: unknown key "mnon"; did you mean "mon"?'],
    ['colour: red\n', '1:1: unknown key "colour" (ignored)'],
    // A setting a level too high: only defaults, presets and decks take it.
    [
      'desired_retnetion: 0.9\n',
      '1:1: unknown key "desired_retnetion"; did you mean "desired_retention" under "defaults:"?',
    ],
    [
      'new_per_day: 10\n',
      '1:1: unknown key "new_per_day"; did you mean "new_per_day" under "defaults:"?',
    ],
  ])(
    'warns of an unknown key, with the known key it is likely a typo of: %j',
    async (text, want) => {
      const c = await loadConfig(withConfig(text));
      expect(c.warnings.map((w) => `${w.line}:${w.col}: ${w.message}`)).toEqual([want]);
      expect(c.warnings[0]).toMatchObject({ severity: 'warning', rule: 'unknown-key' });
      expect(c.warnings[0]!.file).toMatch(/config\.yaml$/);
    },
  );

  it('still uses the rest of a config with unknown keys, and still refuses a bad value', async () => {
    const c = await loadConfig(
      withConfig(
        'defaults:\n  new_per_dya: 5\n  new_per_day: 7\ndecks:\n  es:\n    preset: p\n    fuz: 1\npresets:\n  p:\n    desired_retention: 0.8\n',
      ),
    );
    expect(settingsFor(c, 'other').newPerDay).toBe(7);
    expect(settingsFor(c, 'es')).toMatchObject({ newPerDay: 7, retention: 0.8 });
    expect(c.warnings.map((w) => w.line)).toEqual([2, 7]);
    // The refinement that runs only on a clean object still runs once the unknown key is out.
    await expect(
      loadConfig(withConfig('decks:\n  es:\n    preset: nope\n    fuz: 1\n')),
    ).rejects.toThrow(/config\.yaml:3:13: decks\.es\.preset: no preset "nope"/);
    await expect(
      loadConfig(withConfig('defaults:\n  new_per_dya: 5\n  desired_retention: 2\n')),
    ).rejects.toThrow(/config\.yaml:3:22: defaults\.desired_retention: /);
  });

  it.each([
    ['deck_dirs: [nowhere]\n', '1:13', 'does not exist'],
    ['deck_dirs:\n  - FILE\n', '2:5', 'is not a folder'],
  ])('warns of a deck folder that is not there: %j', async (text, at, problem) => {
    const env = withConfig(null);
    const file = join(env.HOME, 'a-file');
    writeFileSync(file, '');
    const missing = join(env.HOME, 'nowhere');
    const c = await loadConfig(
      withConfigIn(env, text.replace('nowhere', missing).replace('FILE', file)),
    );
    const dir = problem === 'is not a folder' ? file : missing;
    expect(c.warnings.map((w) => `${w.line}:${w.col}: ${w.message}`)).toEqual([
      `${at}: deck_dirs: ${JSON.stringify(dir)} ${problem}`,
    ]);
    expect(c.deckDirs).toContain(dir);
  });

  it('gives no warnings for a config it knows all of, or none at all', async () => {
    expect((await loadConfig(withConfig(null))).warnings).toEqual([]);
    const env = withConfig(null);
    const c = await loadConfig(
      withConfigIn(env, `deck_dirs: [${env.HOME}]\ndefaults:\n  fuzz: false\n`),
    );
    expect(c.warnings).toEqual([]);
  });

  it('puts an unclosed quote at its opening quote, as deck files do', async () => {
    const env = withConfig('day_starts_at: 4\nexam: "2026-06-01\ndefaults:\n  new_per_day: 10\n');
    await expect(loadConfig(env)).rejects.toThrow(/config\.yaml:2:7: /);
  });

  it('reports YAML syntax errors with their position', async () => {
    await expect(loadConfig(withConfig('defaults: [\n'))).rejects.toThrow(/config\.yaml:\d+:\d+: /);
  });

  it.each([
    ['defaults:\n  exam: "2026-02-31"\n', 'config\\.yaml:2:9: defaults\\.exam: '],
    ['decks:\n  x:\n    exam: 2026-13-01\n', 'config\\.yaml:3:11: decks\\.x\\.exam: '],
    ['defaults:\n  exam: 2026-2-3\n', 'config\\.yaml:2:9: defaults\\.exam: '],
  ])('rejects an exam date that is not a calendar day, located: %j', async (text, where) => {
    await expect(loadConfig(withConfig(text))).rejects.toThrow(
      new RegExp(`${where}must be a calendar day written YYYY-MM-DD$`),
    );
  });

  it('reads a YAML 1.1 exam date as the text written, so a day past the month end is no day', async () => {
    const ok = await loadConfig(withConfig('%YAML 1.1\n---\ndefaults:\n  exam: 2026-12-01\n'));
    expect(settingsFor(ok, 'any').exam).toBe('2026-12-01');
    await expect(
      loadConfig(withConfig('%YAML 1.1\n---\ndefaults:\n  exam: 2026-02-31\n')),
    ).rejects.toThrow(
      /config\.yaml:4:9: defaults\.exam: must be a calendar day written YYYY-MM-DD$/,
    );
  });

  const laughs = (first: string) => {
    const levels = [`a: &a ${first}`];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    return `${levels.join('\n')}\n`;
  };

  it.each([
    ['of strings', laughs('[lol, lol, lol, lol, lol, lol, lol, lol, lol]'), '6:20'],
    ['of empty lists', laughs('[[], [], [], [], [], [], [], [], []]'), '7:8'],
  ])('stops a billion-laughs alias bomb %s with one located error', async (_, text, where) => {
    await expect(loadConfig(withConfig(text))).rejects.toThrow(
      new RegExp(
        `^\\S*config\\.yaml:${where}: aliases expand config\\.yaml past 1\\.0 MB, the most it may hold: refusing to expand them$`,
      ),
    );
  });

  it('locates an alias with no anchor before it, and one inside the node it names', async () => {
    await expect(loadConfig(withConfig('defaults:\n  fuzz: *f\n'))).rejects.toThrow(
      /config\.yaml:2:9: alias `\*f` has no anchor `&f` before it$/,
    );
    await expect(loadConfig(withConfig('deck_dirs: &d [a, *d]\n'))).rejects.toThrow(
      /config\.yaml:1:19: alias `\*d` is inside the node `&d` it names: it would never end$/,
    );
  });

  it('refuses more than 100 aliases at the first one, as decks do', async () => {
    const dirs = Array.from({ length: 101 }, () => '*d').join(', ');
    await expect(loadConfig(withConfig(`x: &d dir\ndeck_dirs: [${dirs}]\n`))).rejects.toThrow(
      /config\.yaml:2:13: too many aliases \(more than 100 resolved\): refusing to expand them$/,
    );
  });

  it('refuses a config.yaml over 1 MB, and one that is not a file, unread', async () => {
    await expect(
      loadConfig(withConfig(`# ${'x'.repeat(1024 * 1024)}\nday_starts_at: 5\n`)),
    ).rejects.toThrow(/config\.yaml: 1\.0 MB; the limit is 1\.0 MB/);
    const env = withConfig(null);
    mkdirSync(join(env.XDG_CONFIG_HOME, 'recall', 'config.yaml'), { recursive: true });
    await expect(loadConfig(env)).rejects.toThrow(/config\.yaml: not a file$/);
  });

  it.each([
    ['defaults:\n  learning_steps: [1m, 99999999d]\n', '2:24: defaults\\.learning_steps\\.1'],
    ['decks:\n  x:\n    relearning_steps: [876001h]\n', '3:24: decks\\.x\\.relearning_steps\\.0'],
    ['defaults:\n  learning_steps: [52560001m]\n', '2:20: defaults\\.learning_steps\\.0'],
  ])('refuses a step longer than the longest interval, located: %j', async (text, where) => {
    await expect(loadConfig(withConfig(text))).rejects.toThrow(
      new RegExp(`config\\.yaml:${where}: a step is at most 36500d \\(100 years\\)$`),
    );
  });

  it('takes a step of exactly 36500 days, in any unit', async () => {
    const c = await loadConfig(
      withConfig('defaults:\n  learning_steps: [36500d, 876000h, 52560000m]\n'),
    );
    expect(settingsFor(c, 'any').learningSteps).toEqual(['36500d', '876000h', '52560000m']);
  });

  it.each([
    ['decks:\n  __proto__:\n    new_per_day: 5\n', '2:3'],
    ['defaults:\n  new_per_day: 5\n__proto__:\n  day_starts_at: 9\n', '3:1'],
  ])(
    'refuses a `__proto__` key, located, instead of dropping or following it: %j',
    async (text, where) => {
      await expect(loadConfig(withConfig(text))).rejects.toThrow(
        new RegExp(`config\\.yaml:${where}: \`__proto__\` is not a key config\\.yaml knows$`),
      );
    },
  );
});

describe('sync settings', () => {
  it('are off and unset by default', async () => {
    expect((await loadConfig(withConfig(null))).sync).toEqual({ remote: null, auto: false });
  });

  it('read sync.remote as given, with only a leading ~/ expanded, and sync.auto', async () => {
    const env = withConfig('sync:\n  remote: ~/usb/recall.git\n  auto: true\n');
    expect((await loadConfig(env)).sync).toEqual({
      remote: join(env.HOME, 'usb/recall.git'),
      auto: true,
    });
    for (const remote of [
      'git@host:~/recall.git',
      'ssh://host/~me/recall.git',
      'https://example.com/r.git',
    ]) {
      expect((await loadConfig(withConfig(`sync:\n  remote: ${remote}\n`))).sync.remote).toBe(
        remote,
      );
    }
  });

  it.each([
    ['sync:\n  remote: ""\n', 'config\\.yaml:2:11: sync\\.remote: a git URL or path, e\\.g\\. '],
    [
      'sync:\n  remote: --upload-pack=x\n',
      'config\\.yaml:2:11: sync\\.remote: a git URL or path may not start with "-"$',
    ],
    ['sync:\n  remote: 3\n', 'config\\.yaml:2:11: sync\\.remote: '],
    ['sync:\n  auto: yes\n', 'config\\.yaml:2:9: sync\\.auto: '],
  ])('a bad value is located: %j', async (text, where) => {
    await expect(loadConfig(withConfig(text))).rejects.toThrow(new RegExp(where));
  });
});
