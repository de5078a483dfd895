/**
 * Points a validation issue (a path into the parsed data) at the YAML node it came from, so
 * every message reads `file:line:col: message`.
 */
import { type Document, isNode, type LineCounter } from 'yaml';

type PathIssue = {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** zod's `unrecognized_keys` names the keys; point at the first one, not its parent. */
  readonly keys?: readonly string[];
};

/** Line and column (1-based) of the node at `path`, or of its nearest existing ancestor. */
export function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

export function locateIssue(
  doc: Document,
  lineCounter: LineCounter,
  file: string,
  issue: PathIssue,
): string {
  const path = issue.keys?.[0] === undefined ? issue.path : [...issue.path, issue.keys[0]];
  const { line, col } = positionOf(doc, lineCounter, path);
  const key = path.map(String).join('.');
  return `${file}:${line}:${col}: ${key ? `${key}: ` : ''}${issue.message}`;
}
