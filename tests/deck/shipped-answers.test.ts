/**
 * The shipped deck's typed cards and cloze gaps, checked as review, cram and quiz check them:
 * right answers in the lesson's own words are accepted, wrong ones stay wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTyped } from '../../src/core/answer-check.js';
import type { Card } from '../../src/core/card.js';
import { parseDeck } from '../../src/deck/parse.js';

const file = join(import.meta.dirname, '../../decks/databricks-jobs-api.yaml');
const { deck } = parseDeck(readFileSync(file), file);
const cards = deck?.cards ?? [];

/** What a card accepts: a typed card's answers, a cloze card's asked gap. */
function accepted(key: string): { card: Card; accepted: string[] } {
  const card = cards.find((c) => c.key === `databricks-jobs-api/${key}`);
  if (!card) throw new Error(`no card ${key}`);
  if (card.kind === 'typed') return { card, accepted: [...card.accepted] };
  if (card.kind === 'cloze') {
    const gap = card.parts.find((p) => p.type === 'gap' && p.index === card.gap);
    if (gap?.type === 'gap') return { card, accepted: [gap.text] };
  }
  throw new Error(`${key} is not typed`);
}

const check = (key: string, input: string) => {
  const { card, accepted: list } = accepted(key);
  return checkTyped(input, list, card.answers);
};

describe('answers to the shipped deck', () => {
  it.each([
    ['create-endpoint', 'POST /api/2.1/jobs/create'],
    ['create-endpoint', 'POST jobs/create'],
    ['repair-endpoint', 'POST runs/repair'],
    ['repair-endpoint', 'POST /api/2.1/jobs/runs/repair'],
    ['review-notebooks-endpoint', 'GET jobs/get?job_id=123'],
    ['review-notebooks-endpoint', 'GET /api/2.1/jobs/get'],
    ['cli-list-runs', 'jobs list-runs'],
    ['cli-list-runs', 'databricks jobs list-runs --job-id 123'],
    ['four-ways-ad-hoc', 'the Databricks CLI'],
    ['four-ways-ad-hoc', 'cli'],
    ['page-size', '100 elements'],
    ['anchor-lock:c1', 'the recipe'],
    ['anchor-lock:c1', 'the definition'],
    ['anchor-lock:c2', 'one time you cooked it'],
    ['repair-cloze:c1', 'failed tasks'],
    ['repair-cloze:c2', 'downstream tasks'],
    ['bundle-run-cloze:c2', '--target'],
    ['more-results-field', '`next_page_token`'],
    // Taken as a student in a mock test and marked wrong before.
    ['jobs-get-query-param', 'job_id=123'],
    ['jobs-get-query-param', '?job_id=123'],
    ['repair-cloze:c3', 'whole new run'],
  ])('%s accepts %j', (key, input) => {
    expect(check(key, input).correct).toBe(true);
  });

  it.each([
    ['review-notebooks-endpoint', 'GET /api/2.2/jobs/list'],
    ['review-notebooks-endpoint', 'GET /api/2.2/jobs/runs/get'],
    ['create-endpoint', 'POST /api/2.2/jobs/run-now'],
    ['repair-endpoint', 'POST jobs/run-now'],
    ['more-results-field', 'has_more'],
    ['page-token-param', 'next_page_token'],
    ['cli-list-runs', 'databricks jobs list'],
    ['four-ways-ad-hoc', 'REST API'],
    ['page-size', '150'],
    ['anchor-lock:c1', 'one execution'],
    ['repair-cloze:c1', 'downstream tasks'],
    ['bundle-run-cloze:c2', '--job-id'],
    ['jobs-get-query-param', 'run_id=456'],
    ['repair-cloze:c3', 'failed run'],
  ])('%s rejects %j, and not as a typo', (key, input) => {
    expect(check(key, input)).toMatchObject({ correct: false, close: false });
  });
});
