import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { progressKeys } from '../../src/app/progress-keys.js';
import { ProgressStore } from '../../src/store/progress.js';
import { removeTempDirs, review, state } from '../store/entries.js';
import { isolatedEnv } from '../support/cli.js';

afterAll(removeTempDirs);

function collection(keys: readonly string[]) {
  const env = isolatedEnv();
  mkdirSync(env.RECALL_HOME!, { recursive: true });
  const log = join(env.RECALL_HOME!, 'reviews.jsonl');
  const line = (key: string) => `${JSON.stringify(review(key, state(1), null))}\n`;
  writeFileSync(log, keys.map(line).join(''));
  const dir = join(env.XDG_CACHE_HOME!, 'recall', 'keys');
  const entry = () => join(dir, readdirSync(dir)[0]!);
  return { env, rate: (key: string) => appendFileSync(log, line(key)), entry };
}

const storeKeys = async (env: Record<string, string>) => {
  const { store } = await ProgressStore.open(env.RECALL_HOME!, { readOnly: true });
  const keys = [...store.cards().keys()];
  await store.close();
  return keys;
};

describe('the keys holding progress, cached', () => {
  it("are the store's, in its order, and follow a rating appended", async () => {
    const { env, rate } = collection(['d/b', 'd/a', 'e/c']);
    expect([...(await progressKeys(env)).held]).toEqual(await storeKeys(env));
    expect([...(await progressKeys(env)).held]).toEqual(['d/b', 'd/a', 'e/c']);
    rate('d/new');
    expect([...(await progressKeys(env)).held]).toEqual(['d/b', 'd/a', 'e/c', 'd/new']);
  });

  it('are read from the cache while the folder is as it was, and a bad entry is a miss', async () => {
    const { env, entry } = collection(['d/a']);
    await progressKeys(env);
    const text = readFileSync(entry(), 'utf8');
    writeFileSync(entry(), text.replace('"d/a"', '"d/cached"'));
    expect([...(await progressKeys(env)).held]).toEqual(['d/cached']);
    for (const bad of [text.replace('"d/a"', '"d/\\u001b[2J"'), text.replace('"d/a"', '7'), '[']) {
      writeFileSync(entry(), bad);
      expect([...(await progressKeys(env)).held]).toEqual(['d/a']);
    }
  });
});
