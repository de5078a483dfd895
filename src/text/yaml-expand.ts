/**
 * How big a YAML document is once its aliases are expanded, measured on the parsed nodes before
 * anything is converted. yaml's `maxAliasCount` bounds how many aliases are resolved, not what
 * they stand for: 99 aliases of a 5 MB string are 500 MB of text to every reader after `toJS`.
 *
 * The size counts every character of every scalar (keys included) plus one per node, so a list
 * of empty lists nested by aliases costs too. Without aliases a document's size never exceeds its
 * length in bytes (each node takes at least one byte besides its text), so a limit equal to the
 * file size limit refuses only what aliases made larger than any file could be.
 */
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Node,
} from 'yaml';

type Problem = 'too-large' | 'unknown-alias' | 'circular-alias';

export type Expansion =
  | { readonly ok: true; readonly size: number }
  | {
      readonly ok: false;
      /** `too-large`: the alias that takes the size past the limit; the others: a bad alias. */
      readonly problem: Problem;
      /** Offset of the alias in the parsed text. */
      readonly offset: number;
      /** The alias's anchor name. */
      readonly anchor: string;
    };

class Stop extends Error {
  constructor(readonly result: Expansion & { ok: false }) {
    super(result.problem);
  }
}

/** The document's expanded size, or the first alias (in document order) that is a problem. */
export function measureExpansion(doc: Document, limit: number): Expansion {
  // Anchors as defined at the current point of a walk in document order: an alias names the
  // last anchor of that name before it.
  const anchors = new Map<string, Node>();
  // Sizes of anchored nodes measured to the end: one that is anchored but has none is still
  // being measured, and an alias to it is inside it.
  const sizes = new Map<Node, number>();
  let total = 0;

  function stop(problem: Problem, alias: Alias): never {
    throw new Stop({ ok: false, problem, offset: alias.range?.[0] ?? 0, anchor: alias.source });
  }

  function walk(node: unknown): void {
    // Most nodes are plain scalars: they are checked first, and cost no bookkeeping.
    if (isScalar(node) && !node.anchor) {
      total += 1 + scalarLength(node.value, node.source);
    } else if (isPair(node)) {
      walk(node.key);
      walk(node.value);
    } else if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) stop('unknown-alias', node);
      const size = sizes.get(target);
      if (size === undefined) stop('circular-alias', node);
      total += size;
      if (total > limit) stop('too-large', node);
    } else if (isNode(node)) {
      const before = total;
      if (node.anchor) anchors.set(node.anchor, node);
      total += 1;
      if (isScalar(node)) total += scalarLength(node.value, node.source);
      else if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item);
      if (node.anchor) sizes.set(node, total - before);
    }
  }

  try {
    walk(doc.contents);
    return { ok: true, size: total };
  } catch (error) {
    if (error instanceof Stop) return error.result;
    throw error;
  }
}

function scalarLength(value: unknown, source: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value === null || value === undefined) return 0;
  return String(typeof source === 'string' ? source : value).length;
}
