import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedDecksDir } from '../../src/app/open.js';
import { packageRoot } from '../../src/fs/package-root.js';

describe('packageRoot', () => {
  it('is the folder with our package.json, where the decks, schema and docs ship', () => {
    const root = packageRoot();
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name).toBe('recall');
    expect(existsSync(join(root, 'schema', 'deck.schema.json'))).toBe(true);
    expect(shippedDecksDir()).toBe(join(root, 'decks'));
  });
});
