import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Deck } from '../../src/core/card.js';
import { adviseDeck, lintReport, tellingWords, tellWords } from '../../src/deck/advice.js';
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
    ['Which endpoint repairs a failed run?', ['endpoint', 'repairs', 'failed']],
    ['databricks bundle run-now --job-id 123', ['databricks', 'bundle']],
    ['Pass next_page_token back as page_token', ['pass', 'next_page_token', 'back', 'page_token']],
    ['A **job** is the `definition`', ['definition']],
    ['What does THIS do, and which one?', []],
    ['GET /api/2.2/jobs/runs/list', ['jobs', 'runs', 'list']],
    ['Öl über Ärger', ['über', 'ärger']],
    ['the 2024 test', ['test']],
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
      why: 'short words never tell',
      prompt: 'Which endpoint gets a job?',
      right: ['GET jobs/get'],
      wrong: ['GET jobs/list'],
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
      why: 'no plural folding: command is not commands',
      prompt: 'How do the commands relate?',
      right: ['each command calls an endpoint'],
      wrong: ['separately'],
      words: [],
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
      why: 'a pair whose right side alone echoes its left side',
      cards: `  - id: c
    q: Which endpoint?
    pairs:
      - [repair a failed run, POST runs/repair]
      - [define a new job, POST jobs/create]
    explain: x
`,
      expected: ['7:9 warning tell-word'],
      message:
        'only the right side `POST runs/repair` shares the word `repair` with `repair a failed run`',
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

  it('gives the shipped deck no note, and warns only where a card must keep its wording', () => {
    const file = join(import.meta.dirname, '../../decks/databricks-jobs-api.yaml');
    const { deck } = parseDeck(readFileSync(file), 'shipped.yaml');
    // cli-to-api: a CLI command names its endpoint (the lesson's "the CLI mirrors the API");
    // endpoint-for-intent: the lesson's own intent "repair a failed run" names runs/repair.
    // Both pairs' left sides are their keys: rewording them would drop their progress.
    expect(adviseDeck(deck!).map((p) => `${p.rule} ${p.message.split(':')[0]}`)).toEqual([
      'tell-word only the right side `POST /api/2.2/jobs/runs/repair` shares the word `repair` with `repair a failed run`',
      'gives-itself-away the left side `databricks jobs list` shows its own right side `/api/2.2/jobs/list`',
      'gives-itself-away the left side `databricks jobs get --job-id 123` shows its own right side `/api/2.2/jobs/get`',
      'gives-itself-away the left side `databricks jobs run-now --job-id 123` shows its own right side `/api/2.2/jobs/run-now`',
      'tell-word only the right side `GET /api/2.2/jobs/runs/list` shares the word `runs` with `databricks jobs list-runs --job-id 123`',
    ]);
  });
});

describe('lintReport', () => {
  it('merges advice into each file’s problems by line, and keeps the notes apart', () => {
    const a = parseDeck('name: A\ncards:\n  - {q: Q, a: A}\n  - {q: Which?, typed: x}\n', 'a.yaml');
    const b = parseDeck('id: b\nname: B\ncards:\n  - {id: t, q: Which?, typed: y}\n', 'b.yaml');
    const report = lintReport({ decks: [a.deck!, b.deck!], problems: [...a.problems] });
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
