import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/core/card.js';
import type { CardProgress } from '../../src/core/model.js';
import { compileQuery, parseQuery, type SearchRow, searchText } from '../../src/core/search.js';
import { basic, review } from '../support/cards.js';

// TZ is UTC in the tests; study days start at 04:00.
const now = Date.parse('2026-03-10T12:00:00Z');
const clock = { now, dayStartsAt: 4 };
const DAY = 86_400_000;

function row(
  id: string,
  progress: CardProgress | undefined,
  opts: { deck?: string; tags?: string[]; recall?: number | null; card?: Partial<Card> } = {},
): SearchRow {
  const card = {
    ...basic(id, { deck: opts.deck ?? 'api' }),
    tags: opts.tags ?? [],
    ...opts.card,
  } as Card;
  return {
    card,
    progress,
    deckName: opts.deck === 'cli' ? 'Databricks CLI' : 'Jobs REST API',
    text: searchText(card),
    recall: opts.recall ?? (progress?.srs ? 0.9 : null),
    leechAt: 8,
  };
}

const rows: readonly SearchRow[] = [
  row('fresh', undefined, { tags: ['pagination'] }),
  row(
    'due',
    { srs: review('2026-03-10T08:00:00Z', { lapses: 2 }) },
    { tags: ['runs'], recall: 0.85 },
  ),
  row('tomorrow', { srs: review('2026-03-11T08:00:00Z') }, { deck: 'cli', recall: 0.95 }),
  row(
    'week',
    { srs: review('2026-03-17T08:00:00Z', { lapses: 4, difficulty: 8 }) },
    { recall: 0.7 },
  ),
  row(
    'leech',
    { srs: review('2026-04-01T08:00:00Z', { lapses: 9 }), mark: 'red' },
    { deck: 'cli' },
  ),
  row('learning', {
    srs: review('2026-03-10T12:10:00Z', { state: 'Learning', lastReview: now - 60_000 }),
  }),
  row('relearn', {
    srs: review('2026-03-10T12:30:00Z', { state: 'Relearning', lastReview: now - 3 * DAY }),
  }),
  row('suspended', { srs: review('2026-03-01T08:00:00Z'), suspended: true }, { tags: ['runs'] }),
  row('buried', { srs: null, buriedUntil: now + DAY / 2, mark: 'todo' }),
  row(
    'unburied',
    { srs: null, buriedUntil: now - 1 },
    {
      card: { prompt: 'What does next_page_token do?', explain: 'Pagination "cursor".' },
    },
  ),
];

const search = (q: string) => {
  const parsed = parseQuery(q);
  if (!parsed.ok) throw new Error(`${q}: ${parsed.col}: ${parsed.message}`);
  const m = compileQuery(parsed.node, clock);
  return rows.filter(m).map((r) => r.card.key.split('/')[1]);
};

describe('search: what each query finds', () => {
  it.each([
    [
      '',
      [
        'fresh',
        'due',
        'tomorrow',
        'week',
        'leech',
        'learning',
        'relearn',
        'suspended',
        'buried',
        'unburied',
      ],
    ],
    ['Q due', ['due']],
    ['q DUE', ['due']],
    ['next_page', ['unburied']],
    ['cursor', ['unburied']],
    ['"does next"', ['unburied']],
    ['"does  next"', []],
    ['what*token', ['unburied']],
    ['deck:cli', ['tomorrow', 'leech']],
    ['deck:"databricks cli"', ['tomorrow', 'leech']],
    ['deck:data*', ['tomorrow', 'leech']],
    ['deck:c', []],
    ['tag:runs', ['due', 'suspended']],
    ['tag:RUN*', ['due', 'suspended']],
    ['-tag:runs deck:api is:review', ['week', 'relearn']],
    ['is:new', ['fresh', 'buried', 'unburied']],
    ['is:learning', ['learning', 'relearn']],
    ['is:review', ['due', 'tomorrow', 'week', 'leech', 'relearn', 'suspended']],
    ['is:due', ['due', 'learning', 'relearn', 'suspended']],
    ['is:due -is:suspended', ['due', 'learning', 'relearn']],
    ['is:suspended', ['suspended']],
    ['is:buried', ['buried']],
    ['is:leech', ['leech']],
    ['mark:red', ['leech']],
    ['flag:red', ['leech']],
    ['mark:*', ['leech', 'buried']],
    [
      '-mark:*',
      ['fresh', 'due', 'tomorrow', 'week', 'learning', 'relearn', 'suspended', 'unburied'],
    ],
    ['kind:basic tag:pagination', ['fresh']],
    ['lapses>3', ['week', 'leech']],
    ['lapses>=4', ['week', 'leech']],
    ['lapses:2', ['due']],
    ['lapses=0 is:new', ['fresh', 'buried', 'unburied']],
    ['lapses!=0', ['due', 'week', 'leech']],
    ['difficulty>7', ['week']],
    ['recall<0.8', ['week']],
    ['recall<=0.85', ['due', 'week']],
    // Study days: today is 10 March (from 04:00); tomorrow's day starts 11 March 04:00.
    ['due<1', ['due', 'learning', 'relearn', 'suspended']],
    ['due=1', ['tomorrow']],
    ['due:1d', ['tomorrow']],
    ['due<=7d', ['due', 'tomorrow', 'week', 'learning', 'relearn', 'suspended']],
    ['due<1w -due<7', []],
    ['due<=1 -due<1', ['tomorrow']],
    ['due<0', ['suspended']],
    ['due>7', ['leech']],
    ['last<1', ['learning']],
    ['last=3', ['relearn']],
    ['last>30', ['due', 'tomorrow', 'week', 'leech', 'suspended']],
    ['tag:runs or deck:cli', ['due', 'tomorrow', 'leech', 'suspended']],
    ['tag:runs OR deck:cli is:leech', ['due', 'leech', 'suspended']],
    ['(tag:runs or deck:cli) -is:leech', ['due', 'tomorrow', 'suspended']],
    ['-(tag:runs or deck:cli) is:review', ['week', 'relearn']],
    ['is:new and tag:pagination', ['fresh']],
    ['"or" deck:cli', ['tomorrow']],
    ['"tag:runs"', []],
    ['a<b', []],
    ['--is:leech', ['leech']],
  ])('%j', (q, found) => {
    expect(search(q)).toEqual(found);
  });
});

describe('search: a mistake is pointed at', () => {
  it.each([
    ['tag:', 5, 'tag: needs a value'],
    ['is:suspend', 4, 'did you mean is:suspended?'],
    ['is:sus', 4, 'did you mean is:suspended?'],
    ['is:dew', 4, 'did you mean is:new?'],
    ['is:whatever', 4, 'is: takes due, new, learning, review, suspended, buried, leech'],
    [
      'ta:x',
      1,
      'unknown field "ta:" (did you mean tag:?); to search for the text, quote it: "ta:x"',
    ],
    ['see https://x', 5, 'unknown field "https:"'],
    ['tag:"a b', 5, 'this quote is never closed'],
    ['"open', 1, 'this quote is never closed'],
    ['(is:new', 1, 'this "(" is never closed'],
    ['is:new)', 7, 'this ")" closes no "("'],
    [')', 1, 'this ")" closes no "("'],
    ['()', 1, 'these parentheses are empty'],
    ['is:new or', 10, 'a search is missing before the end'],
    ['or is:new', 1, 'a search is missing before "or"'],
    ['(is:new or ) x', 12, 'a search is missing before ")"'],
    ['and x', 1, '"and" goes between two searches'],
    ['x and', 3, '"and" goes between two searches'],
    ['- x', 1, 'nothing to negate'],
    ['x -', 3, 'nothing to negate'],
    ['(x -)', 4, 'nothing to negate'],
    ['lapses>x', 8, 'lapses compares with a number: lapses>3'],
    ['lapses>', 8, 'lapses compares with a number'],
    ['recall<80', 8, 'recall is a probability from 0 to 1'],
    ['due<7x', 5, 'due compares whole days: due<7d'],
    ['last>1.5', 6, 'last compares whole days'],
    ['kind:flashcard', 6, 'kind: takes basic, cloze, choice, typed, pair'],
    ['deck:"x', 6, 'this quote is never closed'],
  ])('%j: column %i', (q, col, message) => {
    const parsed = parseQuery(q);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain(message);
    expect(parsed.col).toBe(col);
  });
});
