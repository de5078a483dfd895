import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openCollection } from '../../src/app/open.js';
import { removeTempDirs, review, state, tempDir } from '../store/entries.js';
import { isolatedEnv, recallInProcess as recall } from '../support/cli.js';

afterAll(removeTempDirs);

/** A deck folder and a progress folder with `keys` reviewed once each. */
function setup(files: Record<string, string>, keys: (decks: string) => readonly string[]) {
  const decks = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(decks, name), text);
  const env = isolatedEnv({ NO_COLOR: '1', RECALL_NOW: '2025-03-05T12:00:00Z' });
  mkdirSync(env.RECALL_HOME!, { recursive: true });
  writeFileSync(
    join(env.RECALL_HOME!, 'reviews.jsonl'),
    keys(decks)
      .map((k) => `${JSON.stringify(review(k, state(1), null))}\n`)
      .join(''),
  );
  const lint = () => recall(['lint', decks], env);
  /** What home lists under the decks: the problems the collection opened with. */
  const home = async () => {
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    try {
      const { collection, problems, lost } = await openCollection([decks], env);
      const shown = [...(await lost()), ...problems];
      await collection.store.close();
      return shown;
    } finally {
      vi.unstubAllEnvs();
    }
  };
  return { decks, lint, home, env };
}

const keysOf = async (decks: string) =>
  JSON.parse((await recall(['export', '--json', decks])).stdout).map((c: { key: string }) => c.key);

describe('progress that no longer matches a card', () => {
  it('a reviewed card whose id was renamed: lint and home name the move', async () => {
    const { decks, lint, home } = setup(
      {
        'es.yaml':
          'id: es\nname: Spanish\ncards:\n  - {id: hola, q: hola, a: hello}\n  - {id: uno, q: uno, a: one}\n',
      },
      () => ['es/hola', 'es/uno'],
    );
    writeFileSync(
      join(decks, 'es.yaml'),
      'id: es\nname: Spanish\ncards:\n  - {id: saludo, q: hola, a: hello}\n  - {id: uno, q: uno, a: one}\n',
    );
    const message =
      "1 card's progress no longer matches a card: run `recall doctor --move es/hola=es/saludo`";
    const run = await lint();
    expect(run.stdout).toContain(`warning: ${message}\n`);
    expect(run.stderr).toMatch(/: 0 errors, 1 warning\n$/);
    expect(await home()).toEqual([message]);
  });

  it('a deck file without `id:` renamed: the whole-deck move', async () => {
    const text =
      'name: Spanish\ncards:\n  - {id: hola, q: hola, a: hello}\n  - {id: uno, q: uno, a: one}\n';
    const { decks, lint, home } = setup({ 'spanish.yaml': text }, () => [
      'spanish/hola',
      'spanish/uno',
    ]);
    renameSync(join(decks, 'spanish.yaml'), join(decks, 'es-vocab.yaml'));
    const message =
      "2 cards' progress no longer matches a card: run `recall doctor --move spanish=es-vocab`";
    expect((await lint()).stdout).toContain(`warning: ${message}\n`);
    expect(await home()).toEqual([message]);
  });

  it('a reviewed cloze without an id whose gaps were reordered', async () => {
    const before = 'id: d\nname: D\ncards:\n  - cloze: "{{jobs}} hold {{runs}}"\n';
    const { decks, lint, home } = setup({ 'd.yaml': before }, () => []);
    const [c1, c2] = await keysOf(decks);
    const { lint: lint2, home: home2, decks: decks2 } = setup({ 'd.yaml': before }, () => [c1, c2]);
    writeFileSync(
      join(decks2, 'd.yaml'),
      'id: d\nname: D\ncards:\n  - cloze: "{{runs}} hold {{jobs}}"\n',
    );
    const [n1] = await keysOf(decks2);
    const from = c1.slice(0, c1.indexOf(':'));
    const to = n1.slice(0, n1.indexOf(':'));
    const message = `2 cards' progress no longer matches a card: run \`recall doctor --move ${from}=${to}\``;
    expect((await lint2()).stdout).toContain(`warning: ${message}\n`);
    // Home lists it first, above the deck's own warnings (the cloze has no id).
    expect((await home2())[0]).toBe(message);
    // The untouched collection has nothing to say.
    expect((await lint()).stdout).not.toContain('progress no longer matches');
    expect((await home()).join('\n')).not.toContain('progress no longer matches');
  });

  it('names no target when it is not clear, and points at doctor', async () => {
    const { decks, lint } = setup(
      { 'es.yaml': 'id: es\nname: Spanish\ncards:\n  - {id: hola, q: hola, a: hello}\n' },
      () => ['es/hola'],
    );
    // Two new cards could be the renamed one.
    writeFileSync(
      join(decks, 'es.yaml'),
      'id: es\nname: Spanish\ncards:\n  - {id: a, q: hola, a: hello}\n  - {id: b, q: uno, a: one}\n',
    );
    expect((await lint()).stdout).toContain(
      "warning: 1 card's progress no longer matches a card: see `recall doctor`\n",
    );
  });

  describe('a reviewed cloze with an id whose gaps were reordered', () => {
    const deck = (cloze: string) =>
      `id: d\nname: D\ncards:\n  - id: boil\n    cloze: "${cloze}"\n    explain: Air pressure.\n`;
    const original = deck('Water boils at {{100}} °C at {{sea level}}.');
    const swapped = deck('At {{sea level}}, water boils at {{100}} °C.');
    const doctorOf = (decks: string, env: Record<string, string>) => (args: string[]) =>
      recall(['doctor', decks, ...args], env);

    it('lint and home name the move, until doctor makes it', async () => {
      const { decks, lint, home, env } = setup({ 'd.yaml': original }, () => ['d/boil:c1']);
      // Seen once as it was learned: nothing to say.
      expect((await lint()).stdout).not.toContain('warning: 1 card');
      expect(await home()).toEqual([]);
      writeFileSync(join(decks, 'd.yaml'), swapped);
      const message =
        "1 card's progress is under another gap of a reordered cloze: run `recall doctor --move d/boil:c1=d/boil:c2 --force`";
      const run = await lint();
      expect(run.stdout).toBe(`warning: ${message}\n`);
      expect(run.stderr).toMatch(/: 0 errors, 1 warning\n$/);
      expect(await home()).toEqual([message]);
      // Still said on the next start: the order it was learned on waits for the move.
      expect(await home()).toEqual([message]);
      const doctor = await doctorOf(decks, env)(['--move', 'd/boil:c1=d/boil:c2', '--force']);
      expect(doctor.stdout).toBe('moved progress: d/boil:c1 → d/boil:c2 (1 review)\n');
      expect(doctor.status).toBe(0);
      expect((await lint()).stdout).toBe('');
      expect(await home()).toEqual([]);
      const exported = JSON.parse((await recall(['export', '--json', decks], env)).stdout) as {
        key: string;
        reps: number;
      }[];
      expect(exported.map((c) => `${c.key} ${c.reps}`)).toEqual(['d/boil:c1 0', 'd/boil:c2 1']);
    });

    it('two reviewed gaps swapped: doctor swaps their progress in one step', async () => {
      const { decks, lint, home, env } = setup({ 'd.yaml': original }, () => []);
      // Different progress on each gap: c1 (100) reviewed 3 times, c2 (sea level) once.
      writeFileSync(
        join(env.RECALL_HOME!, 'reviews.jsonl'),
        [review('d/boil:c1', state(3), null), review('d/boil:c2', state(1), null)]
          .map((e) => `${JSON.stringify(e)}\n`)
          .join(''),
      );
      await home();
      writeFileSync(join(decks, 'd.yaml'), swapped);
      const moves = '--move d/boil:c2=d/boil:c1 --move d/boil:c1=d/boil:c2';
      expect((await lint()).stdout).toContain(
        `2 cards' progress is under another gap of a reordered cloze: run \`recall doctor ${moves} --force\``,
      );
      // Without --force a card's own progress stays put.
      const refused = await doctorOf(decks, env)(moves.split(' '));
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(
        /is a card in your decks; only orphans can be moved \(--force/,
      );
      const doctor = await doctorOf(decks, env)([...moves.split(' '), '--force']);
      expect(doctor.status).toBe(0);
      const reps = JSON.parse((await recall(['export', '--json', decks], env)).stdout) as {
        key: string;
        reps: number;
      }[];
      expect(reps.map((c) => `${c.key} ${c.reps}`)).toEqual(['d/boil:c1 1', 'd/boil:c2 3']);
      expect(await home()).toEqual([]);
    });

    it('says nothing for a gap rewritten, or a reorder of gaps never reviewed', async () => {
      const { decks, lint, home } = setup({ 'd.yaml': original }, () => ['d/boil:c1']);
      await home();
      writeFileSync(join(decks, 'd.yaml'), deck('Water boils at {{212}} °F at {{sea level}}.'));
      expect(await home()).toEqual([]);
      // The rewrite is the order now: putting 212 second moves c1's progress to c2.
      writeFileSync(join(decks, 'd.yaml'), deck('At {{sea level}} it is {{212}} °F.'));
      expect((await lint()).stdout).toContain('--move d/boil:c1=d/boil:c2 --force');
      const other = setup({ 'd.yaml': original }, () => ['d/boil:c2']);
      await other.home();
      writeFileSync(join(other.decks, 'd.yaml'), deck('{{100}} {{sea level}} {{more}}'));
      expect(await other.home()).toEqual([]);
    });
  });
});
