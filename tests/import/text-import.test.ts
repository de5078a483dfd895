import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse.js';
import { isolatedEnv, recallInProcess, tmpDir } from '../support/cli.js';

async function imported(name: string, content: string | Uint8Array, ...args: string[]) {
  const dir = tmpDir();
  const file = join(dir, name);
  writeFileSync(file, content);
  const into = join(dir, 'decks');
  const run = await recallInProcess(['import', file, '--into', into, ...args], isolatedEnv());
  const deckFile = join(into, `${name.replace(/\.[a-z]+$/, '')}.yaml`);
  const text = existsSync(deckFile) ? readFileSync(deckFile, 'utf8') : undefined;
  const deck = text === undefined ? undefined : parseDeck(text, deckFile);
  return { run, into, text, deck, stderr: run.stderr.replace(`${dir}/`, '') };
}

const qa = (deck: Awaited<ReturnType<typeof imported>>['deck']) =>
  deck!.deck!.cards.map((c) =>
    'prompt' in c && 'answer' in c ? [c.key, c.prompt, c.answer, c.tags] : c.key,
  );

describe('recall import of plain text', () => {
  it("reads Anki's Notes in Plain Text export, headers, HTML, tags column and guid", async () => {
    const { deck, run } = await imported(
      'spanish.txt',
      '#separator:tab\n#html:true\n#guid column:1\n#tags column:4\nAbc\thola<br>there\t<b>hello</b>\tgreeting spoken\nXyz\t"with ""quotes""\tand tab"\tworld\t\n',
    );
    expect(run.status).toBe(0);
    expect(deck!.problems).toEqual([]);
    expect(qa(deck).map((c) => (c as unknown[]).slice(1))).toEqual([
      ['hola\nthere', '**hello**', ['greeting', 'spoken']],
      // HTML: the tab inside the quoted field is white space, as a browser shows it.
      ['with "quotes" and tab', 'world', []],
    ]);
    expect((qa(deck)[0] as string[])[0]).toMatch(/^spanish\/g-[0-9a-f]{12}$/);
  });

  it('reads a CSV with a header row, a BOM and CRLF line ends; ids from the question', async () => {
    const { deck, run } = await imported(
      'quizlet.csv',
      '\ufeffFront,Back,Tags\r\nperro,dog,animal\r\n"casa, grande",big house,\r\n',
    );
    expect(run.status).toBe(0);
    expect(qa(deck)).toEqual([
      ['quizlet/t-perro', 'perro', 'dog', ['animal']],
      ['quizlet/t-casa-grande', 'casa, grande', 'big house', []],
    ]);
  });

  it('takes --columns for a file with no header row (a UTF-16 one, as Excel saves)', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('gato\tcat\n', 'utf16le')]);
    const { deck } = await imported('words.tsv', utf16, '--columns', 'q,a');
    expect(qa(deck)).toEqual([['words/t-gato', 'gato', 'cat', []]]);
  });

  it.each([
    [
      'ragged.csv',
      'front,back\na,b\nc,d,e\n',
      /^recall import: ragged\.csv: line 3: 3 fields, and the header has 2/,
    ],
    [
      'latin1.csv',
      Buffer.from([
        0x66, 0x72, 0x6f, 0x6e, 0x74, 0x2c, 0x62, 0x61, 0x63, 0x6b, 0x0a, 0xe9, 0x2c, 0x65, 0x0a,
      ]),
      /not UTF-8 text/,
    ],
    ['cols.csv', 'word,color\na,b\n', /line 1: unknown column "color"/],
    ['empty.csv', 'front,back\n,b\n', /line 2: the question is empty/],
  ])('refuses %s in one line, writing nothing', async (name, content, message) => {
    const { run, stderr, into } = await imported(name, content);
    expect(run.status).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(existsSync(into)).toBe(false);
  });

  it('imports the same file again as an update, not a copy', async () => {
    const dir = tmpDir();
    const file = join(dir, 'w.csv');
    writeFileSync(file, 'front,back\na,b\n');
    const env = isolatedEnv();
    const into = join(dir, 'decks');
    await recallInProcess(['import', file, '--into', into], env);
    writeFileSync(file, 'front,back\na,B\n');
    const again = await recallInProcess(['import', file, '--into', into], env);
    expect(again.status).toBe(0);
    const text = readFileSync(join(into, 'w.yaml'), 'utf8');
    expect(text).toContain('a: B');
    expect(text.match(/id: t-a/g)).toHaveLength(1);
  });
});
