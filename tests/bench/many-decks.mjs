#!/usr/bin/env node
/**
 * `node tests/bench/many-decks.mjs [FOLDER] [COUNT]`: writes COUNT (default 5,000) small deck
 * files into FOLDER, or, without one, into the deck folder of a fresh temporary home, and says
 * how to open recall on them. For measuring what a large collection costs (`npm run bench --
 * decks` uses it too): each deck has 5 cards, files and names in the same order.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Writes `count` decks into `dir`: `deck-0000.yaml` (id `d0`, named `Deck 0000`), … */
export function writeManyDecks(dir, count = 5000) {
  mkdirSync(dir, { recursive: true });
  const digits = String(count - 1).length;
  for (let d = 0; d < count; d++) {
    const n = String(d).padStart(digits, '0');
    const cards = Array.from(
      { length: 5 },
      (_, i) => `  - id: c${i}\n    q: Deck ${n}, question ${i}?\n    a: Answer ${i}\n`,
    ).join('');
    writeFileSync(join(dir, `deck-${n}.yaml`), `id: d${d}\nname: Deck ${n}\ncards:\n${cards}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const [folder, count = '5000'] = process.argv.slice(2);
  if (folder) {
    writeManyDecks(folder, Number(count));
    console.log(`${count} decks in ${folder}: recall ${folder}`);
  } else {
    const home = mkdtempSync(join(tmpdir(), 'recall-decks-'));
    writeManyDecks(join(home, 'config', 'recall', 'decks'), Number(count));
    const env = [
      `XDG_CONFIG_HOME=${join(home, 'config')}`,
      `XDG_CACHE_HOME=${join(home, 'cache')}`,
      `RECALL_HOME=${join(home, 'data')}`,
    ];
    console.log(`${count} decks in ${join(home, 'config', 'recall', 'decks')}; run:`);
    console.log(`${env.join(' ')} node dist/cli.js`);
  }
}
