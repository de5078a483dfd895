import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Deck } from '../../src/core/card.js';
import {
  adviseDeck,
  lengthTell,
  lintReport,
  tellingWords,
  tellWords,
} from '../../src/deck/advice.js';
import { parseDeck } from '../../src/deck/parse.js';

/** A deck parsed from YAML cards (with an `id:`, so only the rule under test speaks). */
function deck(cards: string, header = 'id: d\nname: D\n'): Deck {
  const { deck, problems } = parseDeck(`${header}cards:\n${cards}`, 'd.yaml');
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  return deck!;
}

const advice = (cards: string, header?: string) =>
  adviseDeck(deck(cards, header)).map((p) => `${p.line}:${p.col} ${p.severity} ${p.rule}`);

const messages = (cards: string) => adviseDeck(deck(cards)).map((p) => p.message);

describe('tellingWords', () => {
  it.each([
    ['Which endpoint repairs a failed run?', ['endpoint', 'repairs', 'failed', 'run']],
    ['databricks bundle run-now --job-id 123', ['databricks', 'bundle', 'run', 'now', 'job', 'id']],
    ['Pass next_page_token back as page_token', ['pass', 'next_page_token', 'back', 'page_token']],
    ['A **job** is the `definition`', ['job', 'definition']],
    ['What does THIS do, and which one?', []],
    ['GET /api/2.2/jobs/runs/list', ['get', 'api', 'jobs', 'runs', 'list']],
    ['Öl über Ärger', ['öl', 'über', 'ärger']],
    ['the 2024 test', ['test']],
    ['-t <target>, the job’s', ['target', 'job']],
  ])('%j → %j', (text, words) => {
    expect(tellingWords(text)).toEqual(words);
  });
});

describe('tellWords', () => {
  it.each([
    {
      why: 'a word only the right answer shares',
      prompt: 'Which endpoint repairs a failed run?',
      right: ['POST runs/repairs'],
      wrong: ['GET runs/get', 'POST jobs/create'],
      words: ['repairs'],
    },
    {
      why: 'a wrong choice shares it too',
      prompt: 'Which command runs a bundle?',
      right: ['databricks bundle run'],
      wrong: ['databricks bundle deploy', 'databricks jobs run-now'],
      words: [],
    },
    {
      why: 'a short word only the right answer shares',
      prompt: 'Pick every request that is a **job** question, not a run question.',
      right: ['Show me the tasks configured in this job'],
      wrong: ['Did last night’s execution succeed?', 'One run in detail'],
      words: ['job'],
    },
    {
      why: 'a short word a wrong answer shares too',
      prompt: 'Pick every request that is a **job** question, not a run question.',
      right: ['Show me the tasks configured in this job'],
      wrong: ['Every run of a job, with status', 'One run in detail'],
      words: [],
    },
    {
      why: 'a short word that is in the prompt but not the right answer',
      prompt: 'Which endpoint gets a job?',
      right: ['GET jobs/get'],
      wrong: ['GET jobs/list'],
      words: [],
    },
    {
      why: 'short function words never tell',
      prompt: 'Who can do it for you, and how?',
      right: ['you can do it'],
      wrong: ['nobody'],
      words: [],
    },
    {
      why: 'single letters and numbers never tell',
      prompt: 'Which flag, -t or -p, goes with 456?',
      right: ['-t 456'],
      wrong: ['--job-id 123'],
      words: [],
    },
    {
      why: 'stop words never tell',
      prompt: 'Which of these would you pick?',
      right: ['these would work'],
      wrong: ['none'],
      words: [],
    },
    {
      why: 'case and Markdown marks do not matter',
      prompt: 'What does the **Scheduler** do?',
      right: ['`scheduler` starts runs'],
      wrong: ['nothing at all'],
      words: ['scheduler'],
    },
    {
      why: 'a plural echoes its singular: commands is command',
      prompt: 'How do the commands relate?',
      right: ['each command calls an endpoint'],
      wrong: ['separately'],
      words: ['command'],
    },
    {
      why: 'a word whose plural every wrong answer has does not tell: run is runs',
      prompt: 'Which endpoint triggers a run of an existing job?',
      right: ['POST jobs/run-now'],
      wrong: ['GET jobs/runs/list', 'POST jobs/runs/repair'],
      words: [],
    },
    {
      why: 'an -es plural too: statuses is status',
      prompt: 'Which field holds the status?',
      right: ['the statuses of all runs'],
      wrong: ['the tasks'],
      words: ['statuses'],
    },
    {
      why: 'several right answers: a word in any of them',
      prompt: 'Which statuses can a run have?',
      right: ['pending', 'statuses vary'],
      wrong: ['configured'],
      words: ['statuses'],
    },
    {
      why: 'no wrong answer: nothing to tell apart',
      prompt: 'Which tasks?',
      right: ['tasks'],
      wrong: [],
      words: [],
    },
  ])('$why', ({ prompt, right, wrong, words }) => {
    expect(tellWords(prompt, right, wrong)).toEqual(words);
  });
});

describe('lengthTell', () => {
  const chars = (n: number, c = 'x') => c.repeat(n);
  it.each([
    {
      why: 'the right answer longest by far (1.36×, 22 more)',
      right: [
        'The job is the definition (tasks, schedule, clusters); a run is one execution of it',
      ],
      wrong: [
        'The job is one execution; a run is the definition it executes',
        'The job is the schedule; a run is one task of the job',
      ],
      tell: { right: 83, wrong: 61 },
    },
    {
      why: 'one of several right answers longest by far',
      right: ['Show me the notebooks/tasks configured in this job', 'All jobs in the workspace'],
      wrong: ["Did last night's execution succeed?", 'One run in detail'],
      tell: { right: 50, wrong: 35 },
    },
    {
      why: 'just at both margins',
      right: [chars(50)],
      wrong: [chars(40)],
      tell: { right: 50, wrong: 40 },
    },
    {
      why: 'long enough a ratio, too few characters more',
      right: ['clusters'],
      wrong: ['UI', 'CLI'],
      tell: undefined,
    },
    {
      why: 'enough characters more, too small a ratio',
      right: [chars(60)],
      wrong: [chars(49)],
      tell: undefined,
    },
    {
      why: 'a wrong answer is the longest',
      right: [chars(30)],
      wrong: [chars(10), chars(31)],
      tell: undefined,
    },
    {
      why: 'as long as a wrong answer',
      right: [chars(40)],
      wrong: [chars(10), chars(40)],
      tell: undefined,
    },
    {
      why: 'Markdown marks and repeated spaces are not length',
      right: ['**the** `definition`   of  it, by far'],
      wrong: ['the run, just the run'],
      tell: undefined,
    },
    { why: 'no wrong answer', right: [chars(50)], wrong: [], tell: undefined },
  ])('$why', ({ right, wrong, tell }) => {
    expect(lengthTell(right, wrong)).toEqual(tell);
  });
});

describe('adviseDeck', () => {
  it('says nothing about a deck with an id whose cards are fair and explained', () => {
    expect(
      advice(`  - id: a
    q: Which endpoint defines a new job?
    choices: [POST jobs/create, GET jobs/get, POST jobs/run-now]
    answer: POST jobs/create
    explain: The lesson lists it first.
  - id: b
    cloze: A job is the {{definition}}; a run is {{one execution}}.
    explain: The anchor.
`),
    ).toEqual([]);
  });

  it.each([
    {
      why: 'a cloze gap whose answer is in the text around it',
      cards: `  - id: c
    cloze: "\`databricks jobs get {{--job-id}} 123\`, like every command, takes --job-id"
    explain: x
`,
      expected: ['4:5 warning gives-itself-away'],
      message: "gap 1's answer `--job-id` also shows in the text around it",
    },
    {
      why: 'a cloze gap whose answer is in another gap',
      cards: `  - id: c
    cloze: "{{run-now}} is called as POST jobs/{{run-now}}"
    explain: x
`,
      expected: ['4:5 warning gives-itself-away', '4:5 warning gives-itself-away'],
      message: "gap 1's answer `run-now` also shows in gap 2 (`run-now`)",
    },
    {
      why: 'a cloze gap whose accepted variant (a `same` group) is in the text around it',
      cards: `  - id: c
    cloze: "A job is the {{definition}}: the recipe you configured"
    answers:
      same: [[definition, recipe]]
    explain: x
`,
      expected: ['4:5 warning gives-itself-away'],
      message: "gap 1's answer `recipe` also shows in the text around it",
    },
    {
      why: 'a choice card whose question holds its right answer',
      cards: `  - id: c
    q: A whole fresh run starts when you call run-now. What does run-now start?
    choices: [A whole fresh run, Only the failed task]
    answer: A whole fresh run
    explain: x
`,
      expected: ['4:5 warning gives-itself-away'],
      message: 'the question shows its own right answer `A whole fresh run`',
    },
    {
      why: 'a typed card whose question holds its answer',
      cards: `  - id: c
    q: "Pass next_page_token back as page_token: under which name?"
    typed: page_token
    explain: x
`,
      expected: ['4:5 warning gives-itself-away'],
      message: 'the question shows its own right answer `page_token`',
    },
    {
      why: 'an endpoint given away by its path alone',
      cards: `  - id: c
    q: "Which verb goes with /api/2.2/jobs/create to define a job?"
    typed: POST /api/2.2/jobs/create
    explain: x
`,
      expected: ['4:5 warning gives-itself-away'],
      message: 'the question shows its own right answer `/api/2.2/jobs/create`',
    },
    {
      why: 'a pair whose left side holds its right side',
      cards: `  - id: c
    q: Which call?
    pairs:
      - [call jobs/list, jobs/list]
      - [make one, jobs/create]
    explain: x
`,
      expected: ['7:9 warning gives-itself-away'],
      message: 'the left side `call jobs/list` shows its own right side `jobs/list`',
    },
    {
      why: 'a choice whose right answer alone echoes a word of the question',
      cards: `  - id: c
    q: Which endpoint repairs a failed run?
    choices: [POST runs/repairs, GET runs/get, POST jobs/create]
    answer: POST runs/repairs
    explain: x
`,
      expected: ['4:5 warning tell-word'],
      message: 'only the right choice shares the word `repairs` with the question',
    },
    {
      why: 'a choice whose right answers alone share a short word with the question',
      cards: `  - id: c
    q: "Pick every request that is a **job** question, not a run question."
    choices: [Show me the tasks configured in this job, All jobs in the workspace, "Did last night's execution succeed?", Repair a failed run]
    answer: [Show me the tasks configured in this job, All jobs in the workspace]
    explain: x
`,
      expected: ['4:5 warning tell-word'],
      message: 'only the right choices share the word `job` with the question',
    },
    {
      why: 'a choice whose right answer is the longest by far',
      cards: `  - id: c
    q: In the Jobs API, which is the job and which is a run?
    choices:
      - "The job is the definition (tasks, schedule, clusters); a run is one execution of it"
      - "The job is one execution; a run is the definition it executes"
      - "Job and run are two names for the same configured workflow"
    answer: "The job is the definition (tasks, schedule, clusters); a run is one execution of it"
    explain: x
`,
      expected: ['4:5 warning length-tell'],
      message:
        'the right choice is the longest by far, 83 characters against at most 61 for a wrong one (1.4×)',
    },
    {
      why: 'a pair whose right side alone echoes its left side',
      cards: `  - id: c
    q: Which endpoint?
    pairs:
      - [repair a failed run, POST jobs/runs/repair]
      - [one run in detail, GET jobs/runs/get]
    explain: x
`,
      expected: ['7:9 warning tell-word'],
      message:
        'only the right side `POST jobs/runs/repair` shares the word `repair` with `repair a failed run`',
    },
    {
      why: 'a quizzable card without explain (once per entry)',
      cards: `  - id: c
    cloze: "{{job_id}} names a job, {{run_id}} a run"
  - id: basic
    q: No quiz can ask this one
    a: alone
`,
      expected: ['4:5 note no-explain'],
      message: 'no `explain`: after a wrong answer',
    },
  ])('$why', ({ cards, expected, message }) => {
    expect(advice(cards)).toEqual(expected);
    expect(messages(cards)[0]).toContain(message);
  });

  it('warns about a deck with no id, at its first line, naming the id to write', () => {
    const d = deck('  - {id: a, q: Q, a: A}\n', 'name: D\n');
    expect(adviseDeck(d)).toEqual([
      {
        file: 'd.yaml',
        line: 1,
        col: 1,
        severity: 'warning',
        rule: 'missing-deck-id',
        message:
          'the deck has no `id`: its progress is kept under the file name (`d`), so renaming the file loses it (add `id: d`)',
      },
    ]);
  });

  it('tells nothing when a wrong choice shares the word too', () => {
    expect(
      advice(`  - id: c
    q: Which command runs a bundle-defined job in a target environment?
    choices: ["databricks bundle run <job_key> -t <target>", "databricks bundle run-now --job-id 123 -t <target>"]
    answer: "databricks bundle run <job_key> -t <target>"
    explain: x
`),
    ).toEqual([]);
  });

  it('gives the shipped deck no warning and no note', () => {
    const file = join(import.meta.dirname, '../../decks/databricks-jobs-api.yaml');
    const { deck } = parseDeck(readFileSync(file), 'shipped.yaml');
    expect(adviseDeck(deck!).map((p) => `${p.line} ${p.rule} ${p.message}`)).toEqual([]);
  });
});

describe('lintReport', () => {
  it('merges advice into each file’s problems by line, and keeps the notes apart', () => {
    const a = parseDeck('name: A\ncards:\n  - {q: Q, a: A}\n  - {q: Which?, typed: x}\n', 'a.yaml');
    const b = parseDeck('id: b\nname: B\ncards:\n  - {id: t, q: Which?, typed: y}\n', 'b.yaml');
    const report = lintReport({ decks: [a.deck!, b.deck!], problems: [...a.problems] }, adviseDeck);
    expect(report.problems.map((p) => `${p.file}:${p.line} ${p.rule}`)).toEqual([
      'a.yaml:1 missing-deck-id',
      'a.yaml:3 missing-id',
      'a.yaml:4 missing-id',
    ]);
    expect(report.notes.map((p) => `${p.file}:${p.line} ${p.rule}`)).toEqual([
      'a.yaml:4 no-explain',
      'b.yaml:4 no-explain',
    ]);
  });
});
