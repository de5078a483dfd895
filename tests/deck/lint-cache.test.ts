import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KeyedCard } from '../../src/core/card.js';
import { type LintFile, lintFiles } from '../../src/deck/lint-cache.js';

const DECK = [
  'name: D',
  'cards:',
  '  - id: one',
  '    q: Which endpoint lists the jobs?',
  '    typed: [GET jobs/list]',
  '  - id: pairs',
  '    q: Match',
  '    pairs:',
  '      databricks jobs list: /api/2.2/jobs/list',
  '      databricks jobs get: /api/2.2/jobs/get',
  '  - id: gaps',
  '    cloze: "{{jobs}} hold {{runs}}, {{tasks::a hint}}"',
  '  - {q: No id here, a: none}',
  '',
].join('\n');

function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'recall-lint-'));
  const deck = join(dir, 'd.yaml');
  writeFileSync(deck, DECK);
  const broken = join(dir, 'broken.yaml');
  writeFileSync(broken, 'name: B\ncards: [\n');
  const cache = join(dir, 'cache');
  const entry = () => join(cache, 'lint', readdirSync(join(cache, 'lint')).sort()[0]!);
  const opts = { workerFile: false } as const;
  return { deck, broken, cache, entry, read: () => lintFiles([deck, broken], cache, opts) };
}

/** A file's view as lint's checks read it: cards only as `KeyedCard`. */
const asRead = (files: LintFile[]) =>
  files.map(({ deck, ...rest }) => ({
    ...rest,
    deck: deck && {
      ...deck,
      cards: deck.cards.map((c: KeyedCard) => ({
        key: c.key,
        deckId: c.deckId,
        noteId: c.noteId,
        implicitId: c.implicitId,
        formerNoteId: c.formerNoteId,
        kind: c.kind,
        ...(c.kind === 'cloze'
          ? { gap: c.gap, text: c.parts.find((p) => p.type === 'gap' && p.index === c.gap)?.text }
          : {}),
      })),
    },
  }));

describe("lint's per-file entries", () => {
  it('read back as the view worked out from the parsed deck, broken files too', async () => {
    const { read, cache } = folder();
    const worked = await read();
    expect(worked[0]!.deck!.advice.map((p) => p.rule)).toEqual(
      expect.arrayContaining(['missing-deck-id', 'no-explain']),
    );
    expect(worked[0]!.deck!.cards.some((c) => c.formerNoteId !== undefined)).toBe(true);
    expect(worked[1]!.deck).toBeUndefined();
    expect(worked[1]!.problems[0]!.rule).toBe('yaml-syntax');
    expect(readdirSync(join(cache, 'lint'))).toHaveLength(2);
    expect(asRead(await read())).toEqual(asRead(worked));
  });

  it('misses for another version of the file', async () => {
    const { read, deck } = folder();
    await read();
    writeFileSync(deck, DECK.replace('name: D', 'id: d\nname: D'));
    const later = new Date(Date.now() + 5000);
    utimesSync(deck, later, later);
    const [again] = await read();
    expect(again!.deck!.id).toBe('d');
    expect(again!.deck!.advice.map((p) => p.rule)).not.toContain('missing-deck-id');
  });

  it('misses, never fails, on an entry that is damaged or not one of ours', async () => {
    const { read, entry } = folder();
    const worked = asRead(await read());
    const text = readFileSync(entry(), 'utf8');
    for (const bad of [
      text.replace('"strings":[', '"strings":["\\u001b[31m",'),
      text.replace('"strings":[', '"strings":[7,'),
      text.slice(0, text.length / 2),
      text.replace(/"keys":\[/, '"keys":[1,'),
      '{}',
    ]) {
      writeFileSync(entry(), bad);
      expect(asRead(await read())).toEqual(worked);
    }
  });
});
