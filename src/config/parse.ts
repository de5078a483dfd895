/** config.yaml text → validated settings, or a ConfigError naming file, line, column and key. */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { YamlLocator } from '../text/yaml-locate.js';
import { ConfigError } from './config-error.js';
import { type ConfigFile, configSchema } from './schema.js';

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
  const result = configSchema.safeParse(doc.toJS() ?? {});
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
