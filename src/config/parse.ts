/**
 * config.yaml text → validated settings and warnings, or a ConfigError naming file, line, column
 * and key. An unknown key is only a warning (the setting is ignored): a typo must not stop a
 * study session.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Problem, SourcePos } from '../core/card.js';
import { closest } from '../text/suggest.js';
import { type Expansion, measureExpansion } from '../text/yaml-expand.js';
import { type Pos, YamlLocator, type YamlPath } from '../text/yaml-locate.js';
import { ConfigError } from './config-error.js';
import { MAX_CONFIG_BYTES, megabytes } from './limits.js';
import { type ConfigFile, configSchema } from './schema.js';

/** Aliases resolved before we call it a "billion laughs" attack, as in decks. */
const MAX_ALIASES = 100;

const EXPANSION_PROBLEMS: Record<
  Exclude<Expansion, { ok: true }>['problem'],
  (anchor: string) => string
> = {
  'too-large': () =>
    `aliases expand config.yaml past ${megabytes(MAX_CONFIG_BYTES)}, the most it may hold: refusing to expand them`,
  'unknown-alias': (anchor) => `alias \`*${anchor}\` has no anchor \`&${anchor}\` before it`,
  'circular-alias': (anchor) =>
    `alias \`*${anchor}\` is inside the node \`&${anchor}\` it names: it would never end`,
};

export type ParsedConfig = {
  readonly config: ConfigFile;
  /** Unknown keys, each located, with the known key it is likely a typo of. */
  readonly warnings: readonly Problem[];
  /** Where each `decks.<id>` key is, for the warnings that need the decks (config/check.ts). */
  readonly deckIdPos: Readonly<Record<string, SourcePos>>;
  /** Where each `deck_dirs` entry is, in order. */
  readonly deckDirPos: readonly SourcePos[];
};

export function parseConfig(text: string, file: string): ParsedConfig {
  const lineCounter = new LineCounter();
  // No YAML 1.1 timestamps: `exam: 2026-02-31` must reach the schema as written, not as the
  // 3 March a Date would roll it over to.
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    customTags: (tags) =>
      tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  const locator = new YamlLocator(doc, lineCounter);
  const first = doc.errors[0];
  if (first) {
    const { line, col } = locator.syntaxErrorPos(first.code, first.pos[0]);
    throw new ConfigError(`${file}:${line}:${col}: ${first.message.split('\n')[0]}`);
  }
  // zod leaves a `__proto__` key out of a record without a word (it cannot be assigned
  // safely), so settings under `decks: {__proto__: …}` would vanish: say so instead.
  const proto = locator.keyPos('__proto__');
  if (proto) {
    throw new ConfigError(
      `${file}:${proto.line}:${proto.col}: \`__proto__\` is not a key config.yaml knows`,
    );
  }
  const expansion = measureExpansion(doc, MAX_CONFIG_BYTES);
  if (!expansion.ok) {
    const { line, col } = locator.posAt(expansion.offset);
    const message = EXPANSION_PROBLEMS[expansion.problem](expansion.anchor);
    throw new ConfigError(`${file}:${line}:${col}: ${message}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const { line, col } = locator.firstAliasPos();
    throw new ConfigError(
      `${file}:${line}:${col}: too many aliases (more than ${MAX_ALIASES} resolved): refusing to expand them`,
    );
  }
  const input = data ?? {};
  const warnings: Problem[] = [];
  // Unknown keys are dropped and the rest checked again: zod reports them with the other
  // issues, and a refinement (a deck's `preset:`) runs only on a clean object.
  let result = configSchema.safeParse(input);
  while (!result.success) {
    const unknown = result.error.issues.filter((i) => i.code === 'unrecognized_keys');
    if (unknown.length === 0) {
      throw new ConfigError(locateIssue(locator, file, result.error.issues[0]!));
    }
    for (const issue of unknown) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const parent = objectAt(input, path);
      for (const key of issue.keys) {
        warnings.push({
          file,
          ...locator.pos([...path, key], { key: true }),
          severity: 'warning',
          rule: 'unknown-key',
          message: unknownKeyMessage(key, knownKeys(path), keysBelow(path)),
        });
        if (parent) delete parent[key];
      }
    }
    result = configSchema.safeParse(input);
  }
  warnings.sort((a, b) => a.line - b.line || a.col - b.col);
  return {
    config: result.data,
    warnings,
    deckIdPos: keyPositions(locator, file, result.data.decks),
    deckDirPos: (result.data.deck_dirs ?? []).map((_, i) => ({
      file,
      ...locator.pos(['deck_dirs', i]),
    })),
  };
}

/**
 * `unknown key "x"; did you mean "y"?`, or `… "y" under "defaults:"?` for a setting written a
 * level too high (`desired_retention` at the top, where only `defaults:` and decks take it),
 * or that it is ignored when nothing is near.
 */
export function unknownKeyMessage(
  key: string,
  known: readonly string[],
  below: readonly (readonly [string, readonly string[]])[] = [],
): string {
  const head = `unknown key ${JSON.stringify(key)}`;
  const guess = closest(key, known);
  if (guess) return `${head}; did you mean ${JSON.stringify(guess)}?`;
  for (const [parent, keys] of below) {
    const deeper = closest(key, keys);
    if (deeper) return `${head}; did you mean ${JSON.stringify(deeper)} under "${parent}:"?`;
  }
  return `${head} (ignored)`;
}

/** The keys of each object a level below `path`, by the key that holds it. */
function keysBelow(path: YamlPath): [string, string[]][] {
  return knownKeys(path).flatMap((k): [string, string[]][] => {
    const keys = knownKeys([...path, k]);
    return keys.length > 0 ? [[k, keys]] : [];
  });
}

function keyPositions(
  locator: YamlLocator,
  file: string,
  map: Record<string, unknown> | undefined,
): Record<string, SourcePos> {
  const out: Record<string, SourcePos> = {};
  for (const id of Object.keys(map ?? {})) {
    const pos: Pos = locator.pos(['decks', id], { key: true });
    out[id] = { file, ...pos };
  }
  return out;
}

function objectAt(data: unknown, path: YamlPath): Record<string, unknown> | undefined {
  let at = data;
  for (const step of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[step];
  }
  return typeof at === 'object' && at !== null ? (at as Record<string, unknown>) : undefined;
}

/** The keys config.yaml's schema allows at `path`: the suggestions for a typo there. */
function knownKeys(path: YamlPath): string[] {
  let schema: z.core.$ZodType | undefined = configSchema;
  let i = 0;
  while (schema) {
    const def = schema._zod.def as z.core.$ZodTypeDef & {
      shape?: Record<string, z.core.$ZodType>;
      innerType?: z.core.$ZodType;
      valueType?: z.core.$ZodType;
      element?: z.core.$ZodType;
    };
    if (def.type === 'optional') {
      schema = def.innerType;
      continue;
    }
    if (i === path.length) return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
    const step = path[i++];
    if (def.type === 'object') {
      schema =
        def.shape && Object.hasOwn(def.shape, String(step)) ? def.shape[String(step)] : undefined;
    } else if (def.type === 'record') schema = def.valueType;
    else if (def.type === 'array') schema = def.element;
    else return [];
  }
  return [];
}

/** `file:line:col: key.path: message`; an unknown key is pointed at itself, not its parent. */
function locateIssue(locator: YamlLocator, file: string, issue: z.core.$ZodIssue): string {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const at = unknown === undefined ? path : [...path, unknown];
  const { line, col } = locator.pos(at, { key: unknown !== undefined });
  const key = at.map(String).join('.');
  return `${file}:${line}:${col}: ${key ? `${key}: ` : ''}${issue.message}`;
}
