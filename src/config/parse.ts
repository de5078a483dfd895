/** config.yaml text → validated settings, or a ConfigError naming file, line, column and key. */
import { LineCounter, parseDocument } from 'yaml';
import { locateIssue } from '../text/yaml-locate.js';
import { ConfigError } from './config.js';
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
  const first = doc.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    throw new ConfigError(`${file}:${line}:${col}: ${first.message.split('\n')[0]}`);
  }
  const result = configSchema.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ConfigError(locateIssue(doc, lineCounter, file, issue));
}
