import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deckJsonSchema } from '../../src/deck/json-schema.js';
import { deckSchema } from '../../src/deck/schema.js';

const schemaFile = join(import.meta.dirname, '../../schema/deck.schema.json');
const fixtures = join(import.meta.dirname, '../fixtures/decks');
const expected = `${JSON.stringify(deckJsonSchema(), null, 2)}\n`;

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema | Schema[];
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  anyOf?: Schema[];
  pattern?: string;
};

const typeOf = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;

/**
 * Just enough JSON Schema (draft-07) for the deck schema: type, properties, required,
 * additionalProperties, items (and tuple items), min/max items and properties, anyOf, pattern.
 */
function conforms(schema: Schema, value: unknown): boolean {
  if (schema.anyOf && !schema.anyOf.some((s) => conforms(s, value))) return false;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.includes(typeOf(value))) return false;
  }
  if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) {
    return false;
  }
  if (Array.isArray(value)) {
    if (value.length < (schema.minItems ?? 0) || value.length > (schema.maxItems ?? Infinity)) {
      return false;
    }
    const { items } = schema;
    if (Array.isArray(items)) {
      if (!items.every((s, i) => conforms(s, value[i]))) return false;
    } else if (items && !value.every((v) => conforms(items, v))) {
      return false;
    }
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length < (schema.minProperties ?? 0)) return false;
    if (keys.length > (schema.maxProperties ?? Infinity)) return false;
    if (!(schema.required ?? []).every((k) => k in obj)) return false;
    for (const key of keys) {
      const prop = schema.properties?.[key];
      if (prop) {
        if (!conforms(prop, obj[key])) return false;
      } else if (schema.additionalProperties === false) {
        return false;
      } else if (typeof schema.additionalProperties === 'object') {
        if (!conforms(schema.additionalProperties, obj[key])) return false;
      }
    }
  }
  return true;
}

/** What zod sees after parse.ts has turned YAML numbers back into text. */
const asText = (v: unknown): unknown =>
  typeof v === 'number'
    ? String(v)
    : Array.isArray(v)
      ? v.map(asText)
      : typeOf(v) === 'object'
        ? Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, asText(x)]))
        : v;

const loadFrom = (dir: string) =>
  readdirSync(dir).map((name) => ({
    name,
    data: parse(readFileSync(join(dir, name), 'utf8')) as unknown,
  }));
const load = (dir: string) => loadFrom(join(fixtures, dir));
const shipped = join(import.meta.dirname, '../../decks');

describe('the deck JSON Schema', () => {
  it('is committed up to date in schema/deck.schema.json (UPDATE_SCHEMA=1 rewrites it)', () => {
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(schemaFile, expected);
    expect(readFileSync(schemaFile, 'utf8')).toBe(expected);
  });

  it('has a title and a description on the deck and its fields, for editor help', () => {
    const schema = deckJsonSchema() as { title?: string; properties: Record<string, Schema> };
    expect(schema.title).toBe('recall deck');
    for (const [key, field] of Object.entries(schema.properties)) {
      expect(field, key).toMatchObject({
        title: expect.any(String),
        description: expect.any(String),
      });
    }
  });

  it.each(load('valid'))('accepts the valid fixture $name, as zod does', ({ data }) => {
    expect(deckSchema.safeParse(asText(data)).success).toBe(true);
    expect(conforms(deckJsonSchema() as Schema, data)).toBe(true);
  });

  it.each(loadFrom(shipped))('accepts the shipped deck $name, as zod does', ({ data }) => {
    expect(deckSchema.safeParse(asText(data)).success).toBe(true);
    expect(conforms(deckJsonSchema() as Schema, data)).toBe(true);
  });

  it.each(load('invalid'))('rejects the invalid fixture $name, as zod does', ({ data }) => {
    expect(deckSchema.safeParse(asText(data)).success).toBe(false);
    expect(conforms(deckJsonSchema() as Schema, data)).toBe(false);
  });
});
