import { expect, it } from 'vitest';
import { statsReport } from '../../src/app/stats.js';
import { runStats } from '../../src/commands/stats.js';
import { UserError } from '../../src/errors.js';
import { collectionOf, deck } from '../app/collection.js';
import { basic } from '../support/cards.js';

it.each(['2026-02-31', '2026-13-01', '2026-2-3', 'tomorrow'])(
  'takes --exam %s for a usage error (exit 2) in the one wording',
  async (exam) => {
    const run = runStats([], { exam });
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toMatchObject({
      exitCode: 2,
      message: `--exam ${JSON.stringify(exam)} must be a calendar day written YYYY-MM-DD`,
    });
  },
);

it('refuses a tag no card has, naming the tags there are, as cram and quiz do', async () => {
  const c = await collectionOf([
    deck('d', [
      { ...basic('a'), tags: ['jobs'] },
      { ...basic('b', { order: 1 }), tags: ['runs'] },
    ]),
  ]);
  const now = Date.parse('2026-03-10T12:00:00Z');
  await expect(statsReport(c, { tags: ['nosuch'] }, now)).rejects.toMatchObject({
    exitCode: 1,
    message: 'no stats: no card has the tag "nosuch" (tags in these decks: jobs, runs)',
  });
  await expect(statsReport(c, { tags: ['jobs'] }, now)).resolves.toMatchObject({ cards: 1 });
  await c.store.close();
});
