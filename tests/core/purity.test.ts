import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../../src/core');

/** The clock, randomness and the environment: what a pure core never reads. */
const impure: readonly [string, RegExp][] = [
  ['Date.now(', /\bDate\.now\s*\(/],
  ['new Date()', /\bnew\s+Date\s*\(\s*\)/],
  ['Math.random(', /\bMath\.random\s*\(/],
  ['process.', /\bprocess\s*\./],
];

const readsOutside = (source: string): string[] =>
  impure.filter(([, pattern]) => pattern.test(source)).map(([name]) => name);

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(dir, f));
}

describe('the core reads no clock, no randomness and no environment', () => {
  it('finds each forbidden read', () => {
    expect(readsOutside('const t = Date.now();')).toEqual(['Date.now(']);
    expect(readsOutside('const d = new Date( );')).toEqual(['new Date()']);
    expect(readsOutside('return Math.random() < 0.5;')).toEqual(['Math.random(']);
    expect(readsOutside('if (process.env.X) {}')).toEqual(['process.']);
    // Converting a given instant is not reading the clock.
    expect(readsOutside('const d = new Date(at); d.getDate();')).toEqual([]);
  });

  it('holds for every file under src/core', () => {
    const files = sourcesUnder(CORE);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) =>
      readsOutside(readFileSync(f, 'utf8')).map((what) => `${f.slice(CORE.length + 1)}: ${what}`),
    );
    expect(found).toEqual([]);
  });
});
