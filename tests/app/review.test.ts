import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Collection } from '../../src/app/collection.js';
import { Recorder } from '../../src/app/recorder.js';
import { nextDueAfter, reviewTitle, startReview } from '../../src/app/review.js';
import { heldBackNow } from '../../src/app/status.js';
import { loadConfig } from '../../src/config/config.js';
import { recallAt } from '../../src/core/recall.js';
import type { Session } from '../../src/core/review-session.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { ProgressStore } from '../../src/store/progress.js';
import { basicQ } from '../core/quiz-cards.js';
import { collectionsClosedAfterEach, deck } from './collection.js';

const now = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;
const open = collectionsClosedAfterEach();
const cards = (n: number, tags: (i: number) => string[] = () => []) =>
  Array.from({ length: n }, (_, i) =>
    basicQ(`c${i}`, `${i}?`, `${i}`, { order: i, tags: tags(i) }),
  );
const shown = (s: Session) => [s.current, ...s.pending].flatMap((i) => (i ? [i] : []));
const newCount = (s: Session) => shown(s).filter((i) => i.srs === null).length;

describe('custom study (recall review --tag/--new/--ahead)', () => {
  it('--tag: only cards with one of the tags, ignoring case', async () => {
    const c = await open([
      deck(
        'd',
        cards(6, (i) => (i % 3 === 0 ? ['Verbs'] : ['nouns'])),
      ),
    ]);
    const s = startReview(c, undefined, now, { tags: ['verbs'] });
    expect(shown(s).map((i) => i.card.key)).toEqual(['d/c0', 'd/c3']);
  });

  it("--new N: N more new cards today, counted as today's, and tomorrow's limit untouched", async () => {
    const c = await open([deck('d', cards(60))]);
    const rec = new Recorder(c.store, () => new Scheduler(defaultDeckSettings));
    const rateAll = (s: Session) => {
      for (const i of shown(s)) rec.rate('d', i.card.key, 4, now, 1000);
    };
    expect(newCount(startReview(c, undefined, now))).toBe(20);
    rateAll(startReview(c, undefined, now));
    c.store.refresh();
    expect(newCount(startReview(c, undefined, now))).toBe(0);
    const extra = startReview(c, undefined, now, { study: { extraNew: 5 } });
    expect(newCount(extra)).toBe(5);
    rateAll(extra);
    c.store.refresh();
    // 25 introduced today: the plain limit of 20 has nothing left, --new 5 again gives 5 more.
    expect(newCount(startReview(c, undefined, now + 60_000))).toBe(0);
    expect(newCount(startReview(c, undefined, now + 60_000, { study: { extraNew: 5 } }))).toBe(5);
    expect(newCount(startReview(c, undefined, now + DAY))).toBe(20);
  });

  it('--ahead: reviews due in the next days, which a plain session leaves', async () => {
    const c = await open([deck('d', cards(1))]);
    new Recorder(c.store, () => new Scheduler(defaultDeckSettings)).rate(
      'd',
      'd/c0',
      4,
      now - DAY,
      1000,
    );
    c.store.refresh();
    // Study days from today (04:00) to the one the card falls due on.
    const daysAway = Math.round((c.store.get('d/c0')!.srs!.due - now) / DAY);
    expect(daysAway).toBeGreaterThan(2);
    expect(shown(startReview(c, undefined, now))).toEqual([]);
    expect(shown(startReview(c, undefined, now, { study: { aheadDays: daysAway - 1 } }))).toEqual(
      [],
    );
    const ahead = startReview(c, undefined, now, { study: { aheadDays: daysAway + 1 } });
    expect(shown(ahead).map((i) => i.card.key)).toEqual(['d/c0']);
  });
});

describe('the summary of a custom study session', () => {
  it("next due is about the session's tags: a card of another tag due sooner is not it", async () => {
    const c = await open([
      deck(
        'd',
        cards(2, (i) => (i === 0 ? ['api'] : ['db'])),
      ),
    ]);
    const rater = new Recorder(c.store, () => new Scheduler(defaultDeckSettings));
    // The db card is due in minutes (Again), the api card in days (Easy).
    rater.rate('d', 'd/c1', 1, now, 1000);
    rater.rate('d', 'd/c0', 4, now, 1000);
    const apiDue = c.store.get('d/c0')!.srs!.due;
    expect(c.store.get('d/c1')!.srs!.due).toBeLessThan(apiDue);
    // A review comes due at the start of its study day.
    const tagged = nextDueAfter(c, undefined, now, { tags: ['API'] })!;
    expect(tagged).toBeLessThanOrEqual(apiDue);
    expect(tagged).toBeGreaterThan(apiDue - DAY);
    expect(nextDueAfter(c, undefined, now)).toBe(c.store.get('d/c1')!.srs!.due);
  });

  it("what the daily limits hold back is of the session's tags too", async () => {
    const c = await open([
      deck(
        'd',
        cards(30, (i) => (i < 5 ? ['api'] : ['db'])),
      ),
    ]);
    expect(heldBackNow(c, undefined, now)).toEqual(['10 more new, held back by new_per_day: 20']);
    expect(heldBackNow(c, undefined, now, ['api'])).toEqual([]);
  });

  it('the title says the custom study: ahead, more new, tags', async () => {
    const c = await open([deck('d', cards(1))]);
    expect(reviewTitle(c, undefined)).toBe('Deck d');
    expect(
      reviewTitle(c, undefined, { study: { aheadDays: 3, extraNew: 5 }, tags: ['api', 'db'] }),
    ).toBe('Deck d · ahead 3 days · 5 more new · tags api, db');
    expect(reviewTitle(c, undefined, { study: { aheadDays: 1 }, tags: ['api'] })).toBe(
      'Deck d · ahead 1 day · tag api',
    );
  });
});

describe('review_order: weakest in a session', () => {
  const closing: Collection[] = [];
  afterEach(async () => {
    for (const c of closing.splice(0)) await c.store.close();
  });

  it("ranks by each deck's forgetting curve: lowest recall first, not earliest due", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recall-order-'));
    writeFileSync(join(dir, 'config.yaml'), 'defaults:\n  review_order: weakest\n');
    const config = await loadConfig({ HOME: dir, RECALL_CONFIG: join(dir, 'config.yaml') });
    const { store } = await ProgressStore.open(join(dir, 'data'));
    const c = new Collection([deck('d', cards(4))], store, config);
    closing.push(c);
    const rec = new Recorder(c.store, () => new Scheduler(defaultDeckSettings));
    // Overdue cards of different histories: due order and recall order disagree.
    const histories: [number, number][][] = [
      [[4, 60]],
      [
        [3, 30],
        [3, 30 - 1 / 144],
      ],
      [
        [2, 12],
        [3, 12 - 1 / 144],
        [3, 12 - 2 / 144],
      ],
      [
        [1, 9],
        [3, 9 - 1 / 144],
        [3, 9 - 2 / 144],
      ],
    ];
    histories.forEach((h, i) => {
      for (const [rating, daysAgo] of h)
        rec.rate('d', `d/c${i}`, rating as 1, now - daysAgo * DAY, 1000);
    });
    c.store.refresh();
    const curve = c.schedulerFor('d');
    const ranked = (rank: (k: string) => number) =>
      histories.map((_, i) => `d/c${i}`).sort((a, b) => rank(a) - rank(b));
    const srs = (k: string) => c.store.get(k)!.srs!;
    const weakest = ranked((k) => recallAt(srs(k), now, curve));
    expect(histories.map((_, i) => srs(`d/c${i}`).state)).toEqual(histories.map(() => 'Review'));
    expect(ranked((k) => srs(k).due)).not.toEqual(weakest);
    const order = shown(startReview(c, undefined, now)).map((i) => i.card.key);
    expect(order).toEqual(weakest);
  });
});
