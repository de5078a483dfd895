/** Card builders for quiz tests: every kind, with deck, note, tags and explanation when asked. */

import type { AnswerRules } from '../../src/core/answer-check.js';
import type {
  BasicCard,
  Card,
  ChoiceCard,
  ClozeCard,
  PairCard,
  TypedCard,
} from '../../src/core/card.js';
import { parseCloze } from '../../src/deck/expand.js';

type Opts = {
  deck?: string;
  note?: string;
  tags?: string[];
  explain?: string;
  order?: number;
  group?: string;
  answers?: AnswerRules;
};

function common(id: string, o: Opts) {
  const deckId = o.deck ?? 'd';
  return {
    key: `${deckId}/${id}`,
    deckId,
    noteId: o.note ?? id.split(':')[0]!,
    implicitId: false,
    tags: o.tags ?? [],
    ...(o.group === undefined ? {} : { group: o.group }),
    ...(o.explain === undefined ? {} : { explain: o.explain }),
    ...(o.answers === undefined ? {} : { answers: o.answers }),
    pos: { file: `${deckId}.yaml`, line: 1, col: 1 },
    order: o.order ?? 0,
  };
}

export const basicQ = (id: string, prompt: string, answer: string, o: Opts = {}): BasicCard => ({
  ...common(id, o),
  kind: 'basic',
  prompt,
  answer,
});

export const choiceQ = (
  id: string,
  prompt: string,
  choices: string[],
  correct: number[],
  o: Opts = {},
): ChoiceCard => ({ ...common(id, o), kind: 'choice', prompt, choices, correct });

export const typedQ = (
  id: string,
  prompt: string,
  accepted: string[],
  o: Opts = {},
): TypedCard => ({
  ...common(id, o),
  kind: 'typed',
  prompt,
  accepted,
});

export const clozeQs = (id: string, text: string, o: Opts = {}): ClozeCard[] => {
  const parts = parseCloze(text);
  const gaps = parts.filter((p) => p.type === 'gap').length;
  return Array.from({ length: gaps }, (_, i) => ({
    ...common(`${id}:c${i + 1}`, { ...o, note: id }),
    kind: 'cloze' as const,
    parts,
    gap: i + 1,
  }));
};

export const pairQs = (
  id: string,
  pairs: [string, string][],
  o: Opts & { prompt?: string } = {},
): PairCard[] =>
  pairs.map(([left, right], i) => ({
    ...common(`${id}:p${i}`, { ...o, note: id }),
    kind: 'pair' as const,
    prompt: o.prompt ?? 'Which endpoint?',
    left,
    right,
    rights: pairs.map(([, r]) => r),
  }));

/**
 * A deck with every kind of card and traps for distractors: pair groups with a repeated right
 * side and case/space variants, basic answers of several shapes, a choice card per note.
 */
export function generatedDeck(decks = ['jobs', 'sql']): Card[] {
  const out: Card[] = [];
  for (const deck of decks) {
    const o = (tags: string[], explain?: string) => ({
      deck,
      tags,
      ...(explain ? { explain } : {}),
    });
    out.push(
      ...pairQs(
        'endpoints',
        [
          ['create a job', 'POST /api/2.1/jobs/create'],
          ['run a job now', 'POST /api/2.1/jobs/run-now'],
          ['list runs', 'GET /api/2.1/jobs/runs/list'],
          ['cancel a run', 'POST /api/2.1/jobs/runs/cancel'],
          ['cancel all runs', 'POST /api/2.1/jobs/runs/cancel-all'],
          ['get a run', 'GET /api/2.1/jobs/runs/get'],
          ['get a run again', 'GET /api/2.1/jobs/runs/get'],
          ['get a run, shouting', 'get  /api/2.1/jobs/runs/GET'],
        ],
        o(['api']),
      ),
      ...pairQs(
        'two',
        [
          ['yes', 'true'],
          ['no', 'false'],
        ],
        o(['basics']),
      ),
      ...pairQs('lonely', [['only', 'one']], o(['basics'])),
      ...pairQs(
        'same',
        [
          ['a', 'x'],
          ['b', 'X'],
        ],
        o(['basics']),
      ),
    );
    for (let i = 0; i < 8; i++) {
      out.push(
        basicQ(`ep${i}`, `Endpoint ${i}?`, `${i % 2 ? 'GET' : 'POST'} /api/2.1/thing/${i}`, {
          ...o(['api'], `because ${i}`),
          order: i,
        }),
      );
      out.push(basicQ(`word${i}`, `Word ${i}?`, `word ${i % 3}`, o(['vocab'])));
      out.push(
        choiceQ(
          `ch${i}`,
          `Choice ${i}?`,
          // Each its own choices: questions offering mostly the same ones test one fact.
          ['alpha', 'beta', 'gamma', 'delta'].map((w) => `${w} ${i}`),
          i % 3 === 0 ? [0, 2] : [i % 4],
          o(['api', 'choice']),
        ),
      );
      out.push(typedQ(`ty${i}`, `Type ${i}?`, [`answer ${i}`, `ans ${i}`], o(['typed'])));
      out.push(...clozeQs(`cl${i}`, `The {{run}} of job ${i} has {{tasks::plural}}.`, o([])));
    }
    // No peers of the same shape: left out.
    out.push(
      basicQ(
        'essay',
        'Explain it',
        'A long free-text answer that nothing else resembles at all',
        o(['odd']),
      ),
    );
  }
  return out;
}
