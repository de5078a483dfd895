/**
 * The deck format as JSON Schema, generated from the zod schema so the two cannot drift.
 * Committed as schema/deck.schema.json for editors (`# yaml-language-server: $schema=…`);
 * tests/deck/json-schema.test.ts fails when the file is stale (`UPDATE_SCHEMA=1` rewrites it).
 */
import { z } from 'zod';
import { deckSchema } from './schema.js';

/** The deck JSON Schema (draft-07: the dialect YAML editors understand best). */
export function deckJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(deckSchema, {
    target: 'draft-7',
    override: ({ jsonSchema, path }) => {
      if (path[path.length - 1] === 'propertyNames') return;
      // parse.ts reads `a: 42` or `a: true` as the text written, so editors must accept them
      // wherever text goes (the exam date excepted: it is always a string in YAML 1.2).
      if (jsonSchema.type === 'string' && !jsonSchema.pattern?.includes('\\d{4}')) {
        jsonSchema.type = ['string', 'number', 'boolean'] as unknown as 'string';
      }
    },
  }) as Record<string, unknown>;
  return {
    $schema,
    ...rest,
    title: 'recall deck',
    description:
      'A recall flashcard deck: `name`, optional metadata, and `cards` (basic, reversible, cloze, multiple choice, typed answer, pairs). See docs/deck-format.md.',
  };
}
