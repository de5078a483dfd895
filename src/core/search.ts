/**
 * The browse search syntax, after Anki's: words and "quoted phrases" match a card's text, and
 * `field:value` / `prop<value` terms its deck, tags, state and schedule. Terms side by side must
 * all match; `or` between them lets either; `-` negates; parentheses group. A mistake is reported
 * with its column, so the query line can point at it. Pure: the clock comes in as `now`.
 */
import { closest } from '../text/suggest.js';
import type { Card, CardKind } from './card.js';
import { dayStart } from './day.js';
import type { CardProgress } from './model.js';

/** One card as a search reads it: what the app layer computes once per card for every query. */
export type SearchRow = {
  readonly card: Card;
  readonly progress: CardProgress | undefined;
  readonly deckName: string;
  /** `searchText(card)`, computed once. */
  readonly text: string;
  /** Probability of recall now; null for a new card (recall comparisons never match one). */
  readonly recall: number | null;
  /** Lapses from which the card is a leech (the deck's threshold). */
  readonly leechAt: number;
};

export type SearchClock = { readonly now: number; readonly dayStartsAt: number };

/** A mistake in a query: what is wrong and where (1-based column), for a caret under it. */
export type QueryError = { readonly col: number; readonly message: string };

export type Node =
  | { readonly type: 'all' }
  | { readonly type: 'and' | 'or'; readonly of: readonly Node[] }
  | { readonly type: 'not'; readonly of: Node }
  | { readonly type: 'text'; readonly pattern: string }
  | { readonly type: 'deck' | 'tag' | 'mark' | 'kind'; readonly pattern: string }
  | { readonly type: 'is'; readonly what: IsWhat }
  | { readonly type: 'prop'; readonly prop: NumProp; readonly op: Op; readonly value: number }
  | { readonly type: 'days'; readonly prop: DayProp; readonly op: Op; readonly value: number };

export type ParsedQuery =
  | { readonly ok: true; readonly node: Node }
  | ({ readonly ok: false } & QueryError);

const IS = ['due', 'new', 'learning', 'review', 'suspended', 'buried', 'leech'] as const;
type IsWhat = (typeof IS)[number];
const NUM_PROPS = ['lapses', 'reps', 'difficulty', 'stability', 'recall'] as const;
type NumProp = (typeof NUM_PROPS)[number];
const DAY_PROPS = ['due', 'last'] as const;
type DayProp = (typeof DAY_PROPS)[number];
type Op = '<' | '<=' | '>' | '>=' | '=' | '!=';
const KINDS: readonly CardKind[] = ['basic', 'cloze', 'choice', 'typed', 'pair'];
/** `flag:` is Anki's word for a mark. */
const FIELDS = ['deck', 'tag', 'is', 'mark', 'flag', 'kind'] as const;
const ALL_NAMES = [...FIELDS, ...NUM_PROPS, ...DAY_PROPS];

/** Every word the syntax knows, for help texts and suggestions. */
export const searchFields: readonly string[] = ALL_NAMES;

type Token =
  | { readonly t: '(' | ')' | '-'; readonly col: number }
  | {
      readonly t: 'word';
      readonly col: number;
      /** The word with quotes removed. */
      readonly text: string;
      /** Where the first quote opened, in `text` (-1: none): `tag:"a b"` is a field, `"a:b"` text. */
      readonly quotedAt: number;
    };

class Mistake extends Error {
  constructor(
    readonly col: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseQuery(query: string): ParsedQuery {
  try {
    const tokens = tokenize(query);
    if (tokens.length === 0) return { ok: true, node: { type: 'all' } };
    const p = new Parser(tokens, query.length + 1);
    const node = p.or();
    p.end();
    return { ok: true, node };
  } catch (e) {
    if (e instanceof Mistake) return { ok: false, col: e.col, message: e.message };
    throw e;
  }
}

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ t: c, col: i + 1 });
      i++;
    } else if (c === '-' && i + 1 < q.length && !/[\s)]/.test(q[i + 1]!)) {
      out.push({ t: '-', col: i + 1 });
      i++;
    } else if (c === '-') {
      throw new Mistake(i + 1, 'nothing to negate after "-": write -tag:x, -"a phrase" or -(…)');
    } else {
      const col = i + 1;
      let text = '';
      let quotedAt = -1;
      while (i < q.length && !/[\s()]/.test(q[i]!)) {
        if (q[i] !== '"') {
          text += q[i++];
          continue;
        }
        const open = i++;
        if (quotedAt < 0) quotedAt = text.length;
        for (;;) {
          if (i >= q.length) throw new Mistake(open + 1, 'this quote is never closed: add a "');
          const ch = q[i++]!;
          if (ch === '"') break;
          if (ch === '\\' && i < q.length) text += q[i++];
          else text += ch;
        }
      }
      out.push({ t: 'word', col, text, quotedAt });
    }
  }
  return out;
}

const isOp = (tok: Token | undefined, word: 'or' | 'and') =>
  tok?.t === 'word' && tok.quotedAt < 0 && tok.text.toLowerCase() === word;

class Parser {
  #at = 0;
  constructor(
    readonly tokens: readonly Token[],
    readonly endCol: number,
  ) {}

  #peek(): Token | undefined {
    return this.tokens[this.#at];
  }

  get #col(): number {
    return this.#peek()?.col ?? this.endCol;
  }

  end(): void {
    const tok = this.#peek();
    if (tok?.t === ')') throw new Mistake(tok.col, 'this ")" closes no "("');
  }

  or(): Node {
    const of = [this.and()];
    while (isOp(this.#peek(), 'or')) {
      this.#at++;
      of.push(this.and());
    }
    return of.length === 1 ? of[0]! : { type: 'or', of };
  }

  and(): Node {
    const of: Node[] = [];
    for (;;) {
      const tok = this.#peek();
      if (tok === undefined || tok.t === ')' || isOp(tok, 'or')) break;
      if (isOp(tok, 'and')) {
        this.#at++;
        if (of.length === 0 || !this.#starts()) {
          throw new Mistake(tok.col, '"and" goes between two searches');
        }
        continue;
      }
      of.push(this.unary());
    }
    if (of.length === 0) {
      const tok = this.#peek();
      const word = tok?.t === 'word' ? `"${tok.text}"` : tok?.t === ')' ? '")"' : 'the end';
      throw new Mistake(
        this.#col,
        tok?.t === ')' && this.#at === 0
          ? 'this ")" closes no "("'
          : `a search is missing before ${word}: "or" goes between two searches`,
      );
    }
    return of.length === 1 ? of[0]! : { type: 'and', of };
  }

  #starts(): boolean {
    const tok = this.#peek();
    return tok !== undefined && tok.t !== ')' && !isOp(tok, 'or') && !isOp(tok, 'and');
  }

  unary(): Node {
    const tok = this.#peek()!;
    this.#at++;
    if (tok.t === '-') {
      if (!this.#starts()) {
        throw new Mistake(
          tok.col,
          'nothing to negate after "-": write -tag:x, -"a phrase" or -(…)',
        );
      }
      return { type: 'not', of: this.unary() };
    }
    if (tok.t === '(') {
      if (this.#peek()?.t === ')') throw new Mistake(tok.col, 'these parentheses are empty');
      const inner = this.or();
      if (this.#peek()?.t !== ')')
        throw new Mistake(tok.col, 'this "(" is never closed: add a ")"');
      this.#at++;
      return inner;
    }
    // and() never hands over a ")".
    if (tok.t !== 'word') throw new Mistake(tok.col, 'this ")" closes no "("');
    return term(tok);
  }
}

/** One word: a field search, a comparison, or text. */
function term(tok: Extract<Token, { t: 'word' }>): Node {
  const plain = tok.quotedAt < 0 ? tok.text : tok.text.slice(0, tok.quotedAt);
  const m = /^([a-z]+)(<=|>=|!=|<|>|=|:)/i.exec(plain);
  if (!m) return text(tok);
  const name = m[1]!.toLowerCase();
  const op = m[2] as Op | ':';
  const value = tok.text.slice(m[0].length);
  const valueCol = tok.col + m[0].length + (tok.quotedAt === m[0].length ? 1 : 0);
  if (
    (NUM_PROPS as readonly string[]).includes(name) ||
    (DAY_PROPS as readonly string[]).includes(name)
  ) {
    return comparison(name, op === ':' ? '=' : op, value, valueCol);
  }
  // `a<b` or `x=1` that names no property is text; only `name:` claims to be a field.
  if (op !== ':') return text(tok);
  if (!(FIELDS as readonly string[]).includes(name)) {
    const like = closest(name, ALL_NAMES);
    throw new Mistake(
      tok.col,
      `unknown field "${m[1]}:"${like ? ` (did you mean ${like}:?)` : ''}; to search for the text, quote it: "${tok.text}"`,
    );
  }
  if (value === '') throw new Mistake(valueCol, `${name}: needs a value, e.g. ${example(name)}`);
  const lower = value.toLowerCase();
  switch (name) {
    case 'is': {
      const what = IS.find((w) => w === lower);
      if (what) return { type: 'is', what };
      // Typed as far as `is:sus`, the word it starts is the likelier meaning.
      const like = IS.find((w) => w.startsWith(lower)) ?? closest(lower, IS);
      throw new Mistake(
        valueCol,
        `is: takes ${IS.join(', ')}${like ? ` (did you mean is:${like}?)` : ''}`,
      );
    }
    case 'kind': {
      if (lower.includes('*') || KINDS.includes(lower as CardKind)) {
        return { type: 'kind', pattern: lower };
      }
      throw new Mistake(valueCol, `kind: takes ${KINDS.join(', ')}`);
    }
    case 'flag':
      return { type: 'mark', pattern: lower };
    default:
      return { type: name as 'deck' | 'tag' | 'mark', pattern: lower };
  }
}

function text(tok: Extract<Token, { t: 'word' }>): Node {
  return { type: 'text', pattern: tok.text.toLowerCase() };
}

function example(name: string): string {
  switch (name) {
    case 'deck':
      return 'deck:databricks-jobs-api';
    case 'tag':
      return 'tag:pagination';
    case 'is':
      return 'is:due';
    case 'kind':
      return 'kind:cloze';
    default:
      return `${name}:red`;
  }
}

function comparison(name: string, op: Op, raw: string, valueCol: number): Node {
  if (DAY_PROPS.includes(name as DayProp)) {
    const m = /^(-?\d+)([dw]?)$/i.exec(raw);
    if (!m) {
      throw new Mistake(
        valueCol,
        `${name} compares whole days: ${name}${op}7d (or 7, 2w${name === 'due' ? ', -1 for overdue' : ''})`,
      );
    }
    const days = Number(m[1]) * (m[2]?.toLowerCase() === 'w' ? 7 : 1);
    return { type: 'days', prop: name as DayProp, op, value: days };
  }
  const value = Number(raw);
  if (raw === '' || !Number.isFinite(value)) {
    throw new Mistake(
      valueCol,
      `${name} compares with a number: ${name}${op === '=' ? '>' : op}${name === 'recall' ? '0.8' : '3'}`,
    );
  }
  if (name === 'recall' && (value < 0 || value > 1)) {
    throw new Mistake(valueCol, 'recall is a probability from 0 to 1: recall<0.8');
  }
  return { type: 'prop', prop: name as NumProp, op, value };
}

/** What free text searches in a card, lower-cased: its question, answers and explanation. */
export function searchText(card: Card): string {
  const parts: string[] = [];
  switch (card.kind) {
    case 'basic':
      parts.push(card.prompt, card.answer);
      break;
    case 'cloze':
      for (const p of card.parts) parts.push(p.text);
      break;
    case 'choice':
      parts.push(card.prompt, ...card.choices);
      break;
    case 'typed':
      parts.push(card.prompt, ...card.accepted);
      break;
    case 'pair':
      parts.push(card.prompt, card.left, card.right);
      break;
  }
  if (card.explain !== undefined) parts.push(card.explain);
  return parts.join('\n').toLowerCase();
}

type Match = (row: SearchRow) => boolean;

/** The query as a predicate on rows, its times fixed at `clock.now`. */
export function compileQuery(node: Node, clock: SearchClock): Match {
  switch (node.type) {
    case 'all':
      return () => true;
    case 'and': {
      const of = node.of.map((n) => compileQuery(n, clock));
      return (r) => of.every((m) => m(r));
    }
    case 'or': {
      const of = node.of.map((n) => compileQuery(n, clock));
      return (r) => of.some((m) => m(r));
    }
    case 'not': {
      const m = compileQuery(node.of, clock);
      return (r) => !m(r);
    }
    case 'text': {
      if (!node.pattern.includes('*')) return (r) => r.text.includes(node.pattern);
      const re = glob(node.pattern, false);
      return (r) => re.test(r.text);
    }
    case 'deck': {
      const re = glob(node.pattern, true);
      return (r) => re.test(r.card.deckId) || re.test(r.deckName);
    }
    case 'tag': {
      const re = glob(node.pattern, true);
      return (r) => r.card.tags.some((t) => re.test(t));
    }
    case 'mark': {
      const re = glob(node.pattern, true);
      return (r) => r.progress?.mark !== undefined && re.test(r.progress.mark);
    }
    case 'kind': {
      const re = glob(node.pattern, true);
      return (r) => re.test(r.card.kind);
    }
    case 'is':
      return isMatch(node.what, clock);
    case 'prop':
      return propMatch(node.prop, node.op, node.value);
    case 'days':
      return daysMatch(node.prop, node.op, node.value, clock);
  }
}

function isMatch(what: IsWhat, { now, dayStartsAt }: SearchClock): Match {
  const state = (r: SearchRow) => r.progress?.srs?.state ?? 'New';
  switch (what) {
    case 'new':
      return (r) => state(r) === 'New';
    case 'learning':
      return (r) => state(r) === 'Learning' || state(r) === 'Relearning';
    case 'review':
      return (r) => state(r) === 'Review' || state(r) === 'Relearning';
    case 'suspended':
      return (r) => r.progress?.suspended === true;
    case 'buried':
      return (r) => (r.progress?.buriedUntil ?? 0) > now;
    case 'leech':
      return (r) => (r.progress?.srs?.lapses ?? 0) >= r.leechAt;
    case 'due': {
      const tomorrow = dayStart(now, dayStartsAt, 1);
      return (r) => state(r) !== 'New' && r.progress!.srs!.due < tomorrow;
    }
  }
}

function compare(a: number, op: Op, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '=':
      return a === b;
    case '!=':
      return a !== b;
  }
}

function propMatch(prop: NumProp, op: Op, value: number): Match {
  const of = (r: SearchRow): number | null => {
    const srs = r.progress?.srs;
    switch (prop) {
      case 'lapses':
        return srs?.lapses ?? 0;
      case 'reps':
        return srs?.reps ?? 0;
      // A new card has no difficulty, stability or recall to compare.
      case 'difficulty':
        return srs && srs.state !== 'New' ? srs.difficulty : null;
      case 'stability':
        return srs && srs.state !== 'New' ? srs.stability : null;
      case 'recall':
        return r.recall;
    }
  };
  return (r) => {
    const v = of(r);
    return v !== null && compare(v, op, value);
  };
}

/**
 * Whole study days: `due<7` is due before the start of the study day 7 days from today (0 is
 * today, -1 yesterday), `last<7` reviewed less than 7 study days ago. Each becomes a time range.
 */
function daysMatch(prop: DayProp, op: Op, value: number, { now, dayStartsAt }: SearchClock): Match {
  // For `last`, days ago is minus the day offset: flip the comparison onto the offset.
  const flipped: Record<Op, Op> = {
    '<': '>',
    '<=': '>=',
    '>': '<',
    '>=': '<=',
    '=': '=',
    '!=': '!=',
  };
  const o = prop === 'last' ? flipped[op] : op;
  const v = prop === 'last' ? -value : value;
  const start = (days: number) => dayStart(now, dayStartsAt, days);
  const at = (r: SearchRow): number | undefined => {
    const srs = r.progress?.srs;
    if (!srs || srs.state === 'New') return undefined;
    return prop === 'due' ? srs.due : srs.lastReview;
  };
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.POSITIVE_INFINITY;
  if (o === '<') hi = start(v);
  if (o === '<=') hi = start(v + 1);
  if (o === '>') lo = start(v + 1);
  if (o === '>=') lo = start(v);
  if (o === '=' || o === '!=') {
    lo = start(v);
    hi = start(v + 1);
  }
  const inside = (t: number) => t >= lo && t < hi;
  return (r) => {
    const t = at(r);
    if (t === undefined) return false;
    return o === '!=' ? !inside(t) : inside(t);
  };
}

/** `*` matches any run of characters; `whole`: the pattern must match the whole value. */
function glob(pattern: string, whole: boolean): RegExp {
  const body = pattern
    .split('*')
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(whole ? `^${body}$` : body, 'is');
}
