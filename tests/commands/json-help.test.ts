/** A `--json` flag's help lists the keys the command prints: every one, and none it does not. */
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli.js';
import { simulationJson } from '../../src/commands/simulate.js';
import { statusJson } from '../../src/commands/status.js';

/** The key names a help's `{a, b:[{c, d?}]}` lists, at every depth, `?` dropped. */
function listed(command: string): string[] {
  const description = commands.find((c) => c.name === command)!.options.json!.description;
  const shape = description.slice(description.indexOf('{'), description.lastIndexOf('}') + 1);
  return [...shape.matchAll(/[A-Za-z]+/g)].map((m) => m[0]).sort();
}

/** Every key of `value`, at every depth (array items: the first). */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.length > 0 ? keysOf(value[0]) : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    // A nested object the help names as a whole (heldBack, exam, lastSync) is not spelt out.
    Array.isArray(v) ? [k, ...keysOf(v)] : [k],
  );
}

describe('--json help', () => {
  it('status lists every key status --json prints', () => {
    const json = statusJson({
      decks: [
        {
          id: 'd',
          name: 'D',
          new: 1,
          learning: 0,
          review: 2,
          total: 3,
          nextDue: 0,
          exam: { exam: '2026-04-01', daysToExam: 3, predictedRecall: 0.9 } as never,
          heldBack: { review: 0, new: 1, reviewsPerDay: 200, newPerDay: 20 } as never,
        },
      ],
      nextDue: 0,
    });
    expect(listed('status')).toEqual([...new Set(keysOf(json))].sort());
  });

  it('simulate lists every key simulate --json prints', () => {
    const json = simulationJson({
      days: 1,
      cards: 1,
      newCards: 1,
      end: 0,
      exam: null,
      personal: false,
      measured: false,
      outcomes: [
        { retention: 0.9, reviewsPerDay: 1, minutesPerDay: 1, known: 1, meanRecall: 1, daily: [1] },
      ] as never,
    });
    expect(listed('simulate')).toEqual([...new Set(keysOf(json))].sort());
  });
});
