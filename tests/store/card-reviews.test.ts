import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/store/model.js';
import { ProgressStore } from '../../src/store/progress.js';
import { cram, flag, removeTempDirs, review, state, tempDir, undo } from './entries.js';

afterEach(removeTempDirs);

const at = (minutes: number) => new Date(Date.UTC(2025, 2, 1, 10, minutes)).toISOString();

async function reviewsOf(entries: readonly LogEntry[]) {
  const dir = tempDir();
  const { store } = await ProgressStore.open(dir);
  store.appendAll(entries);
  const out = await store.reviewsByCard();
  await store.close();
  return new Map([...out].map(([k, list]) => [k, list.map((r) => `${r.kind} ${r.rating}`)]));
}

describe('reviewsByCard (what export --anki writes as the review log)', () => {
  it('follows moves, drops undone ratings and forgotten cards, keeps cram ratings', async () => {
    const a1 = review('d/a', state(1, at(0)), null);
    const a2 = review('d/a', state(2, at(1)), state(1, at(0)), { rating: 2 });
    const c1 = review('d/c', state(1, at(2)), null);
    const entries: LogEntry[] = [
      a1,
      a2,
      undo(a2, at(3)),
      { v: 1, id: 'mv-1', kind: 'move', card: 'd/a', to: 'd/b', at: at(4) },
      review('d/b', state(2, at(5)), state(1, at(0)), { rating: 4 }),
      c1,
      { v: 1, id: 'fg-1', kind: 'forget', card: 'd/c', at: at(6) },
      cram('d/b', at(7)),
      flag('d/b', at(8)),
      { v: 1, id: 'su-1', kind: 'suspend', card: 'd/b', at: at(9) },
    ];
    const out = await reviewsOf(entries);
    expect(out.get('d/b')).toEqual(['review 3', 'review 4', 'cram 1']);
    expect(out.has('d/a')).toBe(false);
    expect(out.has('d/c')).toBe(false);
  });

  it('gives each review the state before and after it, as replay has them', async () => {
    const first = review('d/a', state(1, at(0)), null);
    const dir = tempDir();
    const { store } = await ProgressStore.open(dir);
    store.append(first);
    const [r] = (await store.reviewsByCard()).get('d/a')!;
    await store.close();
    expect(r!.before).toBeNull();
    expect(r!.after?.scheduledDays).toBe(1);
    expect(r!.at).toBe(Date.parse(at(0)));
  });
});
