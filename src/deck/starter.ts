/**
 * The deck `recall new` writes: one card of each kind, each with an id and a comment saying
 * what it does, and the schema line that gives editors completion. Pure: the command decides
 * where it goes. It must lint clean (tests/lint/new.test.ts parses it).
 */
import { stringify } from 'yaml';

export type StarterOptions = {
  /** The deck id (already a slug). */
  readonly id: string;
  /** The deck name as the author typed it. */
  readonly name: string;
  /** Where the JSON Schema is: a URL, or a path relative to the deck file. */
  readonly schema: string;
  /** Where the format is documented (shown in a comment), if known. */
  readonly docs?: string;
};

/** A YAML scalar for `text`, quoted only when it has to be. */
const scalar = (text: string): string => stringify(text, { lineWidth: 0 }).trimEnd();

export function starterDeck({ id, name, schema, docs }: StarterOptions): string {
  const lines = [
    `# yaml-language-server: $schema=${schema}`,
    '#',
    '# A recall deck: one example card of each kind. Replace them with your own, delete the',
    '# kinds you do not need. Every card has an `id`: it keeps the card’s progress while you',
    '# edit its text (`recall lint --fix` writes ids for cards that lack one).',
    ...(docs ? [`# The format, field by field: ${docs}`] : []),
    '',
    `id: ${scalar(id)}`,
    `name: ${scalar(name)}`,
    '# description: What this deck covers.',
    '# tags: [one-word, tags]',
    'cards:',
    '  # Basic: a question and its answer. `explain` is shown after the answer.',
    '  - id: capital-of-france',
    '    q: What is the capital of **France**?',
    '    a: Paris',
    '    explain: On the Seine; capital since 987.',
    '',
    '  # Reversible: `reverse: true` also asks the other way round (a → q), as a second card.',
    '  - id: bonjour',
    '    q: bonjour',
    '    a: hello',
    '    reverse: true',
    '    explain: French for “hello”, said on meeting; “bonsoir” in the evening.',
    '',
    '  # Cloze: one card per {{deletion}}; {{answer::hint}} shows the hint in the gap.',
    '  # Quote the text if it starts with {{.',
    '  - id: water-boils',
    '    cloze: "Water boils at {{100}} °C at {{sea level::where}}."',
    '    explain: Higher up the air pressure is lower, and water boils below 100 °C.',
    '',
    '  # Multiple choice, one right answer: written exactly as in `choices` (shown shuffled).',
    '  - id: largest-planet',
    '    q: Which is the largest planet?',
    '    choices: [Mars, Jupiter, Venus, Earth]',
    '    answer: Jupiter',
    '    explain: Jupiter holds more mass than all the other planets together.',
    '',
    '  # Multiple choice, several right answers: give a list; all of them must be picked.',
    '  - id: inner-planets',
    '    q: Which of these are inner planets?',
    '    choices: [Mercury, Venus, Jupiter, Saturn]',
    '    answer: [Mercury, Venus]',
    '    explain: The inner planets are the rocky ones inside the asteroid belt, Earth and Mars too.',
    '',
    '  # Typed answer: typed in. The first is shown as the answer; the others count as right too.',
    '  - id: water-formula',
    '    q: What is the chemical formula of water?',
    '    typed: [H2O, H₂O]',
    '    explain: Two hydrogen atoms bound to one oxygen atom.',
    '',
    '  # Pairs: one card per pair (shown the left, recall the right); `q` is the instruction.',
    '  # Write a pair as [left, right] or left: right.',
    '  - id: capitals',
    '    q: What is the capital?',
    '    pairs:',
    '      - [Italy, Rome]',
    '      - Spain: Madrid',
    '    explain: Rome has been the capital of Italy since 1871, Madrid of Spain since 1561.',
    '',
  ];
  return lines.join('\n');
}
