import { expect, it } from 'vitest';
import { runStats } from '../../src/commands/stats.js';
import { UserError } from '../../src/errors.js';

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
