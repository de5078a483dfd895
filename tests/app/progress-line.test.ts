import { describe, expect, it, vi } from 'vitest';
import { parseProgress } from '../../src/app/progress-line.js';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { isTTY, written, write: (s: string) => written.push(s) > 0 };
};

describe('the deck parsing progress line', () => {
  it('says how far a slow parse is, in place, and erases itself at the end', async () => {
    const out = stream(true);
    const progress = parseProgress(out, 0);
    progress.onParsed(0, 40);
    await vi.waitFor(() => expect(out.written).toEqual(['\r\x1b[2Kparsing decks: 0 of 40 files']));
    progress.onParsed(1, 40);
    progress.onParsed(40, 40);
    progress.end();
    expect(out.written.slice(1)).toEqual([
      '\r\x1b[2Kparsing decks: 1 of 40 files',
      '\r\x1b[2Kparsing decks: 40 of 40 files',
      '\r\x1b[2K',
    ]);
  });

  it('shows nothing for a parse that ends before its delay', () => {
    const out = stream(true);
    const progress = parseProgress(out, 60_000);
    progress.onParsed(0, 3);
    progress.onParsed(3, 3);
    progress.end();
    expect(out.written).toEqual([]);
  });

  it('shows nothing off a terminal', async () => {
    const out = stream(false);
    const progress = parseProgress(out, 0);
    progress.onParsed(0, 2);
    await new Promise((r) => setImmediate(r));
    progress.onParsed(2, 2);
    progress.end();
    expect(out.written).toEqual([]);
  });

  it('redraws thousands of files a hundred times, not thousands', async () => {
    const out = stream(true);
    const progress = parseProgress(out, 0);
    progress.onParsed(0, 5000);
    await vi.waitFor(() => expect(out.written).toHaveLength(1));
    for (let i = 1; i <= 5000; i++) progress.onParsed(i, 5000);
    progress.end();
    expect(out.written.length).toBeLessThanOrEqual(102);
  });
});
