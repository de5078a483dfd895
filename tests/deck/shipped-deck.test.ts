/**
 * The shipped Databricks Jobs deck, read as plain YAML (independent of the deck loader): the
 * lesson's recall prompts are cards word for word, ids are stable and unique, and the key facts
 * of the lesson are there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type RawCard = {
  id?: unknown;
  group?: unknown;
  q?: unknown;
  a?: unknown;
  reverse?: unknown;
  cloze?: unknown;
  choices?: unknown;
  answer?: unknown;
  typed?: unknown;
  pairs?: unknown;
  explain?: unknown;
  tags?: unknown;
};

type RawDeck = {
  id?: unknown;
  name?: unknown;
  description?: unknown;
  tags?: unknown;
  source?: unknown;
  cards: RawCard[];
};

const file = join(import.meta.dirname, '../../decks/databricks-jobs-api.yaml');
const deck = parse(readFileSync(file, 'utf8')) as RawDeck;
const cards = deck.cards;

const CARD_KEYS = [
  'id',
  'q',
  'a',
  'reverse',
  'cloze',
  'choices',
  'answer',
  'typed',
  'pairs',
  'answers',
];
const KIND_KEYS = ['a', 'cloze', 'choices', 'typed', 'pairs'];

/** The recall prompts of the lesson "Jobs via REST API and CLI", verbatim. */
const LESSON_PROMPTS = [
  '"Show me the notebooks/tasks configured in this job" — job or run?',
  '"Did last night\'s execution succeed?" — job or run?',
  '"Review the tasks configured in a job" vs "check the statuses of all runs" — which endpoint each, and why?',
  'A job has 150 tasks — how do you page past the first 100 in API 2.2?',
  'Four ways to drive a Job — which is the production standard?',
  "How do you page through a large job's tasks?",
];

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const text = (v: unknown): string => String(v).trim();
const kindOf = (card: RawCard): string | undefined => KIND_KEYS.find((k) => k in card);
const pairsOf = (card: RawCard): [string, string][] =>
  asList(card.pairs).map((p) => {
    const [left, right] = Array.isArray(p) ? p : Object.entries(p as object)[0]!;
    return [text(left), text(right)];
  });
/** What a learner is expected to produce or pick: the answer, typed answers, cloze gaps, pair rights. */
const answersOf = (card: RawCard): string[] => [
  ...asList(card.a).map(text),
  ...asList(card.answer).map(text),
  ...asList(card.typed).map(text),
  ...[...String(card.cloze ?? '').matchAll(/\{\{([\s\S]*?)(?:::[\s\S]*?)?\}\}/g)].map((m) =>
    text(m[1]),
  ),
  ...pairsOf(card).map(([, right]) => right),
];
const allAnswers = cards.flatMap(answersOf);

describe('the shipped deck decks/databricks-jobs-api.yaml', () => {
  it('has its header and a reasonable number of notes', () => {
    expect(deck.id).toBe('databricks-jobs-api');
    expect(deck.name).toBe('Databricks Jobs — REST API & CLI');
    expect(deck.source).toBe('Lesson: Jobs via REST API and CLI');
    expect(deck.tags).toEqual(['databricks', 'jobs']);
    expect(cards.length).toBeGreaterThanOrEqual(30);
    expect(cards.length).toBeLessThanOrEqual(60);
  });

  it.each(LESSON_PROMPTS)('asks the lesson prompt %s verbatim', (prompt) => {
    const matching = cards.filter((c) => c.q === prompt);
    expect(matching).toHaveLength(1);
    expect(answersOf(matching[0]!).join(' ').length).toBeGreaterThan(0);
  });

  it('gives every card a unique kebab-case id', () => {
    const ids = cards.map((c) => c.id);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses only known keys and exactly one kind per card', () => {
    for (const card of cards) {
      for (const key of Object.keys(card)) {
        expect(CARD_KEYS.concat(['explain', 'tags', 'group']), `${card.id}: ${key}`).toContain(key);
      }
      expect(
        KIND_KEYS.filter((k) => k in card),
        String(card.id),
      ).toHaveLength(1);
    }
  });

  it('uses several card kinds, including reversible and multi-answer cards', () => {
    const kinds = new Set(cards.map(kindOf));
    expect([...kinds].sort()).toEqual(['a', 'choices', 'cloze', 'pairs', 'typed']);
    expect(cards.some((c) => c.reverse === true)).toBe(true);
    expect(cards.some((c) => Array.isArray(c.answer) && c.answer.length > 1)).toBe(true);
    expect(cards.some((c) => 'choices' in c && typeof c.answer === 'string')).toBe(true);
  });

  it('has unique prompts', () => {
    const prompts = cards
      .map((c) => c.q ?? c.cloze)
      .filter((p) => p !== undefined)
      .map((p) => text(p).replace(/\s+/g, ' ').toLowerCase());
    expect(new Set(prompts).size).toBe(prompts.length);
  });

  it('makes every choice answer one of its choices, with no repeated choices', () => {
    for (const card of cards.filter((c) => 'choices' in c)) {
      const choices = asList(card.choices).map(text);
      expect(new Set(choices).size, String(card.id)).toBe(choices.length);
      const answers = asList(card.answer).map(text);
      expect(answers.length, String(card.id)).toBeGreaterThan(0);
      for (const answer of answers) expect(choices, String(card.id)).toContain(answer);
      expect(answers.length, String(card.id)).toBeLessThan(choices.length);
    }
  });

  it('gives every cloze at least one non-empty gap', () => {
    for (const card of cards.filter((c) => 'cloze' in c)) {
      const gaps = [...String(card.cloze).matchAll(/\{\{([\s\S]*?)\}\}/g)];
      expect(gaps.length, String(card.id)).toBeGreaterThan(0);
      for (const gap of gaps) expect(gap[1]!.trim(), String(card.id)).not.toBe('');
    }
  });

  it('writes every endpoint in pairs as a verb and a full /api/2.2/ path', () => {
    const rights = cards.flatMap(pairsOf).map(([, right]) => right);
    const endpoints = rights.filter((r) => r.includes('jobs/') || r.includes('/api/'));
    expect(endpoints.length).toBeGreaterThanOrEqual(7);
    for (const endpoint of endpoints) expect(endpoint).toMatch(/^(?:GET|POST) \/api\/2\.2\/jobs\//);
  });

  it('pairs each intent with its endpoint as the lesson does', () => {
    const pairs = new Map(cards.flatMap(pairsOf));
    expect(pairs.get("the job's full config: tasks, notebooks, clusters")).toBe(
      'GET /api/2.2/jobs/get',
    );
    expect(pairs.get('all jobs in the workspace')).toBe('GET /api/2.2/jobs/list');
    expect(pairs.get('define a new job')).toBe('POST /api/2.2/jobs/create');
    expect(pairs.get('trigger a run of an existing job')).toBe('POST /api/2.2/jobs/run-now');
    expect(pairs.get('every run of a job, with status')).toBe('GET /api/2.2/jobs/runs/list');
    expect(pairs.get('one run in detail')).toBe('GET /api/2.2/jobs/runs/get');
    // What repair does: the lesson's "repair a failed run" would name the path.
    expect(pairs.get('rerun a failed run from its failed task on')).toBe(
      'POST /api/2.2/jobs/runs/repair',
    );
  });

  it('names the API call each CLI command mirrors, as the lesson does', () => {
    const answer = String(cards.find((c) => c.id === 'cli-to-api')?.a);
    for (const line of [
      '`databricks jobs list` → GET jobs/list',
      '`databricks jobs get --job-id 123` → GET jobs/get',
      '`databricks jobs run-now --job-id 123` → POST jobs/run-now',
      '`databricks jobs list-runs --job-id 123` → runs/list',
    ]) {
      expect(answer).toContain(line);
    }
    const choice = cards.find((c) => c.id === 'cli-list-runs-call');
    expect(choice?.answer).toBe('GET /api/2.2/jobs/runs/list');
  });

  it('teaches the key facts of 2.2 pagination, repair and bundles', () => {
    expect(allAnswers.some((a) => a.includes('next_page_token'))).toBe(true);
    expect(allAnswers).toContain('next_page_token');
    expect(allAnswers).toContain('page_token');
    expect(allAnswers).toContain('has_more');
    expect(allAnswers).toContain('100');
    for (const field of ['tasks', 'job_clusters', 'parameters', 'environments']) {
      expect(allAnswers).toContain(field);
    }
    expect(allAnswers.some((a) => a.includes('downstream dependents'))).toBe(true);
    expect(allAnswers.some((a) => a.includes('databricks bundle run <job_key> -t <target>'))).toBe(
      true,
    );
  });

  it('explains every card a mock test can ask, quoting the lesson', () => {
    const lesson = readFileSync(
      join(import.meta.dirname, '../fixtures/lesson/jobs-rest-api-and-cli.txt'),
      'utf8',
    )
      .replace(/\s+/g, ' ')
      .toLowerCase();
    for (const card of cards.filter((c) => kindOf(c) !== 'a')) {
      expect(typeof card.explain, String(card.id)).toBe('string');
    }
    // Quoted passages are the lesson's own words.
    for (const card of cards) {
      for (const [, quote] of String(card.explain ?? '').matchAll(/"([^"]{12,})"/g)) {
        const words = quote!
          .replace(/'[^']*'/g, ' ')
          .split(/[;:.]/)
          .map((w) => w.trim());
        for (const w of words.filter((x) => x.length > 12)) {
          expect(lesson, `${card.id}: ${w}`).toContain(w.replace(/\s+/g, ' ').toLowerCase());
        }
      }
    }
  });

  it('gives every core prompt of the lesson a form a mock test can ask, grouped with it', () => {
    const groupOf = (prompt: string) => cards.find((c) => c.q === prompt)?.group;
    for (const prompt of [
      LESSON_PROMPTS[0],
      LESSON_PROMPTS[1],
      LESSON_PROMPTS[2],
      LESSON_PROMPTS[3],
      LESSON_PROMPTS[4],
    ]) {
      const group = groupOf(prompt!);
      expect(group, prompt).toBeDefined();
      expect(
        cards.some((c) => c.group === group && kindOf(c) === 'choices'),
        prompt,
      ).toBe(true);
    }
    expect(cards.find((c) => c.id === 'job-vs-run')?.group).toBe('job-vs-run');
  });

  it('groups a choice card with a card whose answer lists all its right answers', () => {
    // Review keeps a group's cards apart: ungrouped, the job-vs-run answer ("pending/running/
    // success/failed") arrived right before the question asking for those statuses. A card has
    // one group, so it shares it with one of the cards that answer it, not with all of them.
    const words = (v: unknown) => String(v ?? '').toLowerCase();
    for (const c of cards) {
      const right = Array.isArray(c.answer) ? c.answer.map(words) : [];
      if (right.length < 2) continue;
      const answeredBy = cards.filter(
        (o) => o !== c && typeof o.a === 'string' && right.every((r) => words(o.a).includes(r)),
      );
      if (answeredBy.length === 0) continue;
      expect(
        answeredBy.some((o) => o.group !== undefined && o.group === c.group),
        `${String(c.id)} is answered by ${answeredBy.map((o) => String(o.id)).join(', ')}`,
      ).toBe(true);
    }
  });

  it('keeps the qualifier of the lesson in the pagination cloze', () => {
    const cloze = String(cards.find((c) => c.id === 'pagination-cloze')?.cloze);
    expect(cloze).toContain('list fields like tasks, job_clusters, parameters, environments');
  });

  it('answers the production-standard prompt with DABs/YAML', () => {
    const card = cards.find((c) => c.q === LESSON_PROMPTS[4]);
    expect(String(card?.a)).toContain('DABs/YAML');
  });

  it('answers the paging prompts with next_page_token, not has_more', () => {
    for (const prompt of [LESSON_PROMPTS[3], LESSON_PROMPTS[5]]) {
      const answer = String(cards.find((c) => c.q === prompt)?.a);
      expect(answer).toContain('next_page_token');
      expect(answer).toContain('page_token');
    }
  });
});
