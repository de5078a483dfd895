/**
 * The YAML deck format's shape, the single source of truth: parse.ts validates with it and
 * json-schema.ts generates the editor schema from it. Rules a schema cannot say (an `answer`
 * among the `choices`, duplicate ids, cloze gaps) live in parse.ts.
 *
 * Every text field is a string here: parse.ts turns YAML numbers and dates back into their
 * source text first (`a: 1.10` means "1.10"), so only `reverse` is ever a boolean.
 */
import { z } from 'zod';
import { MAX_CHOICES } from '../core/card.js';
import { DAY_KEY_PROBLEM, parseDayKey } from '../core/day.js';
import { CARD_ID_PATTERN } from './identity.js';

const nonBlank = () => z.string().regex(/\S/, { error: 'must not be empty' });

/** Non-blank text, with the help an editor shows. */
const text = (title: string, description: string) => nonBlank().meta({ title, description });

const textOrList = (title: string, description: string) =>
  z
    .union([
      nonBlank(),
      z.array(nonBlank()).min(1, { error: 'the list is empty: give at least one' }),
    ])
    .meta({ title, description });

const tags = z.array(z.string().regex(/^\S+$/, { error: 'a tag is one word (no spaces)' })).meta({
  title: 'Tags',
  description: 'Tags for filtering (`--tag`); deck tags apply to every card.',
});

/** What counts as the same typed answer: `answers:` on a deck, a typed card or a cloze. */
const answersSchema = z
  .strictObject({
    optional: z
      .array(nonBlank())
      .meta({
        title: 'Optional parts',
        description:
          'Text an answer may leave out or include, as a whole word or path part, e.g. `/api/2.2/` or `the`.',
      })
      .optional(),
    same: z
      .array(
        z
          .array(nonBlank())
          .min(2, { error: 'a `same` group lists at least two answers that count as one' }),
      )
      .meta({
        title: 'Same answers',
        description:
          'Groups of answers that count as one another, e.g. `[failed task, failed tasks]`; the first is not special.',
      })
      .optional(),
    case: z
      .enum(['ignore', 'exact'], { error: 'case is `ignore` (the default) or `exact`' })
      .meta({
        title: 'Case',
        description: '`ignore` (default): `cli` is `CLI`. `exact`: case must match.',
      })
      .optional(),
  })
  .meta({
    title: 'Accepted answers',
    description:
      'What counts as the same typed answer (typed cards and cloze gaps). Literal text, never a regular expression. See docs/deck-format.md.',
  });

const cardCommon = {
  id: z
    .string()
    .regex(CARD_ID_PATTERN, {
      error:
        'an id is lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit',
    })
    .meta({
      title: 'Card id',
      description:
        'Stable id that keeps this card’s progress through edits. Without it the key is a hash of the content, so any edit starts the card over. `recall lint --fix` writes ids.',
    })
    .optional(),
  explain: text('Explanation', 'Shown after the answer: why, a mnemonic, a link.').optional(),
  tags: tags.optional(),
  group: z
    .string()
    .regex(CARD_ID_PATTERN, {
      error:
        'a group is lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit',
    })
    .meta({
      title: 'Group',
      description:
        'Cards of several entries that teach one fact: a mock test asks one of them, and review keeps them apart as it keeps a cloze’s gaps apart.',
    })
    .optional(),
};

export const basicCardSchema = z
  .strictObject({
    ...cardCommon,
    q: text('Question', 'The prompt (Markdown-ish: **bold**, *italic*, `code`, ``` blocks).'),
    a: text('Answer', 'The answer shown after reveal.'),
    reverse: z
      .boolean()
      .meta({ title: 'Reversible', description: 'Also ask the other way round: `a` → `q`.' })
      .optional(),
  })
  .meta({ title: 'Basic card', description: '`q` and `a`; `reverse: true` also asks a → q.' });

export const clozeCardSchema = z
  .strictObject({
    ...cardCommon,
    cloze: text(
      'Cloze text',
      'Text with deletions in `{{…}}`; one card per deletion. `{{answer::hint}}` shows the hint in the gap.',
    ),
    answers: answersSchema.optional(),
  })
  .meta({ title: 'Cloze card', description: 'One card per `{{deletion}}`.' });

export const choiceCardSchema = z
  .strictObject({
    ...cardCommon,
    q: text('Question', 'The question above the choices.'),
    choices: z
      .array(text('Choice', 'One option.'))
      .min(2, { error: 'a choice card needs at least 2 choices' })
      .max(MAX_CHOICES, {
        error: `a choice card takes at most ${MAX_CHOICES} choices (one letter key each)`,
      })
      .meta({ title: 'Choices', description: 'The options, shown shuffled.' }),
    answer: textOrList(
      'Right answer(s)',
      'The right choice, or a list of them (then all must be picked). Each must be one of `choices`.',
    ),
  })
  .meta({ title: 'Multiple-choice card', description: '`q`, `choices` and `answer`.' });

export const typedCardSchema = z
  .strictObject({
    ...cardCommon,
    q: text('Question', 'The prompt; the answer is typed.'),
    typed: textOrList(
      'Expected answer(s)',
      'The answer to type, or a list: the first is shown as canonical, the rest are accepted too.',
    ),
    answers: answersSchema.optional(),
  })
  .meta({ title: 'Typed-answer card', description: '`q` and `typed`.' });

const pairSchema = z
  .union([
    z.tuple([nonBlank(), nonBlank()]),
    z
      .record(z.string(), nonBlank())
      .refine((o) => Object.keys(o).length === 1, { error: 'a pair is one `left: right`' })
      .meta({ minProperties: 1, maxProperties: 1 }),
  ])
  .meta({ title: 'Pair', description: '`[left, right]` or `left: right`.' });

export const pairsCardSchema = z
  .strictObject({
    ...cardCommon,
    q: text(
      'Instruction',
      'Shown above each left side, e.g. "Which endpoint answers this intent?"',
    ).optional(),
    pairs: z.array(pairSchema).min(1, { error: 'a pairs card needs at least one pair' }).meta({
      title: 'Pairs',
      description: 'Left ↔ right pairs; one card per pair, the other rights are distractors.',
    }),
  })
  .meta({ title: 'Pairs card', description: 'A list of left ↔ right pairs to match.' });

/** The schema of each card kind, by the YAML key that tells the kind. */
export const cardSchemas = {
  cloze: clozeCardSchema,
  pairs: pairsCardSchema,
  choices: choiceCardSchema,
  typed: typedCardSchema,
  a: basicCardSchema,
} as const;

export type KindKey = keyof typeof cardSchemas;

/** Keys that tell a card's kind, in the order they are looked for. */
export const KIND_KEYS = Object.keys(cardSchemas) as readonly KindKey[];

/** Every key any card may have (for "did you mean" suggestions). */
export const CARD_KEYS: readonly string[] = [
  ...new Set(Object.values(cardSchemas).flatMap((s) => Object.keys(s.shape))),
];

export const cardSchema = z
  .union([basicCardSchema, clozeCardSchema, choiceCardSchema, typedCardSchema, pairsCardSchema])
  .meta({ title: 'Card', description: 'One entry; its keys tell its kind.' });

const deckFields = {
  id: z
    .string()
    .regex(CARD_ID_PATTERN, {
      error:
        'a deck id is lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit',
    })
    .meta({
      title: 'Deck id',
      description:
        'The first half of every progress key. Defaults to the file name without extension; set it to rename the file freely.',
    })
    .optional(),
  name: text('Deck name', 'Shown in menus and summaries.'),
  description: text('Description', 'What the deck covers.').optional(),
  tags: tags.optional(),
  source: text('Source', 'Where the material comes from (a URL, a book).').optional(),
  exam: z
    .string()
    // The pattern is for the JSON Schema (editors check the shape); parseDayKey decides.
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: DAY_KEY_PROBLEM })
    .refine((s) => parseDayKey(s) !== undefined, { error: DAY_KEY_PROBLEM })
    .meta({ title: 'Exam date', description: 'YYYY-MM-DD: cram and status count down to it.' })
    .optional(),
  answers: answersSchema.optional(),
};

/** The whole deck file, for the JSON Schema. */
export const deckSchema = z
  .strictObject({
    ...deckFields,
    cards: z.array(cardSchema).meta({ title: 'Cards', description: 'The cards, in order.' }),
  })
  .meta({ title: 'recall deck', description: 'A deck of flashcards for recall.' });

/** The deck file with its cards left unchecked: parse.ts checks each card on its own. */
export const deckHeaderSchema = z.strictObject({
  ...deckFields,
  cards: z.array(z.unknown()),
});

/** Keys an `answers:` mapping may have. */
export const ANSWERS_KEYS: readonly string[] = Object.keys(answersSchema.shape);

/** Top-level keys a deck may have. */
export const DECK_KEYS: readonly string[] = Object.keys(deckHeaderSchema.shape);

export type BasicCardInput = z.infer<typeof basicCardSchema>;
export type ClozeCardInput = z.infer<typeof clozeCardSchema>;
export type ChoiceCardInput = z.infer<typeof choiceCardSchema>;
export type TypedCardInput = z.infer<typeof typedCardSchema>;
export type PairsCardInput = z.infer<typeof pairsCardSchema>;
export type DeckHeaderInput = z.infer<typeof deckHeaderSchema>;
export type AnswersInput = z.infer<typeof answersSchema>;
