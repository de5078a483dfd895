/** config.yaml text → validated settings, or a ConfigError naming file, line, column and key. */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Expansion, measureExpansion } from '../text/yaml-expand.js';
import { YamlLocator } from '../text/yaml-locate.js';
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

export function parseConfig(text: string, file: string): ConfigFile {
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
  const result = configSchema.safeParse(data ?? {});
  if (result.success) return result.data;
  throw new ConfigError(locateIssue(locator, file, result.error.issues[0]!));
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
