/**
 * Machines for the end-to-end sync tests, each as a user has one: a private HOME with its own
 * progress, config and cache folders (so its own device id, made by recall), `sync.remote` in
 * its config.yaml, and its own copy of the decks (deck edits travel by the user's own means,
 * `copyDecks`). Commands run as the built binary; ratings are written in process through the
 * app's own Recorder, as the review screen writes them, at fixed times.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openCollection } from '../../src/app/open.js';
import { Recorder } from '../../src/app/recorder.js';
import { cardPrompt } from '../../src/core/card-prompt.js';
import type { Rating } from '../../src/core/model.js';
import { cliPath, isolatedEnv } from '../support/cli.js';

export type Machine = {
  readonly name: string;
  readonly env: Record<string, string>;
  /** The progress folder (RECALL_HOME). */
  readonly progress: string;
  /** This machine's copy of the decks, passed to every command. */
  readonly decks: string;
};

/** A machine syncing with `remote` (none: it never syncs), holding `decks` (file name → YAML). */
export function machine(
  name: string,
  remote: string | null,
  decks: Readonly<Record<string, string>>,
): Machine {
  const env = isolatedEnv({ NO_COLOR: '1' });
  const config = join(env.XDG_CONFIG_HOME!, 'recall');
  mkdirSync(config, { recursive: true });
  if (remote !== null) writeFileSync(join(config, 'config.yaml'), `sync:\n  remote: ${remote}\n`);
  const dir = join(env.HOME!, 'decks');
  mkdirSync(dir);
  for (const [file, text] of Object.entries(decks)) writeFileSync(join(dir, file), text);
  return { name, env, progress: env.RECALL_HOME!, decks: dir };
}

/** Well above what twenty git processes take on a loaded machine: only a hang reaches it. */
const HANG_GUARD_MS = 60_000;

export type Run = {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
};

/** `recall ARGS` on machine `m` with the clock at `now`. */
export function run(
  m: Machine,
  args: readonly string[],
  now: string,
  extra: Record<string, string> = {},
): Run {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    env: { ...m.env, RECALL_NOW: now, ...extra },
    encoding: 'utf8',
    timeout: HANG_GUARD_MS,
  });
  if (r.error) throw new Error(`${m.name}: recall ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** `recall ARGS` that must succeed; its stdout. */
export function ok(m: Machine, args: readonly string[], now: string): string {
  const r = run(m, args, now);
  expect(r, `${m.name}: recall ${args.join(' ')}`).toMatchObject({ status: 0 });
  return r.stdout;
}

export const sync = (m: Machine, now: string): string => ok(m, ['sync'], now);

/** The device id recall made for this machine. */
export function deviceOf(m: Machine): string {
  return JSON.parse(readFileSync(join(m.progress, 'device.json'), 'utf8')).id as string;
}

export type Session = {
  /** Rates the card whose prompt is `prompt` at `at`; returns the log entry's id. */
  rate(prompt: string, rating: Rating, at: string): string;
  /** Undoes this session's rating `entryId` at `at` (refused: the test fails). */
  undo(entryId: string, at: string): void;
};

/**
 * A study session on `m` opened at `now`: the collection opened as the TUI opens it, ratings
 * recorded by the Recorder the review screen uses, the store closed (a checkpoint) at the end.
 */
export async function session(m: Machine, now: string, study: (s: Session) => void): Promise<void> {
  const { collection } = await openCollection([m.decks], { ...m.env, RECALL_NOW: now });
  try {
    const recorder = new Recorder(
      collection.store,
      (d) => collection.schedulerFor(d),
      (d) => collection.examFor(d),
    );
    const cards = collection.decks.flatMap((d) => d.cards);
    study({
      rate(prompt, rating, at) {
        const card = cards.find((c) => cardPrompt(c) === prompt);
        if (!card) throw new Error(`${m.name}: no card ${prompt}`);
        return recorder.rate(card.deckId, card.key, rating, Date.parse(at), 4000).entryId;
      },
      undo(entryId, at) {
        expect(recorder.undo(entryId, Date.parse(at)), `${m.name}: undo`).toBeUndefined();
      },
    });
  } finally {
    await collection.store.close();
  }
}

/** What the user does to bring deck edits across (git, a copy): the deck files, replaced. */
export function copyDecks(from: Machine, to: Machine): void {
  cpSync(from.decks, to.decks, { recursive: true });
}

/**
 * A machine of its own (no sync) holding a copy of each machine's own log and quiz file, taken
 * from that machine: all devices' entries replayed at once, from nothing, in one folder.
 */
export function replica(name: string, of: readonly Machine[]): Machine {
  const m = machine(name, null, {});
  copyDecks(of[0]!, m);
  for (const from of of) {
    const device = deviceOf(from);
    for (const folder of ['log', 'quizzes']) {
      const file = join(from.progress, folder, `${device}.jsonl`);
      if (!existsSync(file)) continue;
      mkdirSync(join(m.progress, folder), { recursive: true });
      cpSync(file, join(m.progress, folder, `${device}.jsonl`));
    }
  }
  return m;
}

/**
 * What the user sees of the collection: `status --json`, `stats --json` and `export --json`,
 * parsed. `lastSync` (when and with what this machine last synced) is the one per-machine field,
 * so it is left out of status; nothing else is.
 */
export function outputs(m: Machine, now: string) {
  const json = (command: string) => JSON.parse(ok(m, [command, '--json', m.decks], now));
  const { lastSync: _perMachine, ...status } = json('status');
  return { status, stats: json('stats'), export: json('export') as ExportRow[] };
}

export type ExportRow = {
  readonly key: string;
  readonly prompt: string;
  readonly state: string;
  readonly reps: number;
  readonly lapses: number;
  readonly stability: number | null;
  readonly due: string | null;
};

/** Every entry id in every log file of `m`. */
export function entryIds(m: Machine): Set<string> {
  const ids = new Set<string>();
  for (const f of readdirSync(join(m.progress, 'log'))) {
    for (const line of readFileSync(join(m.progress, 'log', f), 'utf8').split('\n')) {
      if (line !== '') ids.add((JSON.parse(line) as { id: string }).id);
    }
  }
  return ids;
}
