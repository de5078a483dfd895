/**
 * What a mock test measures, over 500 seeds of a 20-question test, from the shipped deck and
 * from a generated one full of traps: no two questions on one fact, no question given away by
 * another's text or its own, topics spread, and (shipped deck) the job-vs-run anchor asked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AnswerRules,
  acceptedForms,
  answerKey,
  holdsAnswer,
  pathKey,
  readKey,
} from '../../src/core/answer-check.js';
import type { Card } from '../../src/core/card.js';
import { buildQuiz, type QuizQuestion } from '../../src/core/quiz-build.js';
import { rngFromSeed } from '../../src/core/shuffle.js';
import { parseDeck } from '../../src/deck/parse.js';
import { basicQ, choiceQ, clozeQs, pairQs, typedQ } from './quiz-cards.js';

const SEEDS = Array.from({ length: 500 }, (_, i) => `fair-${i}`);

const file = join(import.meta.dirname, '../../decks/databricks-jobs-api.yaml');
const shipped = parseDeck(readFileSync(file), file).deck!.cards;

/** `f(text, rules)`, remembered: 500 tests compare the same few texts over and over. */
function remembered(f: (text: string, rules?: AnswerRules) => string) {
  const cache = new Map<AnswerRules | undefined, Map<string, string>>();
  return (text: string, rules: AnswerRules | undefined): string => {
    const byText = cache.get(rules) ?? new Map<string, string>();
    cache.set(rules, byText);
    const known = byText.get(text);
    if (known !== undefined) return known;
    const k = f(text, rules);
    byText.set(text, k);
    return k;
  };
}
const read = remembered(readKey);
const key = remembered(answerKey);
const path = remembered(pathKey);

/** The right answers in every form they are accepted in (variants, `same` groups). */
const rightOf = (q: QuizQuestion): string[] => {
  const right = q.kind === 'choice' ? q.correct.map((i) => q.choices[i]!) : [...q.accepted];
  return q.kind === 'choice' && q.multi ? right : acceptedForms(right, q.card.answers);
};
const statement = (q: QuizQuestion) => [q.prompt, ...(q.cue === undefined ? [] : [q.cue])];

/** Pairs of questions on one fact: one note, one group, or a right answer in common. */
function sameFacts(qs: readonly QuizQuestion[]): string[] {
  const out: string[] = [];
  qs.forEach((a, i) => {
    for (const b of qs.slice(i + 1)) {
      const note = a.card.deckId === b.card.deckId && a.card.noteId === b.card.noteId;
      const group = a.card.group !== undefined && a.card.group === b.card.group;
      const answer = [a, b].some((x) => {
        const keys = rightOf(a).map((r) => key(r, x.card.answers));
        return rightOf(b).some((r) => keys.includes(key(r, x.card.answers)));
      });
      const multi = (q: QuizQuestion) => q.kind === 'choice' && q.multi;
      if (note || group || (answer && !multi(a) && !multi(b))) out.push(`${a.id} & ${b.id}`);
    }
  });
  return out;
}

/**
 * Questions whose right answer another question (or the question itself) shows: in its prompt
 * or cue, or, for a typed answer (or its endpoint's path) and for several right choices (all in
 * one text), in its choices.
 */
function revealed(qs: readonly QuizQuestion[]): string[] {
  const out: string[] = [];
  for (const b of qs) {
    const multi = b.kind === 'choice' && b.multi;
    const sets =
      b.kind === 'choice'
        ? [rightOf(b)]
        : rightOf(b).flatMap((r) => {
            const path = /^(?:GET|POST)\s+(\S+)$/i.exec(r)?.[1];
            return path ? [[r], [path]] : [[r]];
          });
    for (const a of qs) {
      const texts = [
        ...statement(a),
        ...(b.kind === 'typed' || multi ? (a.kind === 'choice' ? a.choices : []) : []),
      ];
      const rules = b.card.answers;
      for (const set of sets) {
        // A path its optional parts leave without a `/` (`/api/2.2/jobs/get` is `get`) is
        // shown where a path stands, not by every GET.
        const bare = (r: string) =>
          !/\s/.test(r) && r.includes('/') && !read(r, rules).includes('/');
        const shows = (t: string) =>
          set.every((r) =>
            bare(r)
              ? holdsAnswer(path(t, rules), path(r, rules))
              : holdsAnswer(read(t, rules), read(r, rules)),
          );
        if (texts.some(shows)) out.push(`${a.id} shows ${b.id}: ${set.join(', ')}`);
      }
    }
  }
  return out;
}

/** A random deck of every kind, its answers drawn from a small vocabulary so they collide. */
function randomDeck(seed: string): Card[] {
  const rng = rngFromSeed(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const words = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma', 'kappa', 'theta', 'zeta'];
  const phrase = () => `${pick(words)} ${pick(words)}`;
  const tags = ['north', 'south', 'east', 'west'];
  const cards: Card[] = [];
  for (let n = 0; n < 60; n++) {
    const o = { tags: ['deck', pick(tags)], ...(rng() < 0.15 ? { group: `g${n % 5}` } : {}) };
    const prompt = rng() < 0.3 ? `About ${phrase()}, which?` : `Question ${n}?`;
    switch (n % 5) {
      case 0: {
        // Every other typed card has a variant (a `same` group) of the vocabulary's words, which
        // other prompts and answers show: only the variant gives it away, or makes it one fact.
        const answer = phrase();
        const answers = { optional: [], same: [[answer, phrase()]], exactCase: false };
        cards.push(typedQ(`t${n}`, prompt, [answer], n % 10 === 0 ? { ...o, answers } : o));
        break;
      }
      case 1:
        cards.push(
          ...clozeQs(`c${n}`, `The {{${phrase()}}} meets {{${phrase()}}} at ${pick(words)}.`, o),
        );
        break;
      case 2: {
        const choices = [...new Set([phrase(), phrase(), phrase(), phrase()])];
        cards.push(choiceQ(`k${n}`, prompt, choices, [0], o));
        break;
      }
      case 3:
        cards.push(
          ...pairQs(
            `p${n}`,
            [
              [`left ${n} a`, phrase()],
              [`left ${n} b`, phrase()],
              [`left ${n} c`, phrase()],
            ],
            o,
          ),
        );
        break;
      default:
        cards.push(basicQ(`b${n}`, prompt, phrase(), o));
    }
  }
  return cards;
}

/** Each deck's 500 tests, built once for every property checked. */
const built = new Map<string, QuizQuestion[][]>();
const testsOf = (name: string, cards: () => readonly Card[]) => {
  let tests = built.get(name);
  if (!tests) {
    const all = cards();
    tests = SEEDS.map((seed) => buildQuiz(all, { count: 20, seed }));
    built.set(name, tests);
  }
  return tests;
};
const shippedTests = () => testsOf('shipped', () => shipped);

describe.each([
  ['the shipped deck', shippedTests],
  ['a generated deck', () => testsOf('generated', () => randomDeck('deck'))],
])('20-question mock tests from %s, over 500 seeds', (_, tests) => {
  it('never ask two questions on one fact', () => {
    expect(tests().flatMap(sameFacts)).toEqual([]);
  });

  it('never show a question’s answer, in its own text or another’s', () => {
    expect(tests().flatMap(revealed)).toEqual([]);
  });

  it('never offer the same items twice: one question’s choices all among another’s', () => {
    const offered = (q: QuizQuestion) =>
      q.kind === 'choice' ? new Set(q.choices.map((c) => read(c, q.card.answers))) : undefined;
    const twice = tests().flatMap((t) => {
      const out: string[] = [];
      t.forEach((a, i) => {
        for (const b of t.slice(i + 1)) {
          const [x, y] = [offered(a), offered(b)];
          if (!x || !y) continue;
          const [small, large] = x.size <= y.size ? [x, y] : [y, x];
          if ([...small].every((c) => large.has(c))) out.push(`${a.id} & ${b.id}`);
        }
      });
      return out;
    });
    expect(twice).toEqual([]);
  });
});

describe('mock tests from the shipped deck', () => {
  it('ask the 20 questions asked for', () => {
    expect(shippedTests().filter((t) => t.length < 20)).toEqual([]);
  });

  it('ask at most one "which way is for …?" of the four ways to drive a Job', () => {
    const ways = (t: readonly QuizQuestion[]) =>
      t.filter((q) => q.card.group === 'four-ways').map((q) => q.id);
    expect(
      shippedTests()
        .filter((t) => ways(t).length > 1)
        .map(ways),
    ).toEqual([]);
  });

  // Hints the text check cannot see: the text shown does not hold the other answer, but tells it.
  it.each([
    ['page-token-param', 'jobs-get-150-tasks', 'its question says a next_page_token comes back'],
    ['job-vs-run-choice', 'job-or-run-pick', 'the job-vs-run distinction, twice'],
    ['post-endpoints', 'endpoints-on-the-job', 'the same seven paths to tell apart, twice'],
  ])('never ask %s and %s in one test (%s)', (a, b) => {
    const has = (t: readonly QuizQuestion[], note: string) => t.some((q) => q.card.noteId === note);
    expect(shippedTests().filter((t) => has(t, a) && has(t, b)).length).toBe(0);
  });

  it('ask for job_id without showing run_id beside it, and the other way round', () => {
    const shown = shippedTests()
      .flat()
      .filter((q) => q.kind === 'typed')
      .flatMap((q) =>
        [
          ['job_id', 'run_id'],
          ['run_id', 'job_id'],
        ]
          .filter(([asked, other]) => q.accepted.includes(asked!) && q.prompt.includes(other!))
          .map(() => `${q.id}: ${q.prompt}`),
      );
    expect([...new Set(shown)]).toEqual([]);
  });

  it('ask for job_id or run_id without an example id another question tells the owner of', () => {
    // "--job-id 123" or "the id of one run (456)" elsewhere answered "…with [...]=123".
    const cued = shippedTests().flatMap((t) =>
      t
        .filter((q) => q.kind === 'typed' && q.accepted.some((a) => /^(job|run)_id$/.test(a)))
        .filter((q) => /\b(123|456)\b/.test(q.prompt))
        .map((q) => `${q.id}: ${q.prompt}`),
    );
    expect([...new Set(cued)]).toEqual([]);
    const told = shippedTests().flatMap((t) =>
      t.filter((q) => /id of one run \(456\)/.test(q.prompt)).map((q) => q.id),
    );
    expect([...new Set(told)]).toEqual([]);
  });

  // The lesson's anchor and its three "before you move on" questions, as the deck groups them.
  it.each(['job-vs-run', 'tasks-vs-statuses', 'paging', 'four-ways'])(
    'ask the central fact %s in at least 90 % of tests',
    (group) => {
      const asked = shippedTests().filter((t) => t.some((q) => q.card.group === group));
      expect(asked.length / SEEDS.length).toBeGreaterThanOrEqual(0.9);
    },
  );

  it('ask a job-vs-run question in at least 90 % of tests', () => {
    const anchored = shippedTests().filter((t) => t.some((q) => q.card.tags.includes('anchor')));
    expect(anchored.length / SEEDS.length).toBeGreaterThanOrEqual(0.9);
  });
});
