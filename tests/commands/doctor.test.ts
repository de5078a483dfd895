import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ProgressStore } from '../../src/store/progress.js';
import { removeTempDirs, review, state, tempDir } from '../store/entries.js';
import { isolatedEnv, recallInProcess as recall, reviewLog } from '../support/cli.js';

afterAll(removeTempDirs);

const spanish =
  'id: es\nname: Spanish\ncards:\n  - {id: hola, q: hola, a: hello}\n  - {id: uno, q: uno, a: one}\n';
const french = 'id: fr\nname: French\ncards:\n  - {id: oui, q: oui, a: yes}\n';

/**
 * Two decks in a private collection, and progress for `es/hola` (live), `es/adios` and
 * `fr/non` (orphans: no deck has those cards any more).
 */
function collection() {
  const decks = tempDir();
  writeFileSync(join(decks, 'es.yaml'), spanish);
  writeFileSync(join(decks, 'fr.yaml'), french);
  const env = isolatedEnv({ NO_COLOR: '1', RECALL_NOW: '2025-03-05T12:00:00Z' });
  mkdirSync(env.RECALL_HOME!, { recursive: true });
  const log = join(env.RECALL_HOME!, 'reviews.jsonl');
  const lines = [
    review('es/hola', state(3), null),
    review('es/adios', state(2), null),
    review('fr/non', state(1), null),
  ];
  writeFileSync(log, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  const doctor = (...args: string[]) => recall(['doctor', decks, ...args], env);
  // Without paths: every deck is read, so a deck no file has any more can be named.
  const everywhere = (...args: string[]) => {
    mkdirSync(join(env.XDG_CONFIG_HOME!, 'recall'), { recursive: true });
    writeFileSync(join(env.XDG_CONFIG_HOME!, 'recall', 'config.yaml'), `deck_dirs: [${decks}]\n`);
    return recall(['doctor', ...args], env);
  };
  const scoped = (...args: string[]) => recall(['doctor', join(decks, 'es.yaml'), ...args], env);
  const entries = () =>
    readFileSync(reviewLog(env.RECALL_HOME!), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; card: string; to?: string });
  const exported = async () =>
    (
      JSON.parse((await recall(['export', '--json', decks], env)).stdout) as {
        key: string;
        reps: number;
      }[]
    ).map((c) => `${c.key} ${c.reps}`);
  return { doctor, everywhere, scoped, entries, exported, log, decks, env };
}

const orphansOf = async (run: Promise<{ stdout: string }>) =>
  (JSON.parse((await run).stdout) as { orphans: string[] }).orphans;

describe('recall doctor', () => {
  it('lists orphaned progress with its state, exit 1, and says how to fix it', async () => {
    const { doctor } = collection();
    const run = await doctor();
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      'orphaned progress: es/adios (Review, 2 reviews, due 2025-03-03)\n' +
        'orphaned progress: fr/non (Review, 1 reviews, due 2025-03-02)\n',
    );
    expect(run.stderr).toMatch(
      /^2 cards have progress but no deck card: re-attach with `recall doctor --move OLD=NEW`/,
    );
    expect(await orphansOf(doctor('--json'))).toEqual(['es/adios', 'fr/non']);
  });

  it('shows orphan keys from the log without passing on terminal controls', async () => {
    const { doctor, log } = collection();
    appendFileSync(
      log,
      `${JSON.stringify(review('es/\x1b]0;owned\x07x\x1b[2J', state(1), null))}\n`,
    );
    const run = await doctor();
    expect(run.stdout).not.toMatch(/\x1b|\x07/);
    // Spelled out, not dropped: the key can be recognised (and typed into --move).
    expect(run.stdout).toContain('orphaned progress: es/\\x1b]0;owned\\x07x\\x1b[2J (Review');
    expect(JSON.parse((await doctor('--json')).stdout).orphans).toContain(
      'es/\x1b]0;owned\x07x\x1b[2J',
    );
  });

  it('says all good, exit 0, when every progress has its card', async () => {
    const { doctor } = collection();
    await doctor('--forget-orphans');
    expect(await doctor()).toEqual({ status: 0, stdout: '', stderr: 'all good\n' });
  });

  it('re-attaches an orphan to a card without progress (--move)', async () => {
    const { doctor, entries, exported } = collection();
    expect(await exported()).toEqual(['es/hola 3', 'es/uno 0', 'fr/oui 0']);
    const run = await doctor('--json', '--move', 'es/adios=es/uno');
    expect(JSON.parse(run.stdout).orphans).toEqual(['fr/non']);
    expect(entries().at(-1)).toMatchObject({ kind: 'move', card: 'es/adios', to: 'es/uno' });
    expect(await exported()).toEqual(['es/hola 3', 'es/uno 2', 'fr/oui 0']);
    expect(JSON.parse(run.stdout).moved).toEqual([{ from: 'es/adios', to: 'es/uno', reviews: 2 }]);
  });

  it('says what it moved and forgot, with the reviews that came with each', async () => {
    const { doctor } = collection();
    const run = await doctor('--move', 'es/adios=es/uno', '--forget', 'fr/non');
    expect(run).toEqual({
      status: 0,
      stdout: 'moved progress: es/adios → es/uno (2 reviews)\nforgot progress: fr/non (1 review)\n',
      stderr: 'all good\n',
    });
  });

  it('deletes named orphans (--forget) or all of them (--forget-orphans), history kept', async () => {
    const one = collection();
    expect(await orphansOf(one.doctor('--json', '--forget', 'fr/non'))).toEqual(['es/adios']);
    expect(one.entries().at(-1)).toMatchObject({ kind: 'forget', card: 'fr/non' });
    expect(one.entries().filter((e) => e.kind === 'review')).toHaveLength(3);

    const all = collection();
    expect(await orphansOf(all.doctor('--json', '--forget-orphans'))).toEqual([]);
    expect(
      all
        .entries()
        .filter((e) => e.kind === 'forget')
        .map((e) => e.card),
    ).toEqual(['es/adios', 'fr/non']);
  });

  describe('never deletes the progress of a card a deck still has', () => {
    it.each([
      [
        ['--forget', 'es/hola'],
        'recall: es/hola is a card in your decks; only orphans can be forgotten',
      ],
      [
        ['--move', 'es/hola=es/uno'],
        "recall: es/hola is a card in your decks; only orphans can be moved (--force moves a card's own, as for a reordered cloze)",
      ],
      [
        ['--move', 'es/adios=es/hola'],
        'recall: es/hola already has progress; moving es/adios there would replace it (--force replaces it; its reviews stay in the log)',
      ],
      [['--forget', 'es/nothing'], 'recall: no progress is recorded for es/nothing'],
      [['--move', 'es/adios=es/nope'], 'recall: no deck has a card es/nope (see `recall export`)'],
    ])('%j: refused, exit 1, nothing written', async (args, message) => {
      const { doctor, entries } = collection();
      const before = entries();
      const run = await doctor(...args);
      expect(run).toMatchObject({ status: 1, stdout: '' });
      expect(run.stderr).toBe(`${message}\n`);
      expect(entries()).toEqual(before);
    });

    it('refuses a card of a deck it was not asked to read, which may still have it', async () => {
      const { scoped, entries } = collection();
      const before = entries();
      const run = await scoped('--forget', 'fr/non');
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(
        'recall: fr/non belongs to deck fr, which was not read: run `recall doctor` without paths to change it\n',
      );
      expect(entries()).toEqual(before);
      // Its orphans are those of the decks read.
      expect(await orphansOf(scoped('--json'))).toEqual(['es/adios']);
    });

    it('writes nothing when any one of several changes is refused', async () => {
      const { doctor, entries } = collection();
      const before = entries();
      const run = await doctor('--forget', 'fr/non', '--forget', 'es/hola');
      expect(run.status).toBe(1);
      expect(entries()).toEqual(before);
      // Two orphans moved onto one card: the second would replace the first.
      const twice = await doctor('--move', 'es/adios=es/uno', '--move', 'fr/non=es/uno');
      expect(twice.stderr).toBe(
        'recall: es/uno already has progress; moving fr/non there would replace it (--force replaces it; its reviews stay in the log)\n',
      );
      expect(entries()).toEqual(before);
    });
  });

  it('takes --move as FROM=TO only: exit 2 otherwise', async () => {
    const { doctor } = collection();
    for (const bad of ['es/adios', '=es/uno', 'es/adios=']) {
      const run = await doctor('--move', bad);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`recall: --move takes FROM=TO, got ${JSON.stringify(bad)}\n`);
    }
  });

  it('refuses a target another session rated between its check and its write', async () => {
    const { doctor, entries, env } = collection();
    const transact = ProgressStore.prototype.transact;
    // The other session's rating lands after doctor's checks, just before it takes the lock.
    const spy = vi.spyOn(ProgressStore.prototype, 'transact').mockImplementationOnce(function (
      this: ProgressStore,
      fn,
    ) {
      appendFileSync(
        reviewLog(env.RECALL_HOME!),
        `${JSON.stringify(review('es/uno', state(1), null))}\n`,
      );
      return transact.call(this, fn);
    });
    try {
      const before = entries().length;
      const run = await doctor('--move', 'es/adios=es/uno');
      expect(spy).toHaveBeenCalled();
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^recall: es\/uno already has progress; moving es\/adios there/);
      // Only the other session's rating was added: no move.
      expect(entries()).toHaveLength(before + 1);
      expect(entries().at(-1)).toMatchObject({ kind: 'review', card: 'es/uno' });
    } finally {
      spy.mockRestore();
    }
  });

  it('replaces a live target only with --force, saying what it moved', async () => {
    const { doctor, exported } = collection();
    const run = await doctor('--force', '--move', 'es/adios=es/hola');
    expect(run.stdout).toMatch(/^moved progress: es\/adios → es\/hola \(2 reviews\)\n/);
    expect(await exported()).toEqual(['es/hola 2', 'es/uno 0', 'fr/oui 0']);
  });

  it('moves a whole deck, card by card, and says what moved and what stayed', async () => {
    const { everywhere: doctor, log, exported, decks } = collection();
    // `es.yaml` renamed: its cards are now deck `es2`, their progress still under `es/`.
    writeFileSync(join(decks, 'es.yaml'), spanish.replace('id: es', 'id: es2'));
    appendFileSync(log, `${JSON.stringify(review('es/uno', state(4), null))}\n`);
    const run = await doctor('--move', 'es=es2');
    expect(run.stdout).toBe(
      'moved progress: es/hola → es2/hola (3 reviews)\n' +
        'moved progress: es/uno → es2/uno (4 reviews)\n' +
        'moved es → es2: 2 cards, 7 reviews\n' +
        'not moved: es/adios (no card es2/adios)\n' +
        'orphaned progress: es/adios (Review, 2 reviews, due 2025-03-03)\n' +
        'orphaned progress: fr/non (Review, 1 reviews, due 2025-03-02)\n',
    );
    expect(await exported()).toEqual(['es2/hola 3', 'es2/uno 4', 'fr/oui 0']);
    const again = await doctor('--move', 'es=nope');
    expect(again.stderr).toBe('recall: no deck has the id nope (see `recall export`)\n');
  });

  it('refuses a whole-deck move if any one card would replace progress: nothing written', async () => {
    const { everywhere: doctor, log, entries, decks } = collection();
    writeFileSync(join(decks, 'es.yaml'), spanish.replace('id: es', 'id: es2'));
    appendFileSync(log, `${JSON.stringify(review('es2/uno', state(1), null))}\n`);
    appendFileSync(log, `${JSON.stringify(review('es/uno', state(4), null))}\n`);
    const before = entries();
    const run = await doctor('--move', 'es=es2');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^recall: es2\/uno already has progress; moving es\/uno there/);
    expect(entries()).toEqual(before);
  });

  it('moves every card of a note (deck/note=deck/other)', async () => {
    const { doctor, log, exported, decks } = collection();
    writeFileSync(join(decks, 'es.yaml'), `${spanish}  - {id: gaps, cloze: "{{a}} and {{b}}"}\n`);
    for (const sub of ['c1', 'c2'])
      appendFileSync(log, `${JSON.stringify(review(`es/old:${sub}`, state(2), null))}\n`);
    const run = await doctor('--move', 'es/old=es/gaps');
    expect(run.stdout).toContain('moved es/old → es/gaps: 2 cards, 4 reviews\n');
    expect(await exported()).toContain('es/gaps:c2 2');
  });
});
