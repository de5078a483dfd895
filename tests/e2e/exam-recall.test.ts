import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { srsToStored } from '../../src/store/convert.js';
import type { ReviewEntry } from '../../src/store/model.js';
import { cliPath, isolatedEnv, requireBuild } from '../support/cli.js';

beforeAll(requireBuild);

it('status --json and stats --json print the same exam-day recall', () => {
  const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00.000Z' });
  const deck = join(env.HOME!, 'exam.yaml');
  writeFileSync(
    deck,
    'id: ex\nname: Exam deck\nexam: "2026-03-20"\ncards:\n  - { id: a, q: A, a: a }\n  - { id: b, q: B, a: b }\n',
  );
  // One review at an odd time of day, so whole and fractional days since it differ.
  const at = new Date('2026-03-03T17:41:00Z');
  const next = new Scheduler(defaultDeckSettings).rate('ex/a', null, 3, at.getTime());
  const entry: ReviewEntry = {
    v: 1,
    id: 'r1',
    kind: 'review',
    card: 'ex/a',
    rating: 3,
    reviewedAt: at.toISOString(),
    durationMs: 1000,
    ...srsToStored(next),
    prev: null,
  };
  mkdirSync(env.RECALL_HOME!, { recursive: true });
  writeFileSync(join(env.RECALL_HOME!, 'reviews.jsonl'), `${JSON.stringify(entry)}\n`);

  const run = (cmd: string) => {
    const r = spawnSync(process.execPath, [cliPath, cmd, '--json', deck], {
      env,
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout);
  };
  const status = run('status').decks[0].exam.predictedRecall;
  expect(status).toBeGreaterThan(0);
  expect(run('stats').exam.expectedRecall).toBe(status);
});

it('stops on an exam date that is no calendar day in config.yaml with its location, not a crash', () => {
  const env = isolatedEnv();
  mkdirSync(join(env.XDG_CONFIG_HOME!, 'recall'), { recursive: true });
  writeFileSync(
    join(env.XDG_CONFIG_HOME!, 'recall', 'config.yaml'),
    'defaults:\n  exam: "2026-02-31"\n',
  );
  const r = spawnSync(process.execPath, [cliPath, 'stats', '--json'], { env, encoding: 'utf8' });
  expect(r.stderr).toMatch(
    /^recall: \S*config\.yaml:2:9: defaults\.exam: must be a calendar day written YYYY-MM-DD\n$/,
  );
  expect(r.status).toBe(1);
});

it.each([['status'], ['stats']])(
  'takes a RECALL_NOW no schedule can use for a one-line usage error in `%s` (stats: was exit 70)',
  (command) => {
    const env = isolatedEnv({ RECALL_NOW: '-271821-04-20T00:00:00Z' });
    const r = spawnSync(process.execPath, [cliPath, command], { env, encoding: 'utf8' });
    expect(r.stderr).toBe(
      'recall: RECALL_NOW is not between 1970 and 9999: "-271821-04-20T00:00:00Z"\n',
    );
    expect(r.status).toBe(2);
  },
);

it('takes RECALL_NOW=garbage for a one-line usage error (exit 2)', () => {
  const env = isolatedEnv({ RECALL_NOW: 'garbage' });
  const r = spawnSync(process.execPath, [cliPath, 'status'], { env, encoding: 'utf8' });
  expect(r.stderr).toBe('recall: RECALL_NOW is not an ISO-8601 date: "garbage"\n');
  expect(r.status).toBe(2);
});
