/**
 * Where in a YAML file a problem is: the node a path into the parsed data came from, so every
 * message about a deck or config.yaml reads `file:line:col: message`.
 */
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  visit,
} from 'yaml';

/** 1-based line and column. */
export type Pos = { line: number; col: number };
export type YamlPath = readonly (string | number)[];

const START: Pos = Object.freeze({ line: 1, col: 1 });

export class YamlLocator {
  constructor(
    readonly doc: Document,
    readonly lc: LineCounter,
  ) {}

  /** Where `offset` (a character offset into the parsed text) is. */
  posAt(offset: number): Pos {
    return this.lc.linePos(offset);
  }

  posOf(node: Node | null | undefined): Pos {
    return node?.range ? this.posAt(node.range[0]) : { ...START };
  }

  /** The value node at `path`, if every step of it exists (aliases followed). */
  valueNode(path: YamlPath): Node | undefined {
    const { node, complete } = this.walk(path);
    return complete && node ? node : undefined;
  }

  /**
   * Where to point for `path`: its value node; its key when asked (an unknown key), or when the
   * value is empty or missing (`a:`); else the nearest existing parent.
   */
  pos(path: YamlPath, { key = false } = {}): Pos {
    const { node, pair, complete } = this.walk(path);
    const keyNode = pair?.key as Node | undefined;
    const empty = !complete || (isScalar(node) && node.value === null);
    if ((key || empty) && keyNode?.range) return this.posOf(keyNode);
    return this.posOf(node);
  }

  /** A syntax error's position; an unclosed quote is reported at its opening, not at the end. */
  syntaxErrorPos(code: string, offset: number): Pos {
    if (code === 'MISSING_CHAR') {
      let open: number | undefined;
      visit(this.doc, {
        Scalar(_, node) {
          const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
          if (quoted && node.range && node.range[0] < offset && node.range[1] >= offset) {
            open = node.range[0];
            return visit.BREAK;
          }
        },
      });
      if (open !== undefined) return this.posAt(open);
    }
    return this.posAt(offset);
  }

  /** Where the first mapping key that reads `name` is, if any. */
  keyPos(name: string): Pos | undefined {
    let pos: Pos | undefined;
    visit(this.doc, {
      Pair: (_, pair) => {
        if (isScalar(pair.key) && String(pair.key.value) === name) {
          pos = this.posOf(pair.key);
          return visit.BREAK;
        }
      },
    });
    return pos;
  }

  firstAliasPos(): Pos {
    let pos: Pos = { ...START };
    visit(this.doc, {
      Alias: (_, node) => {
        if (node.range) pos = this.posAt(node.range[0]);
        return visit.BREAK;
      },
    });
    return pos;
  }

  /** The pair at the end of `path` if it is a mapping key, and the deepest node reached. */
  private walk(path: YamlPath): {
    node: Node | null;
    pair?: { key: unknown; value: unknown };
    complete: boolean;
  } {
    let node: Node | null = this.doc.contents as Node | null;
    let pair: { key: unknown; value: unknown } | undefined;
    for (const seg of path) {
      while (isAlias(node)) node = node.resolve(this.doc) ?? null;
      let next: unknown;
      pair = undefined;
      if (isMap(node)) {
        const found = node.items.find(
          (p) => isScalar(p.key) && String(p.key.value) === String(seg),
        );
        if (found) {
          pair = found;
          next = found.value;
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        next = node.items[seg];
      }
      if (next === undefined || next === null || !(next as Node).range) {
        return { node, ...(pair ? { pair } : {}), complete: false };
      }
      node = next as Node;
    }
    return { node, ...(pair ? { pair } : {}), complete: true };
  }
}
