import { describe, expect, it } from 'vitest';
import { normalizeAnswer } from '../../src/core/answer-check.js';
import type { Card } from '../../src/core/card.js';
import { clozePrompt } from '../../src/core/card-prompt.js';
import {
  answerShape,
  buildQuiz,
  type ChoiceQuestion,
  type QuizQuestion,
  quizQuestions,
  selfGiveaway,
  similarShape,
} from '../../src/core/quiz-build.js';
import { basicQ, choiceQ, clozeQs, generatedDeck, pairQs, typedQ } from './quiz-cards.js';

const deck = generatedDeck();
const seeds = Array.from({ length: 200 }, (_, i) => `seed-${i}`);
const rightTexts = (q: ChoiceQuestion) => q.correct.map((i) => q.choices[i]!);

/** What the card itself says is right, whatever the question made of it. */
function cardRight(card: Card): string[] {
  switch (card.kind) {
    case 'basic':
      return [card.answer];
    case 'pair':
      return [card.right];
    case 'choice':
      return card.correct.map((i) => card.choices[i]!);
    default:
      return [];
  }
}

describe('quiz generation', () => {
  it('never offers the right answer twice nor a duplicate distractor, over many seeds', () => {
    for (const seed of seeds) {
      for (const q of quizQuestions(deck, seed)) {
        if (q.kind !== 'choice') continue;
        const norm = q.choices.map(normalizeAnswer);
        expect(new Set(norm).size, `${seed} ${q.id}: ${q.choices.join(' | ')}`).toBe(norm.length);
        expect(q.choices.length).toBeGreaterThanOrEqual(2);
        expect(q.choices.length).toBeLessThanOrEqual(4);
      }
    }
  });

  it('gives every single-choice question exactly one right answer, and it is the card’s', () => {
    for (const seed of seeds.slice(0, 50)) {
      for (const q of quizQuestions(deck, seed)) {
        if (q.kind !== 'choice') continue;
        expect(rightTexts(q).sort()).toEqual(cardRight(q.card).sort());
        if (!q.multi) expect(q.correct).toHaveLength(1);
        else expect(q.correct.length).toBeGreaterThan(1);
      }
    }
  });

  it('makes pair distractors from the other right sides of the same note only', () => {
    for (const seed of seeds.slice(0, 50)) {
      for (const q of quizQuestions(deck, seed)) {
        if (q.card.kind !== 'pair' || q.kind !== 'choice') continue;
        for (const c of q.choices) expect(q.card.rights).toContain(c);
        expect(q.cue).toBe(q.card.left);
      }
    }
  });

  it('leaves out pairs with no other answer and basic cards without good distractors', () => {
    const all = quizQuestions(deck, 's');
    const ids = new Set(all.map((q) => q.id));
    expect(ids.has('jobs/lonely:p0')).toBe(false);
    expect(ids.has('jobs/same:p0')).toBe(false);
    expect(ids.has('jobs/essay')).toBe(false);
    // `word N` answers: three distinct, so two distractors each.
    expect(ids.has('jobs/word1')).toBe(true);
    const word = all.find((q) => q.id === 'jobs/word1') as ChoiceQuestion;
    expect(word.choices).toHaveLength(3);
    const ep = all.find((q) => q.id === 'sql/ep3') as ChoiceQuestion;
    expect(ep.choices).toHaveLength(4);
    for (const c of ep.choices) expect(answerShape(c)).toBe('endpoint');
  });

  it('takes basic distractors only from the same deck and tag set, never from the same note', () => {
    const cards = [
      basicQ('a', 'A?', 'GET /a', { tags: ['x'] }),
      basicQ('a:reverse', 'GET /a', 'A?', { tags: ['x'], note: 'a' }),
      basicQ('b', 'B?', 'GET /b', { tags: ['x'] }),
      basicQ('c', 'C?', 'GET /c', { tags: ['x', 'y'] }),
      basicQ('d', 'D?', 'GET /d', { tags: ['x'], deck: 'other' }),
    ];
    expect(quizQuestions(cards, 's')).toEqual([]);
    const more = [...cards, basicQ('e', 'E?', 'POST /e', { tags: ['x'] })];
    const q = quizQuestions(more, 's').find((x) => x.id === 'd/a') as ChoiceQuestion;
    expect([...q.choices].sort()).toEqual(['GET /a', 'GET /b', 'POST /e']);
  });

  it('judges answer shapes: endpoints, code, numbers, short and long text', () => {
    expect(answerShape('GET /jobs/list')).toBe('endpoint');
    expect(answerShape('`max_concurrent_runs`')).toBe('code');
    expect(answerShape('1,000')).toBe('number');
    expect(answerShape('the job cluster')).toBe('short');
    expect(answerShape('a job cluster is created for the run and ended after it')).toBe('long');
    expect(similarShape('POST /a', 'GET /b/c')).toBe(true);
    expect(similarShape('POST /a', 'the a')).toBe(false);
    expect(similarShape('yes', 'a much longer one')).toBe(false);
    expect(similarShape('one two three four five', 'six seven eight nine ten eleven')).toBe(true);
  });

  it('shuffles choice cards and keeps multi-answer ones multi', () => {
    const card = choiceQ('m', 'Pick the primes', ['2', '3', '4', '6'], [0, 1]);
    const orders = new Set<string>();
    for (const seed of seeds.slice(0, 30)) {
      const [q] = buildQuiz([card], { seed }) as [ChoiceQuestion];
      expect(q.multi).toBe(true);
      expect(rightTexts(q).sort()).toEqual(['2', '3']);
      orders.add(q.choices.join());
    }
    expect(orders.size).toBeGreaterThan(5);
  });

  it('asks typed cards as typed and cloze gaps as typed with the gap blanked', () => {
    const [c1, c2] = clozeQs('cl', 'Jobs run on {{clusters}} or {{serverless::compute}}.');
    const qs = quizQuestions([typedQ('t', 'Port?', ['443', 'https']), c1!, c2!], 'x');
    const byId = new Map(qs.map((q) => [q.id, q]));
    expect(byId.get('d/t')).toMatchObject({ kind: 'typed', accepted: ['443', 'https'] });
    expect(byId.get('d/cl:c1')).toMatchObject({
      kind: 'typed',
      prompt: 'Jobs run on […] or serverless.',
      accepted: ['clusters'],
    });
    expect(clozePrompt(c2!)).toBe('Jobs run on clusters or [compute].');
  });

  it('reproduces the same questions and choice order from the same seed', () => {
    const a = buildQuiz(deck, { seed: 'exam-eve' });
    const b = buildQuiz([...deck].reverse(), { seed: 'exam-eve' });
    const c = buildQuiz(deck, { seed: 'another' });
    const view = (qs: QuizQuestion[]) =>
      qs.map((q) => (q.kind === 'choice' ? `${q.id}:${q.choices.join('|')}` : q.id));
    expect(view(b)).toEqual(view(a));
    expect(view(c)).not.toEqual(view(a));
  });

  it('asks 20 questions by default, from both decks, never two of one note', () => {
    for (const seed of seeds.slice(0, 50)) {
      const qs = buildQuiz(deck, { seed });
      expect(qs).toHaveLength(20);
      const perDeck = (d: string) => qs.filter((q) => q.card.deckId === d).length;
      expect(perDeck('jobs')).toBeGreaterThanOrEqual(8);
      expect(perDeck('sql')).toBeGreaterThanOrEqual(8);
      const notes = qs.map((q) => `${q.card.deckId}/${q.card.noteId}`);
      expect(new Set(notes).size).toBe(notes.length);
    }
  });

  it('never repeats a note: a selection with fewer facts makes a shorter test', () => {
    const pairs = pairQs('p', [
      ['a', 'Alpha'],
      ['b', 'Beta'],
      ['c', 'Gamma'],
    ]);
    const cards = [...pairs, typedQ('t', 'Last letter?', ['t'])];
    expect(
      buildQuiz(cards, { count: 2, seed: 'z' })
        .map((q) => q.card.noteId)
        .sort(),
    ).toEqual(['p', 't']);
    expect(buildQuiz(cards, { count: 10, seed: 'z' })).toHaveLength(2);
  });

  it('asks one card of a group, and one of the cards with the same right answer', () => {
    const cards = [
      typedQ('create', 'Which endpoint defines a job?', ['POST /jobs/create']),
      ...pairQs('ep', [
        ['define a new job', 'POST /jobs/create'],
        ['list jobs', 'GET /jobs/list'],
      ]),
      typedQ('one', 'First form?', ['alpha'], { group: 'g' }),
      typedQ('two', 'Second form?', ['beta'], { group: 'g' }),
    ];
    for (const seed of seeds.slice(0, 40)) {
      const ids = buildQuiz(cards, { count: 10, seed }).map((q) => q.id);
      expect(ids.filter((id) => id === 'd/create' || id === 'd/ep:p0').length).toBeLessThanOrEqual(
        1,
      );
      expect(ids.filter((id) => id === 'd/one' || id === 'd/two')).toHaveLength(1);
    }
  });

  it('leaves out a question whose own text gives its answer, and keeps apart one that gives another away', () => {
    const [gap1, gap2] = clozeQs('cli', 'jobs get {{--job-id}} 123; jobs {{run-now}} --job-id 123');
    const cards = [
      gap1!,
      gap2!,
      typedQ('token', 'Which field says there are more results?', ['next_page_token']),
      typedQ('param', 'You got a `next_page_token`. Under which name do you pass it back?', [
        'page_token',
      ]),
      choiceQ('bundle', 'Which runs a bundle job?', ['bundle run', 'jobs run-now'], [0]),
      ...clozeQs('b', 'databricks {{bundle run}} <job_key>'),
    ];
    for (const seed of seeds.slice(0, 40)) {
      const ids = buildQuiz(cards, { count: 10, seed }).map((q) => q.id);
      expect(ids).not.toContain('d/cli:c1');
      expect(ids.includes('d/token') && ids.includes('d/param')).toBe(false);
      expect(ids.includes('d/bundle') && ids.includes('d/b:c1')).toBe(false);
    }
  });

  const rules = (same: string[][] = [], optional: string[] = []) => ({
    optional,
    same,
    exactCase: false,
  });
  // Each row: two cards, and whether a test may hold both. Only an accepted form other than the
  // canonical answer links them (a variant, a `same` group member, an optional part).
  it.each([
    {
      why: 'a typed variant shown in another prompt gives it away',
      cards: [
        typedQ('field', 'Which field says there are more results?', [
          'next_page_token',
          'page token',
        ]),
        typedQ('hint', 'With a page token in hand, what do you call next?', ['jobs/list again']),
      ],
      apart: true,
    },
    {
      why: 'a `same` group member shown in another prompt gives it away',
      cards: [
        typedQ('tool', 'Which tool mirrors the API?', ['Databricks CLI'], {
          answers: rules([['Databricks CLI', 'the command line']]),
        }),
        typedQ('other', 'What does the command line wrap?', ['REST calls']),
      ],
      apart: true,
    },
    {
      why: 'a variant shown among the choices of a typed question gives it away',
      cards: [
        typedQ('retry', 'Which endpoint reruns failed tasks?', ['POST runs/repair', 'repair']),
        choiceQ('verbs', 'Which is not an endpoint?', ['repair', 'jobs/get'], [0]),
      ],
      apart: true,
    },
    {
      why: 'two typed questions whose accepted forms meet test one fact',
      cards: [
        typedQ('a', 'First way to ask?', ['alpha', 'the first letter']),
        typedQ('b', 'Second way to ask?', ['the first letter', 'aleph']),
      ],
      apart: true,
    },
    {
      why: 'answers that meet only through a `same` group test one fact',
      cards: [
        typedQ('a', 'First way to ask?', ['failed tasks'], {
          answers: rules([['failed tasks', 'the failed ones']]),
        }),
        typedQ('b', 'Second way to ask?', ['the failed ones']),
      ],
      apart: true,
    },
    {
      why: 'two questions offering the same choices test one fact: one answer rules out a choice of the other',
      cards: [
        choiceQ(
          'explore',
          'Which way is for exploring?',
          ['UI', 'DABs/YAML', 'REST API', 'CLI'],
          [0],
        ),
        choiceQ(
          'prod',
          'Which way is the production standard?',
          ['CLI', 'REST API', 'UI', 'DABs/YAML'],
          [3],
        ),
      ],
      apart: true,
    },
    {
      why: 'the same choices compared as answers are (case, quotes, Markdown)',
      cards: [
        choiceQ('explore', 'Which way is for exploring?', ['UI', '`CLI`', 'REST API'], [0]),
        choiceQ('adhoc', 'Which way is for ad-hoc use?', ['ui', 'cli', '**REST API**'], [1]),
      ],
      apart: true,
    },
    {
      why: 'several right answers among the same choices: the same items told apart twice',
      cards: [
        choiceQ('job', 'Which act on the job?', ['jobs/get', 'jobs/create', 'runs/get'], [0, 1]),
        choiceQ('post', 'Which are POST?', ['jobs/get', 'jobs/create', 'runs/get'], [1]),
      ],
      apart: true,
    },
    {
      why: 'one list of choices inside a longer one: the same items told apart twice',
      cards: [
        choiceQ(
          'posts',
          'Which are POST?',
          ['jobs/get', 'jobs/create', 'runs/get', 'runs/repair'],
          [1, 3],
        ),
        choiceQ('runs', 'Which act on a run?', ['runs/get', 'runs/repair', 'jobs/get'], [0, 1]),
      ],
      apart: true,
    },
    {
      why: 'choices that are mostly, not all, the same (3 of 4) may share a test, as in an exam',
      cards: [
        choiceQ(
          'all',
          'Which lists all jobs?',
          ['GET list', 'GET runs/list', 'GET get', 'GET runs/get'],
          [0],
        ),
        choiceQ(
          'one',
          'Which gets one run?',
          ['GET runs/get', 'GET runs/list', 'GET get', 'POST repair'],
          [0],
        ),
      ],
      apart: false,
    },
    {
      why: 'choices that only overlap may share a test',
      cards: [
        choiceQ('explore', 'Which way is for exploring?', ['UI', 'DABs/YAML', 'REST API'], [0]),
        choiceQ('list', 'Which endpoint lists jobs?', ['jobs/list', 'UI', 'runs/list'], [0]),
      ],
      apart: false,
    },
    {
      why: 'a verb or a word does not show a path its optional parts leave one word (jobs/get)',
      cards: [
        typedQ('config', 'Which endpoint returns a job’s config?', ['GET /api/2.2/jobs/get'], {
          answers: rules([], ['/api/2.2/', 'jobs/']),
        }),
        choiceQ(
          'all',
          'Which endpoint should you get to list all jobs?',
          ['GET /api/2.2/jobs/list', 'GET /api/2.2/jobs/runs/list', 'POST /api/2.2/jobs/create'],
          [0],
        ),
      ],
      apart: false,
    },
    {
      why: 'that path shown without its optional parts gives it away',
      cards: [
        typedQ('config', 'Which endpoint returns a job’s config?', ['GET /api/2.2/jobs/get'], {
          answers: rules([], ['/api/2.2/', 'jobs/']),
        }),
        choiceQ('side', 'Which act on the job?', ['jobs/get', 'runs/get', 'runs/list'], [0]),
      ],
      apart: true,
    },
    {
      why: 'unrelated answers may share a test',
      cards: [
        typedQ('a', 'First way to ask?', ['alpha', 'uno']),
        typedQ('b', 'Second way to ask?', ['beta', 'dos']),
      ],
      apart: false,
    },
  ])('$why', ({ cards, apart }) => {
    const together = seeds
      .slice(0, 20)
      .some((seed) => buildQuiz(cards, { count: 2, seed }).length === 2);
    expect(together).toBe(!apart);
  });

  it('keeps apart a list that shows every right choice of another, and a path of a typed endpoint', () => {
    const cards = [
      choiceQ('statuses', 'Which statuses?', ['pending', 'failed', 'configured'], [0, 1]),
      choiceQ('run', 'What is a run?', ['one attempt (pending/failed)', 'the definition'], [0]),
      typedQ('create', 'Which endpoint defines a job?', ['POST /jobs/create']),
      choiceQ('posts', 'Which are POST?', ['/jobs/create', '/jobs/list', '/jobs/get'], [0]),
    ];
    for (const seed of seeds.slice(0, 40)) {
      const ids = buildQuiz(cards, { count: 10, seed }).map((q) => q.id);
      expect(ids.includes('d/statuses') && ids.includes('d/run')).toBe(false);
      expect(ids.includes('d/create') && ids.includes('d/posts')).toBe(false);
    }
  });

  it('never asks a reversed basic card, nor offers a forward question as a wrong answer', () => {
    const cards = ['a', 'b', 'c'].flatMap((x) => [
      basicQ(x, `What is ${x}?`, `the letter ${x}`, { tags: ['t'] }),
      basicQ(`${x}:reverse`, `the letter ${x}`, `What is ${x}?`, { tags: ['t'], note: x }),
    ]);
    const qs = quizQuestions(cards, 's');
    expect(qs.map((q) => q.id).sort()).toEqual(['d/a', 'd/b', 'd/c']);
    for (const q of qs)
      if (q.kind === 'choice') for (const c of q.choices) expect(c).toMatch(/^the letter/);
  });

  it('spreads questions over topics in proportion to their notes', () => {
    const cards = [
      ...Array.from({ length: 30 }, (_, i) =>
        typedQ(`big${i}`, `Big ${i}?`, [`answer big ${i}`], { tags: ['all', 'big'] }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        typedQ(`small${i}`, `Small ${i}?`, [`answer small ${i}`], { tags: ['all', 'small'] }),
      ),
    ];
    for (const seed of seeds.slice(0, 20)) {
      const qs = buildQuiz(cards, { count: 20, seed });
      expect(qs.filter((q) => q.card.tags.includes('small'))).toHaveLength(5);
    }
  });
  it('gives the share a topic cannot ask (its notes one fact) to the others in proportion', () => {
    const topic = (name: string, n: number, group?: string) =>
      Array.from({ length: n }, (_, i) =>
        typedQ(`${name}${i}`, `${name} ${i}?`, [`answer ${name} ${i}`], {
          tags: ['all', name],
          ...(group === undefined ? {} : { group }),
        }),
      );
    const cards = [...topic('big', 30), ...topic('grouped', 10, 'one-fact'), ...topic('small', 4)];
    for (const seed of seeds.slice(0, 20)) {
      const qs = buildQuiz(cards, { count: 20, seed });
      const of = (t: string) => qs.filter((q) => q.card.tags.includes(t)).length;
      // 30 : 4 notes share the 19 questions left: 16.8 and 2.2. Going round the topics instead
      // asked the small one 3 or 4 times, as often as a topic of 10 notes.
      expect([of('big'), of('grouped'), of('small')]).toEqual([17, 1, 2]);
    }
  });
});

describe('questions without distractors (what lint advises from)', () => {
  it('are the same cards stating the same, a basic card offering its right answer alone', () => {
    const full = quizQuestions(deck, 'lint');
    const lean = quizQuestions(deck, 'lint', { distractors: false });
    expect(lean.map((q) => q.id)).toEqual(full.map((q) => q.id));
    expect(lean.some((q) => q.card.kind === 'basic')).toBe(true);
    lean.forEach((q, i) => {
      const f = full[i]!;
      expect(q.prompt).toBe(f.prompt);
      expect(selfGiveaway(q)).toEqual(selfGiveaway(f));
      if (q.card.kind === 'basic' && q.kind === 'choice') {
        expect(q.choices).toEqual([q.card.answer]);
        expect(q.correct).toEqual([0]);
      } else expect(q).toEqual(f);
    });
  });
});
