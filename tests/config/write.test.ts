import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, settingsFor } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/config-error.js';
import { writeFsrs } from '../../src/config/write.js';
import { tmpDir } from '../support/cli.js';

const fsrs = {
  parameters: Array.from({ length: 21 }, (_, i) => 0.1 + i / 10),
  trained: '2026-03-06',
  reviews: 1234,
  log_loss: 0.31,
  rmse: 0.042,
};

function configIn(text: string | null) {
  const home = tmpDir();
  const dir = join(home, 'recall');
  const file = join(dir, 'config.yaml');
  if (text !== null) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
  }
  return { env: { XDG_CONFIG_HOME: home, HOME: home }, file };
}

describe('writeFsrs', () => {
  it('writes a deck its own parameters, keeping the comments and keys already there', async () => {
    const { env, file } = configIn('# mine\ndecks:\n  spanish:\n    new_per_day: 5 # slow\n');
    await writeFsrs(file, { kind: 'deck', deck: 'spanish' }, fsrs);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# mine\n');
    expect(text).toContain('new_per_day: 5 # slow\n');
    const config = await loadConfig(env);
    expect(settingsFor(config, 'spanish')).toMatchObject({
      newPerDay: 5,
      fsrs: {
        w: fsrs.parameters,
        trained: '2026-03-06',
        reviews: 1234,
        logLoss: 0.31,
        rmse: 0.042,
      },
    });
    expect(settingsFor(config, 'french').fsrs).toBeUndefined();
  });

  it('makes config.yaml when there is none, under defaults: for every deck', async () => {
    const { env, file } = configIn(null);
    await writeFsrs(file, { kind: 'defaults' }, fsrs);
    expect(settingsFor(await loadConfig(env), 'any').fsrs?.w).toEqual(fsrs.parameters);
  });

  it('does not edit a config.yaml it could not read', async () => {
    const { file } = configIn('defaults:\n  desired_retention: 2\n');
    await expect(writeFsrs(file, { kind: 'defaults' }, fsrs)).rejects.toThrow(ConfigError);
    expect(readFileSync(file, 'utf8')).toBe('defaults:\n  desired_retention: 2\n');
  });
});

describe('presets', () => {
  it('layer between defaults and the deck, and a missing one is a located error', async () => {
    const ok = configIn(
      'defaults:\n  new_per_day: 10\n  desired_retention: 0.8\npresets:\n  lang:\n    desired_retention: 0.85\n    new_per_day: 30\ndecks:\n  es:\n    preset: lang\n    new_per_day: 40\n',
    );
    const config = await loadConfig(ok.env);
    expect(settingsFor(config, 'es')).toMatchObject({ retention: 0.85, newPerDay: 40 });
    expect(settingsFor(config, 'fr')).toMatchObject({ retention: 0.8, newPerDay: 10 });
    const missing = configIn('decks:\n  es:\n    preset: langs\n');
    await expect(loadConfig(missing.env)).rejects.toThrow(
      /config\.yaml:3:13: decks\.es\.preset: no preset "langs" under presets:/,
    );
  });

  it('refuse parameters that are not 21 numbers', async () => {
    const bad = configIn(
      'defaults:\n  fsrs:\n    parameters: [1, 2]\n    trained: 2026-03-06\n    reviews: 1\n    log_loss: 0.3\n    rmse: 0.1\n',
    );
    await expect(loadConfig(bad.env)).rejects.toThrow(
      /defaults\.fsrs\.parameters: FSRS-6 has 21 parameters/,
    );
  });
});
