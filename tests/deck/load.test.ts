import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENTRY_SLACK, MAX_ENTRY_RATIO } from '../../src/deck/cache.js';
import { loadDecks } from '../../src/deck/load.js';
import { deckCacheFile } from '../../src/fs/paths.js';

// To see which files a load reads (a file over the size limit must not be).
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  return { ...fs, readFile: vi.fn(fs.readFile), readdir: vi.fn(fs.readdir) };
});
const { readFile, readdir } = await import('node:fs/promises');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'recall-load-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (rel: string, text: string | Buffer) => {
  const path = join(dir, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};
const deckYaml = (name: string, answer = 'A', extra = '') =>
  `${extra}name: ${name}\ncards:\n  - id: one\n    q: Q\n    a: ${answer}\n`;

describe('loadDecks', () => {
  it('finds *.yaml and *.yml recursively in sorted order, skipping dot-folders and other files', async () => {
    write('b.yaml', deckYaml('B'));
    write('a/z.yml', deckYaml('Z'));
    write('a/c.yaml', deckYaml('C'));
    write('.hidden/h.yaml', deckYaml('H'));
    write('notes.md', '# not a deck');
    const { decks, problems } = await loadDecks([dir]);
    expect(problems).toEqual([]);
    expect(decks.map((d) => d.id)).toEqual(['c', 'z', 'b']);
  });

  it('loads a file given directly, whatever its extension, and each file once', async () => {
    const file = write('deck.txt', deckYaml('T'));
    const { decks } = await loadDecks([file, file]);
    expect(decks.map((d) => d.name)).toEqual(['T']);
  });

  it('reports a missing path at path:1:1 and loads the rest', async () => {
    write('ok.yaml', deckYaml('OK'));
    const missing = join(dir, 'nope.yaml');
    const { decks, problems } = await loadDecks([missing, dir]);
    expect(problems).toMatchObject([{ file: missing, line: 1, col: 1, rule: 'missing-path' }]);
    expect(decks.map((d) => d.id)).toEqual(['ok']);
  });

  it('says what it skipped in a folder: unreadable folders, dangling links, FIFOs, devices', async () => {
    writeFileSync(join(dir, 'ok.yaml'), deckYaml('Ok'));
    mkdirSync(join(dir, 'locked'));
    symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'dangling.yaml'));
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    // Root reads a 0000 folder anyway: the refusal is injected.
    const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    vi.mocked(readdir).mockImplementation(((path: string, opts: never) =>
      path.endsWith('locked')
        ? Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' }))
        : actual.readdir(path, opts)) as typeof readdir);
    const { decks, problems } = await loadDecks([dir]).finally(() =>
      vi.mocked(readdir).mockReset(),
    );
    expect(decks.map((d) => d.id)).toEqual(['ok']);
    expect(
      problems.map((p) => [p.file.slice(dir.length + 1), p.line, p.severity, p.message]).sort(),
    ).toEqual([
      ['dangling.yaml', 1, 'warning', 'skipped: a link to nothing (no such file or folder)'],
      ['fifo.yaml', 1, 'warning', 'skipped: not a regular file (a FIFO)'],
      ['locked', 1, 'warning', 'skipped: cannot read the folder (EACCES)'],
      ['zero.yaml', 1, 'warning', 'skipped: not a regular file (a device)'],
    ]);
  });

  it('refuses a FIFO or a device given directly, without reading it', async () => {
    const fifo = join(dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    const { problems } = await loadDecks([fifo, '/dev/zero']);
    expect(problems.map((p) => [p.file, p.severity, p.message])).toEqual([
      [fifo, 'error', 'not a regular file (a FIFO): not read'],
      ['/dev/zero', 'error', 'not a regular file (a device): not read'],
    ]);
  });

  it('still returns the other decks when one file is broken', async () => {
    write('a.yaml', deckYaml('A'));
    const broken = write('b.yaml', 'name: B\ncards:\n\t- q: x\n');
    write('c.yaml', deckYaml('C'));
    const { decks, problems } = await loadDecks([dir]);
    expect(decks.map((d) => d.id)).toEqual(['a', 'c']);
    expect(problems).toMatchObject([{ file: broken, line: 3, col: 1, rule: 'yaml-syntax' }]);
  });

  it('skips a later deck that reuses an id, reporting it at its id and naming the first file', async () => {
    const first = write('a.yaml', deckYaml('First', 'A', 'id: shared\n'));
    const second = write('b.yaml', deckYaml('Second', 'A', '# comment\nid: shared\n'));
    write('c.yaml', deckYaml('Third'));
    const { decks, problems } = await loadDecks([dir]);
    expect(decks.map((d) => d.name)).toEqual(['First', 'Third']);
    expect(problems).toMatchObject([
      { file: second, line: 2, col: 5, severity: 'error', rule: 'duplicate-deck-id' },
    ]);
    expect(problems[0]?.message).toContain(first);
  });

  it('refuses a 20 MB file without reading it', async () => {
    const big = write('big.yaml', Buffer.alloc(20 * 1024 * 1024, 'a'));
    const small = write('small.yaml', deckYaml('Small'));
    vi.mocked(readFile).mockClear();
    const { decks, problems } = await loadDecks([big, small]);
    const read = vi.mocked(readFile).mock.calls.map(([path]) => path);
    expect(read).toContain(small);
    expect(read).not.toContain(big);
    expect(decks.map((d) => d.name)).toEqual(['Small']);
    expect(problems).toMatchObject([{ line: 1, col: 1, rule: 'file-too-large' }]);
  });
});

describe('the parse cache', () => {
  it('returns the cached result while size and mtime are unchanged, and reparses when mtime moves', async () => {
    const cacheDir = join(dir, 'cache');
    const file = write('deck.yaml', deckYaml('Deck', 'AAA'));
    // A whole-millisecond mtime, so that utimes can put it back exactly.
    const mtime = new Date('2026-01-02T03:04:05.000Z');
    utimesSync(file, mtime, mtime);
    const first = await loadDecks([file], { cacheDir });
    expect(statSync(deckCacheFile(cacheDir, file)).isFile()).toBe(true);

    // Same size, same mtime, different text: only a cache hit can still say AAA.
    writeFileSync(file, deckYaml('Deck', 'BBB'));
    utimesSync(file, mtime, mtime);
    const cached = await loadDecks([file], { cacheDir });
    expect(cached).toEqual(first);
    expect(cached.decks[0]?.cards[0]).toMatchObject({ answer: 'AAA' });

    utimesSync(file, mtime, new Date(mtime.getTime() + 5000));
    const fresh = await loadDecks([file], { cacheDir });
    expect(fresh.decks[0]?.cards[0]).toMatchObject({ answer: 'BBB' });
  });

  it('caches problems too', async () => {
    const cacheDir = join(dir, 'cache');
    const file = write('deck.yaml', 'name: X\ncards:\n  - q: a\n');
    const first = await loadDecks([file], { cacheDir });
    const again = await loadDecks([file], { cacheDir });
    expect(first.problems).toHaveLength(1);
    expect(again).toEqual(first);
  });

  it('ignores a cache folder it cannot write, and a corrupt cache entry', async () => {
    const file = write('deck.yaml', deckYaml('Deck'));
    const blocked = write('not-a-dir', 'a file where the cache folder should be');
    expect((await loadDecks([file], { cacheDir: blocked })).decks).toHaveLength(1);

    const cacheDir = join(dir, 'cache');
    await loadDecks([file], { cacheDir });
    writeFileSync(deckCacheFile(cacheDir, file), '{ not json');
    expect((await loadDecks([file], { cacheDir })).decks).toHaveLength(1);
  });

  it('takes an entry holding text recall never writes as a miss, ASCII or not', async () => {
    const cacheDir = join(dir, 'cache');
    const file = write('deck.yaml', deckYaml('Deck', 'AAA'));
    const fresh = await loadDecks([file], { cacheDir });
    const text = readFileSync(deckCacheFile(cacheDir, file), 'utf8');
    expect(text).toContain('"AAA"');
    // Raw DEL and an escaped ESC (ASCII entries), a zero-width space and a bidi override (not).
    for (const planted of ['A\x7fA', 'A\\u001b[2JA', 'A\u200bA', 'A\u202eA', 'Â\x07A']) {
      writeFileSync(deckCacheFile(cacheDir, file), text.replace('"AAA"', `"${planted}"`));
      const read = await loadDecks([file], { cacheDir });
      expect(read).toEqual(fresh);
    }
    // The same entry untouched, and one with a harmless non-ASCII answer, are hits.
    writeFileSync(deckCacheFile(cacheDir, file), text.replace('"AAA"', '"ÀÀÀ"'));
    expect((await loadDecks([file], { cacheDir })).decks[0]?.cards[0]).toMatchObject({
      answer: 'ÀÀÀ',
    });
    writeFileSync(deckCacheFile(cacheDir, file), text.replace('"AAA"', '"BBB"'));
    expect((await loadDecks([file], { cacheDir })).decks[0]?.cards[0]).toMatchObject({
      answer: 'BBB',
    });
  });

  it('takes an entry of the right stamp that does not decode (a bad reference, an object, a bad shape) as a miss', async () => {
    const cacheDir = join(dir, 'cache');
    const file = write('deck.yaml', deckYaml('Deck', 'AAA'));
    const fresh = await loadDecks([file], { cacheDir });
    const entry = JSON.parse(readFileSync(deckCacheFile(cacheDir, file), 'utf8'));
    // Every list and object is a list: its tag first (a shape's index, -1 a list, -2 a reference).
    expect(Array.isArray(entry.result)).toBe(true);
    const spoilt = [[-2, 9999], { $: 0 }, [0, 'one value too few'], ['x'], [-2]];
    for (const result of spoilt) {
      writeFileSync(deckCacheFile(cacheDir, file), JSON.stringify({ ...entry, result }));
      expect(await loadDecks([file], { cacheDir })).toEqual(fresh);
    }
  });
});

describe('the parse cache, against decks whose cards share text', () => {
  const pairs = (n: number) =>
    `name: P\ncards:\n  - id: p\n    pairs:\n${Array.from({ length: n }, (_, i) => `      - [left ${i}, right side number ${i}]\n`).join('')}`;
  const cloze = (n: number, between: string) =>
    `name: C\ncards:\n  - id: c\n    cloze: "${Array.from({ length: n }, (_, i) => `${between}{{w${i}}}`).join(' ')}"\n`;
  const aliased = (n: number) =>
    `name: A\nx: &why ${'because '.repeat(2500)}\ncards:\n${Array.from({ length: n }, (_, i) => `  - {id: c${i}, q: q${i}, a: a${i}, explain: *why}\n`).join('')}`;

  // Written out card by card, these were 3.9 MB, 0.9 MB and 1.8 MB.
  it.each([
    ['a pairs card of 400 pairs (each card lists every right side)', pairs(400), 'rights'],
    [
      'a cloze of 100 gaps (each card holds the whole text)',
      cloze(100, 'a few words of text '),
      'parts',
    ],
    ['a 20 kB explanation repeated by 90 aliases', aliased(90), undefined],
  ])('caches %s in a few times the size of the file', async (_, text, shares) => {
    const cacheDir = join(dir, 'cache');
    const file = write('deck.yaml', text);
    const fresh = await loadDecks([file], { cacheDir });
    const entry = statSync(deckCacheFile(cacheDir, file)).size;
    // 6×: every card with an explicit id also carries the content-hash id it had before one
    // (Card.formerNoteId, for app/reattach.ts): ~14 bytes a card.
    expect(entry).toBeLessThanOrEqual(6 * Buffer.byteLength(text));
    vi.mocked(readFile).mockClear();
    const cached = await loadDecks([file], { cacheDir });
    expect(vi.mocked(readFile).mock.calls.map(([path]) => path)).toEqual([
      deckCacheFile(cacheDir, file),
    ]);
    expect(cached).toEqual(fresh);
    // What the cards share in memory they share again, read back.
    if (shares) {
      const [a, b] = cached.decks[0]!.cards as readonly Record<string, unknown>[];
      expect(a?.[shares]).toBeDefined();
      expect(a?.[shares]).toBe(b?.[shares]);
    }
  });

  it('caches a deck whose aliases would expand past the limit as the one error it is', async () => {
    // The deck at a tenth of the size: 99 aliases of a 520 kB string.
    const big = 'x'.repeat(520_000);
    const aliases = Array.from({ length: 99 }, (_, i) => `  - {id: c${i}, q: *s, a: a}\n`);
    const text = `name: B\ncards:\n  - {id: s, q: &s ${big}, a: a}\n${aliases.join('')}`;
    const cacheDir = join(dir, 'cache');
    const file = write('deck.yaml', text);
    const { decks, problems } = await loadDecks([file], { cacheDir });
    expect(decks).toEqual([]);
    expect(problems.map((p) => p.rule)).toEqual(['expanded-too-large']);
    expect(statSync(deckCacheFile(cacheDir, file)).size).toBeLessThan(1024);
  });

  it('writes no entry larger than a small multiple of the file, and still loads the deck', async () => {
    // 20,000 short gaps: each card's own fields outweigh its few bytes of file. Card by card,
    // writing this 209 kB deck's entry ran 9 minutes and then failed (`Invalid string length`).
    const text = cloze(20_000, '');
    const cacheDir = join(dir, 'cache');
    const file = write('deck.yaml', text);
    const { decks } = await loadDecks([file], { cacheDir });
    expect(decks[0]?.cards).toHaveLength(20_000);
    expect(existsSync(deckCacheFile(cacheDir, file))).toBe(false);
    expect(MAX_ENTRY_RATIO * Buffer.byteLength(text) + ENTRY_SLACK).toBeLessThan(2_000_000);
  });
});
