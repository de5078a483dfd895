/**
 * One deck file's text → a Deck and its problems, each located at the YAML node it is about.
 * Never throws, never hangs: size is capped before parsing, and aliases both in number and in
 * what they expand to (never more text than the largest deck file holds) before resolving. A problem in one card skips that card only; a problem in the deck's own fields
 * that leaves no name or no card list skips the deck.
 */
import { basename, extname } from 'node:path';
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Scalar,
} from 'yaml';
import type { z } from 'zod';
import { type AnswerRules, answerKey } from '../core/answer-check.js';
import type { Card, Deck, Problem, Severity } from '../core/card.js';
import type { Mutable } from '../core/mutable.js';
import { invisibleIn, sanitize, sanitizeDeep, shownKey } from '../text/sanitize.js';
import { closest } from '../text/suggest.js';
import { collapseWhitespace } from '../text/whitespace.js';
import { type Expansion, measureExpansion } from '../text/yaml-expand.js';
import { type Pos, YamlLocator, type YamlPath } from '../text/yaml-locate.js';
import { cardAnswerRules, deckAnswerRules } from './answers.js';
import { expandNote, identityContent, type Note, type NoteContext, parseCloze } from './expand.js';
import { contentHash } from './identity.js';
import { MAX_DECK_BYTES } from './limits.js';
import {
  ANSWERS_KEYS,
  type AnswersInput,
  CARD_KEYS,
  cardSchemas,
  DECK_KEYS,
  deckHeaderSchema,
  KIND_KEYS,
  type KindKey,
} from './schema.js';
import { redundant, yamlMessage } from './yaml-messages.js';

/** Aliases resolved per document before we call it a "billion laughs" attack. */
export const MAX_ALIASES = 100;

const EXPANSION_PROBLEMS: Record<
  Exclude<Expansion, { ok: true }>['problem'],
  (anchor: string) => [rule: string, message: string]
> = {
  'too-large': () => [
    'expanded-too-large',
    `aliases expand the deck past ${(MAX_DECK_BYTES / 1024 / 1024).toFixed(1)} MB of text, the most a deck file may hold: refusing to expand them`,
  ],
  'unknown-alias': (anchor) => [
    'unknown-alias',
    `alias \`*${anchor}\` has no anchor \`&${anchor}\` before it`,
  ],
  'circular-alias': (anchor) => [
    'circular-alias',
    `alias \`*${anchor}\` is inside the node \`&${anchor}\` it names: it would never end`,
  ],
};

export type ParseResult = {
  /** Absent when the deck cannot be used at all (syntax error, no name, no card list…). */
  readonly deck?: Deck;
  readonly problems: Problem[];
  /** Where the deck's explicit `id` is, for "duplicate deck id" across files. */
  readonly idPos?: { readonly line: number; readonly col: number };
};

const KIND_NAMES: Record<KindKey, string> = {
  a: 'basic',
  cloze: 'cloze',
  choices: 'multiple-choice',
  typed: 'typed-answer',
  pairs: 'pairs',
};

/** Parses one deck file. `file` is used for messages and the default deck id. */
export function parseDeck(text: string | Uint8Array, file: string): ParseResult {
  try {
    return parseUnchecked(text, file);
  } catch (error) {
    // A bug or a pathological input (e.g. nesting deep enough to overflow the stack).
    const message = error instanceof Error ? error.message : String(error);
    return {
      problems: [
        at(
          file,
          { line: 1, col: 1 },
          'error',
          'unreadable',
          `cannot read deck: ${sanitize(message)}`,
        ),
      ],
    };
  }
}

/** The problem for a file over `MAX_DECK_BYTES` (found without reading it). */
export function tooLarge(file: string, bytes: number): ParseResult {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  // Just over the limit both round to the same megabytes: then count bytes, which differ.
  const [size, limit] =
    mb(bytes) === mb(MAX_DECK_BYTES)
      ? [bytes, MAX_DECK_BYTES].map((n) => `${n.toLocaleString('en-US')} bytes`)
      : [bytes, MAX_DECK_BYTES].map((n) => `${mb(n)} MB`);
  return {
    problems: [
      at(
        file,
        { line: 1, col: 1 },
        'error',
        'file-too-large',
        `deck is ${size}; the limit is ${limit} (split it into several decks)`,
      ),
    ],
  };
}

function at(file: string, pos: Pos, severity: Severity, rule: string, message: string): Problem {
  return { file, line: pos.line, col: pos.col, severity, rule, message };
}

function parseUnchecked(input: string | Uint8Array, file: string): ParseResult {
  const start = { line: 1, col: 1 };
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (bytes > MAX_DECK_BYTES) return tooLarge(file, bytes);
  const decoded =
    typeof input === 'string' ? { text: input.replace(/^\uFEFF/, '') } : decode(input);
  if ('bad' in decoded) {
    return {
      problems: [
        at(file, decoded.bad, 'error', 'not-utf8', 'not UTF-8 text: save the deck as UTF-8'),
      ],
    };
  }
  const src = decoded.text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(src, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const ctx = new Context(file, doc, lineCounter);

  const issues = (list: typeof doc.errors) =>
    list.map((e) => ({ code: e.code, message: e.message, offset: e.pos[0] }));
  const errors = issues(doc.errors);
  for (const error of errors) {
    if (redundant(error, errors)) continue;
    ctx.add(
      ctx.syntaxErrorPos(error.code, error.offset),
      'error',
      'yaml-syntax',
      yamlMessage(error, src, errors),
    );
  }
  warnInvisible(ctx, src);
  const warnings = issues(doc.warnings);
  for (const warning of warnings) {
    ctx.add(
      ctx.posAt(warning.offset),
      'warning',
      'yaml-warning',
      yamlMessage(warning, src, warnings),
    );
  }
  if (doc.errors.length > 0) return { problems: ctx.sorted() };

  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    ctx.add(
      start,
      'error',
      'empty-deck',
      'empty deck: a deck is a mapping with `name:` and `cards:`',
    );
    return { problems: ctx.sorted() };
  }
  if (!isMap(root)) {
    const what = isSeq(root) ? 'a list' : 'a single value';
    ctx.add(
      ctx.posOf(root),
      'error',
      'deck-not-mapping',
      `a deck is a mapping with \`name:\` and \`cards:\`, not ${what}`,
    );
    return { problems: ctx.sorted() };
  }

  stringifyScalars(doc, src);
  const expansion = measureExpansion(doc, MAX_DECK_BYTES);
  if (!expansion.ok) {
    const [rule, message] = EXPANSION_PROBLEMS[expansion.problem](sanitize(expansion.anchor));
    ctx.add(ctx.posAt(expansion.offset), 'error', rule, message);
    return { problems: ctx.sorted() };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    ctx.add(
      ctx.firstAliasPos(),
      'error',
      'alias-limit',
      `too many aliases (more than ${MAX_ALIASES} resolved): refusing to expand them`,
    );
    return { problems: ctx.sorted() };
  }
  const data = sanitizeDeep(raw) as Record<string, unknown>;
  const deck = ctx.deck(data);
  const idNode = ctx.valueNode(['id']);
  const idPos = data.id === undefined || !idNode ? undefined : ctx.posOf(idNode);
  return { ...(deck ? { deck } : {}), problems: ctx.sorted(), ...(idPos ? { idPos } : {}) };
}

/** Invisible characters warned about one by one; past these, one warning counts the rest. */
const MAX_INVISIBLE_WARNINGS = 20;

const CHARACTER_NAMES: Record<string, string> = {
  'U+00AD': 'soft hyphen',
  'U+061C': 'Arabic letter mark',
  'U+200B': 'zero width space',
  'U+200C': 'zero width non-joiner',
  'U+200D': 'zero width joiner',
  'U+200E': 'left-to-right mark',
  'U+200F': 'right-to-left mark',
  'U+2028': 'line separator',
  'U+2029': 'paragraph separator',
  'U+2060': 'word joiner',
  'U+FEFF': 'zero width no-break space',
};

/**
 * A warning at each character the parser will remove or change (sanitize.ts): the text reads
 * the same without it, but the file does not, and whoever edits it should know.
 */
function warnInvisible(ctx: Context, src: string): void {
  const found = invisibleIn(src);
  for (const { index, codePoint } of found.slice(0, MAX_INVISIBLE_WARNINGS)) {
    const code = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    const name = CHARACTER_NAMES[code];
    const what = name ? `${code} (${name})` : code;
    const message =
      codePoint === 0x2028 || codePoint === 0x2029
        ? `${what} read as a line break`
        : codePoint < 0xa0
          ? `control character ${what} removed`
          : `${what} removed: it does not show`;
    ctx.add(ctx.posAt(index), 'warning', 'invisible-character', message);
  }
  const rest = found.length - MAX_INVISIBLE_WARNINGS;
  if (rest > 0) {
    ctx.add(
      ctx.posAt(found[MAX_INVISIBLE_WARNINGS]!.index),
      'warning',
      'invisible-character',
      `${rest} more invisible ${rest === 1 ? 'character' : 'characters'} in this file (recall removes them all)`,
    );
  }
}

/** Bytes → text, or the line:col of the first byte that is not UTF-8. A BOM is dropped. */
function decode(bytes: Uint8Array): { text: string } | { bad: Pos } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
    const line = bytes.subarray(0, lineStart).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
    return { bad: { line, col: before.replace(/^\uFEFF/, '').length + 1 } };
  }
}

/** Byte offset of the first malformed UTF-8 sequence (or the length, if none). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return i;
}

/**
 * YAML reads `a: 1.10` as the number 1.1 and `a: true` as a boolean; deck text means what was
 * written. Every scalar but `reverse`'s value and empty values becomes its source text.
 */
function stringifyScalars(doc: Document, src: string): void {
  const fix = (node: Scalar) => {
    if (typeof node.value === 'string' || node.value === null) return;
    if (node.value instanceof Date && node.type === 'PLAIN' && node.range) {
      node.value = src.slice(node.range[0], node.range[1]).trim();
    } else if (node.value instanceof Date) {
      node.value = node.value.toISOString().slice(0, 10);
    } else {
      node.value =
        typeof node.source === 'string' && node.type === 'PLAIN' ? node.source : String(node.value);
    }
  };
  // A walk of its own, not yaml's `visit`, which builds a frozen path at every collection:
  // ~3 % of a cold parse. Aliases are not followed: their anchors are walked where they stand.
  const walk = (node: unknown, reverseValue: boolean): void => {
    if (isScalar(node)) {
      if (!reverseValue) fix(node);
    } else if (isPair(node)) {
      walk(node.key, false);
      walk(node.value, isScalar(node.key) && node.key.value === 'reverse');
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) walk(item, false);
    }
  };
  walk(doc.contents, false);
}

/** What zod expected, in the words (and the YAML) of whoever writes a deck. */
const EXPECTED: Record<string, string> = {
  string: 'text',
  array: 'a list (`[a, b]`, or one `- item` a line)',
  object: 'a mapping (`key: value` lines)',
};

/** "a string", "a list" … for messages. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'boolean') return `\`${value}\``;
  return 'text';
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function fieldName(path: YamlPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function getAt(data: unknown, path: YamlPath): unknown {
  let v = data;
  for (const p of path) {
    if (Array.isArray(v) && typeof p === 'number') v = v[p];
    else if (isRecord(v) && typeof p === 'string') v = v[p];
    else return undefined;
  }
  return v;
}

/** Leading blank lines and trailing whitespace dropped (block scalars end with a newline). */
function tidy(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

const asList = (v: string | readonly string[]): string[] => (typeof v === 'string' ? [v] : [...v]);
const dedupe = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

type NoteInfo = {
  readonly index: number;
  readonly noteId: string;
  readonly implicitId: boolean;
  readonly prompt?: string;
  readonly pos: Pos;
};

class Context extends YamlLocator {
  readonly problems: Problem[] = [];
  /** Cards of each valid note, by index, until the cross-card checks accept them. */
  private readonly pending = new Map<number, Card[]>();

  constructor(
    readonly file: string,
    doc: Document,
    lc: LineCounter,
  ) {
    super(doc, lc);
  }

  add(pos: Pos, severity: Severity, rule: string, message: string): void {
    this.problems.push(at(this.file, pos, severity, rule, message));
  }

  sorted(): Problem[] {
    return this.problems
      .map((p, i) => [p, i] as const)
      .sort(([a, i], [b, j]) => a.line - b.line || a.col - b.col || i - j)
      .map(([p]) => p);
  }

  /** zod issues → located problems. `base` is where the validated object sits in the file. */
  addIssues(
    issues: readonly z.core.$ZodIssue[],
    base: YamlPath,
    data: unknown,
    kind?: KindKey,
  ): void {
    // A typo'd key (`qq`) and the missing key it meant (`q`) are one mistake: report the typo.
    const suggested = new Set<string>();
    for (const issue of issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (issue.code !== 'unrecognized_keys') continue;
      for (const key of issue.keys) {
        const guess = this.unknownKey([...base, ...path, key], key, kind);
        if (guess) suggested.add(fieldName([...path, guess]));
      }
    }
    // One mistake, one message: zod can report a value both as the wrong type and as too
    // short, or one rule twice (a pattern and a refinement saying the same).
    const said = new Map<string, Set<string>>();
    for (const issue of issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const full = [...base, ...path];
      if (issue.code === 'unrecognized_keys') continue;
      const value = getAt(data, path);
      if (value === undefined && suggested.has(fieldName(path))) continue;
      const field = fieldName(path);
      const seen = said.get(field) ?? new Set<string>();
      said.set(field, seen);
      if (seen.has('invalid_type') || seen.has(issue.message)) continue;
      seen.add(issue.code === 'invalid_type' ? 'invalid_type' : issue.message);
      const name = field ? `\`${field}\`` : 'this';
      if (issue.code === 'invalid_type' && value === undefined) {
        this.add(this.pos(full), 'error', 'missing-field', `missing \`${field}\``);
      } else if (issue.code === 'invalid_type' && issue.expected === 'boolean') {
        const was =
          typeof value === 'string' || typeof value === 'number' ? `\`${value}\`` : describe(value);
        this.add(
          this.pos(full),
          'error',
          'wrong-type',
          `${name} is \`true\` or \`false\`, not ${was}`,
        );
      } else if (issue.code === 'invalid_type') {
        const expected = EXPECTED[issue.expected] ?? issue.expected;
        this.add(
          this.pos(full),
          'error',
          'wrong-type',
          value === null
            ? `${name} is empty: it should be ${expected}`
            : `${name} should be ${expected}, not ${describe(value)}`,
        );
      } else if (issue.code === 'invalid_union') {
        const shape =
          path[path.length - 2] === 'pairs' || (path[0] === 'pairs' && path.length === 2)
            ? 'a pair: `[left, right]` or `left: right`'
            : 'text or a list of text';
        this.add(this.pos(full), 'error', 'wrong-type', `${name} should be ${shape}`);
      } else if (issue.code === 'invalid_format') {
        this.add(this.pos(full), 'error', 'invalid-format', `${name}: ${issue.message}`);
      } else if (issue.code === 'too_small') {
        this.add(this.pos(full), 'error', 'too-few', `${name}: ${issue.message}`);
      } else if (issue.code === 'too_big') {
        this.add(this.pos(full), 'error', 'too-many', `${name}: ${issue.message}`);
      } else {
        this.add(this.pos(full), 'error', 'invalid-value', `${name}: ${issue.message}`);
      }
    }
  }

  /** Reports an unknown key; returns the key it suggests instead, if any. */
  unknownKey(path: YamlPath, key: string, kind?: KindKey): string | undefined {
    const pos = this.pos(path, { key: true });
    const shown = sanitize(key);
    if (path.length === 1) {
      const guess = closest(key, DECK_KEYS);
      const hint = guess
        ? ` (did you mean \`${guess}\`?)`
        : CARD_KEYS.includes(key)
          ? ' (card fields go under `cards:`)'
          : '';
      this.add(pos, 'error', 'unknown-key', `unknown key \`${shown}\`${hint}`);
      return guess;
    }
    if (kind && CARD_KEYS.includes(key)) {
      const owner =
        key === 'reverse'
          ? 'basic cards'
          : key === 'answer'
            ? 'multiple-choice cards (with `choices`)'
            : key === 'answers'
              ? 'typed-answer and cloze cards, or the deck'
              : 'other card kinds';
      this.add(
        pos,
        'error',
        'unknown-key',
        `\`${shown}\` is not used by a ${KIND_NAMES[kind]} card (it belongs to ${owner})`,
      );
      return;
    }
    if (path[path.length - 2] === 'answers') {
      const guess = closest(key, ANSWERS_KEYS);
      const hint = guess
        ? ` (did you mean \`${guess}\`?)`
        : ` (\`answers\` takes ${ANSWERS_KEYS.map((k) => `\`${k}\``).join(', ')})`;
      this.add(pos, 'error', 'unknown-key', `unknown key \`${shown}\`${hint}`);
      return guess;
    }
    const own = kind ? Object.keys(cardSchemas[kind].shape) : CARD_KEYS;
    const guess = closest(key, own) ?? closest(key, CARD_KEYS);
    this.add(
      pos,
      'error',
      'unknown-key',
      `unknown key \`${shown}\`${guess ? ` (did you mean \`${guess}\`?)` : ''}`,
    );
    return guess;
  }

  deck(data: Record<string, unknown>): Deck | undefined {
    const header = deckHeaderSchema.safeParse(data);
    let fatal = false;
    const fields: Record<string, unknown> = {};
    if (header.success) {
      Object.assign(fields, header.data);
    } else {
      this.addIssues(header.error.issues, [], data);
      for (const key of DECK_KEYS) {
        const ok = deckHeaderSchema.shape[key as keyof typeof deckHeaderSchema.shape].safeParse(
          data[key],
        );
        if (ok.success) fields[key] = ok.data;
        else if (key === 'name' || key === 'cards' || key === 'id') fatal = true;
      }
    }
    if (fatal) return undefined;
    const h = fields as z.infer<typeof deckHeaderSchema>;
    const id = h.id ?? sanitize(basename(this.file, extname(this.file)));
    const tags = dedupe(h.tags ?? []);
    const rules = deckAnswerRules(h.answers);
    if (h.cards.length === 0)
      this.add(this.pos(['cards'], { key: true }), 'warning', 'no-cards', 'the deck has no cards');

    const cards: Card[] = [];
    const byId = new Map<string, NoteInfo>();
    const byPrompt = new Map<string, NoteInfo>();
    h.cards.forEach((rawCard, index) => {
      const info = this.note(rawCard, index, id, tags, rules);
      if (!info) return;
      const first = byId.get(info.noteId);
      if (first) {
        // The second one is dropped: it would share the first one's progress.
        const where = `line ${first.pos.line}`;
        if (info.implicitId) {
          this.add(info.pos, 'error', 'duplicate-card', `same card as the one at ${where}`);
        } else {
          this.add(
            this.pos(['cards', index, 'id']),
            'error',
            'duplicate-id',
            `duplicate card id \`${info.noteId}\` (first used at ${where})`,
          );
        }
        return;
      }
      byId.set(info.noteId, info);
      if (info.prompt !== undefined) {
        const norm = shownKey(info.prompt).toLowerCase();
        const same = byPrompt.get(norm);
        if (same) {
          this.add(
            this.pos(['cards', index, promptKey(rawCard)]),
            'warning',
            'duplicate-prompt',
            `same prompt as the card at line ${same.pos.line}`,
          );
        } else {
          byPrompt.set(norm, info);
        }
      }
      if (info.implicitId)
        this.add(
          info.pos,
          'warning',
          'missing-id',
          `card has no \`id\`: editing it will reset its progress (\`recall lint --fix\` adds ids)`,
        );
      cards.push(...(this.pending.get(index) ?? []));
    });
    return {
      id,
      // A name is a label on one line (menus, tables, summaries): a block scalar's line breaks
      // would break each of them.
      name: collapseWhitespace(h.name),
      ...(h.description === undefined ? {} : { description: tidy(h.description) }),
      tags,
      ...(h.source === undefined ? {} : { source: tidy(h.source) }),
      ...(h.exam === undefined ? {} : { exam: h.exam }),
      file: this.file,
      ...(h.id === undefined ? { implicitId: true } : {}),
      cards,
    };
  }

  /** Validates one card entry; on success its cards wait in `pending` for the duplicate checks. */
  private note(
    raw: unknown,
    index: number,
    deckId: string,
    deckTags: readonly string[],
    deckRules: AnswerRules | undefined,
  ): NoteInfo | undefined {
    const path = ['cards', index] as const;
    const pos = this.pos(path);
    if (!isRecord(raw)) {
      const hint = typeof raw === 'string' ? ' (did you forget `q:`?)' : '';
      this.add(
        pos,
        'error',
        'card-not-mapping',
        `a card is a mapping like \`q: …\` and \`a: …\`, not ${describe(raw)}${hint}`,
      );
      return undefined;
    }
    // In file order, so a mix is reported at the key that came second.
    const present = Object.keys(raw).filter((k): k is KindKey => KIND_KEYS.includes(k as KindKey));
    if (present.length > 1) {
      const [first, second] = present as [KindKey, KindKey];
      this.add(
        this.pos([...path, second], { key: true }),
        'error',
        'mixed-kinds',
        `a card is one kind: \`${first}\` makes it a ${KIND_NAMES[first]} card and \`${second}\` a ${KIND_NAMES[second]} card — keep one`,
      );
      return undefined;
    }
    const kind = present[0];
    if (kind === undefined) {
      if ('answer' in raw) {
        this.add(
          this.pos([...path, 'answer'], { key: true }),
          'error',
          'missing-answer',
          '`answer` goes with `choices`: add `choices`, or use `a` for a basic card',
        );
        return undefined;
      }
      const unknown = Object.keys(raw).filter((k) => !CARD_KEYS.includes(k));
      const guesses = unknown.map((k) => this.unknownKey([...path, k], k));
      // `q` + `anwser`: the typo is the mistake to report, not the missing answer.
      if (guesses.some((g) => g !== undefined && g !== 'q')) return undefined;
      if ('q' in raw) {
        this.add(
          this.pos([...path, 'q'], { key: true }),
          'error',
          'missing-answer',
          '`q` has no answer: add `a` (basic), `typed` (typed answer) or `choices` + `answer` (multiple choice)',
        );
      } else if (unknown.length === 0) {
        this.add(
          pos,
          'error',
          'missing-answer',
          'a card needs `q` + `a`, `cloze`, `choices`, `typed` or `pairs`',
        );
      }
      return undefined;
    }
    const parsed = cardSchemas[kind].safeParse(raw);
    if (!parsed.success) {
      this.addIssues(parsed.error.issues, path, raw, kind);
      return undefined;
    }
    const card = parsed.data as Record<string, unknown> & {
      id?: string;
      explain?: string;
      tags?: string[];
      group?: string;
      answers?: AnswersInput;
    };
    const note = this.toNote(kind, card, path);
    if (!note) return undefined;
    const answers = cardAnswerRules(deckRules, card.answers);
    if (answers && card.answers?.same) this.checkSame(note, answers, card.answers.same, path);
    const implicitId = card.id === undefined;
    const hashId = contentHash(identityContent(note));
    const noteId = card.id ?? hashId;
    const pairPos =
      note.kind === 'pairs'
        ? note.pairs.map((_, i) => ({ file: this.file, ...this.pos([...path, 'pairs', i]) }))
        : undefined;
    // Optional fields set one by one, not spread in: this runs for every note of a cold parse.
    const ctx: Mutable<NoteContext> = {
      deckId,
      noteId,
      implicitId,
      tags: dedupe([...deckTags, ...(card.tags ?? [])]),
      pos: { file: this.file, line: pos.line, col: pos.col },
      order: index,
    };
    if (!implicitId) ctx.formerNoteId = hashId;
    if (card.group !== undefined) ctx.group = card.group;
    if (card.explain !== undefined) ctx.explain = tidy(card.explain);
    if (answers !== undefined) ctx.answers = answers;
    if (pairPos) ctx.pairPos = pairPos;
    const cards = expandNote(note, ctx);
    this.pending.set(index, cards);
    const prompt = note.kind === 'cloze' ? note.cloze : note.kind === 'pairs' ? undefined : note.q;
    return { index, noteId, implicitId, pos, ...(prompt === undefined ? {} : { prompt }) };
  }

  /** A card's `same` group that names none of its answers changes nothing: a mistake. */
  private checkSame(
    note: Note,
    rules: AnswerRules,
    same: readonly (readonly string[])[],
    path: YamlPath,
  ): void {
    const answers =
      note.kind === 'typed'
        ? note.typed
        : note.kind === 'cloze'
          ? parseCloze(note.cloze).flatMap((p) => (p.type === 'gap' ? [p.text] : []))
          : [];
    const keys = new Set(answers.map((a) => answerKey(a, rules)));
    same.forEach((group, i) => {
      if (group.some((m) => keys.has(answerKey(m, rules)))) return;
      this.add(
        this.pos([...path, 'answers', 'same', i]),
        'warning',
        'same-unused',
        `this \`same\` group names none of the card's answers (${answers.map((a) => `\`${a}\``).join(', ')}): it changes nothing`,
      );
    });
  }

  /** Tidied note text, after the checks zod cannot make. */
  private toNote(kind: KindKey, card: Record<string, unknown>, path: YamlPath): Note | undefined {
    const s = (k: string) => tidy(card[k] as string);
    switch (kind) {
      case 'a':
        return { kind: 'basic', q: s('q'), a: s('a'), reverse: card.reverse === true };
      case 'cloze': {
        const cloze = s('cloze');
        const gaps = parseCloze(cloze).filter((p) => p.type === 'gap');
        if (gaps.length === 0) {
          this.add(
            this.pos([...path, 'cloze']),
            'error',
            'cloze-no-gap',
            'a cloze needs at least one `{{deletion}}`',
          );
          return undefined;
        }
        if (gaps.some((g) => g.text === '')) {
          this.add(
            this.pos([...path, 'cloze']),
            'error',
            'cloze-empty-gap',
            'a cloze deletion is empty: write `{{answer}}` or `{{answer::hint}}`',
          );
          return undefined;
        }
        return { kind: 'cloze', cloze };
      }
      case 'choices': {
        const choices = (card.choices as string[]).map(tidy);
        // By what shows: choices a reader cannot tell apart are one choice to whoever picks.
        const seen = new Map<string, string>();
        let ok = true;
        choices.forEach((c, i) => {
          const first = seen.get(shownKey(c));
          if (first !== undefined) {
            this.add(
              this.pos([...path, 'choices', i]),
              'error',
              'duplicate-choice',
              first === c
                ? `choice \`${c}\` is listed twice`
                : `choice \`${c}\` looks the same as \`${first}\`: they differ only in characters that do not show`,
            );
            ok = false;
          } else seen.set(shownKey(c), c);
        });
        const rawAnswer = card.answer as string | string[];
        const answer = asList(rawAnswer).map((a) => seen.get(shownKey(tidy(a))) ?? tidy(a));
        answer.forEach((a, i) => {
          if (!choices.includes(a)) {
            const where =
              typeof rawAnswer === 'string' ? [...path, 'answer'] : [...path, 'answer', i];
            const near = closest(a, choices);
            this.add(
              this.pos(where),
              'error',
              'answer-not-a-choice',
              `answer \`${a}\` is not one of the choices${near ? ` (did you mean \`${near}\`?)` : ''}`,
            );
            ok = false;
          }
        });
        return ok ? { kind: 'choice', q: s('q'), choices, answer: dedupe(answer) } : undefined;
      }
      case 'typed':
        return {
          kind: 'typed',
          q: s('q'),
          typed: dedupe(asList(card.typed as string | string[]).map(tidy)),
        };
      case 'pairs': {
        const pairs = (card.pairs as ([string, string] | Record<string, string>)[]).map(
          (p): [string, string] => {
            const [left, right] = Array.isArray(p) ? p : (Object.entries(p)[0] as [string, string]);
            return [tidy(left), tidy(right)];
          },
        );
        const lefts = new Map<string, number>();
        let ok = true;
        pairs.forEach(([left], i) => {
          const norm = shownKey(left).toLowerCase();
          const first = lefts.get(norm);
          if (first !== undefined) {
            const line = this.pos([...path, 'pairs', first]).line;
            this.add(
              this.pos([...path, 'pairs', i]),
              'error',
              'duplicate-pair',
              `left side \`${left}\` appears twice (first at line ${line})`,
            );
            ok = false;
          } else lefts.set(norm, i);
        });
        if (!ok) return undefined;
        return 'q' in card ? { kind: 'pairs', q: s('q'), pairs } : { kind: 'pairs', pairs };
      }
    }
  }
}

function promptKey(raw: unknown): string {
  return isRecord(raw) && 'cloze' in raw ? 'cloze' : 'q';
}
