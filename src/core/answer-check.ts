/**
 * Typed answers: how an answer is normalised before comparing, what a deck says counts as the
 * same answer (`AnswerRules`), when a wrong answer is only a typo ("close"), and the character
 * diff shown after it. Review, cram and quiz all check typed answers and cloze gaps through
 * here (via core/grading.ts for the rating they propose).
 */
import { editDistance } from '../text/edit-distance.js';
import { collapseWhitespace } from '../text/whitespace.js';

/** Surrounding pairs stripped from an answer: `code`, "quoted", 'quoted', “curly”, ‘curly’. */
const PAIRS: readonly (readonly [string, string])[] = [
  ['`', '`'],
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
];

/**
 * What a deck, and a card within it, says counts as the same typed answer (the `answers:` key,
 * docs/deck-format.md). Literal text only, never a regular expression: decks are shared files,
 * and a pattern that backtracks for minutes would hang whoever opens the deck.
 */
export type AnswerRules = {
  /** Parts an answer may leave out or include, as whole words (`/api/2.2/`, `the`). */
  readonly optional: readonly string[];
  /** Groups of answers that count as one another (`[failed task, failed tasks]`). */
  readonly same: readonly (readonly string[])[];
  /** Case matters; by default it is ignored. */
  readonly exactCase: boolean;
};

/** Trim, drop surrounding backticks or quotes, collapse inner spaces, ignore case. */
export function normalizeAnswer(s: string): string {
  return stripped(s).toLowerCase();
}

function stripped(s: string): string {
  let t = s.normalize('NFC').trim();
  for (let again = true; again; ) {
    again = false;
    for (const [open, close] of PAIRS) {
      if (t.length >= open.length + close.length && t.startsWith(open) && t.endsWith(close)) {
        t = t.slice(open.length, t.length - close.length).trim();
        again = true;
      }
    }
  }
  return collapseWhitespace(t);
}

const WORD = /[\p{L}\p{N}_]/u;
const isWord = (c: string | undefined) => c !== undefined && WORD.test(c);

/**
 * Where `part` stands as a whole in `text` from `from` on (`the` in `the CLI`, not in `bathe`;
 * `/api/2.2/` anywhere: it starts and ends with a non-word character), or -1.
 */
function findWhole(text: string, part: string, from: number): number {
  for (let at = text.indexOf(part, from); at !== -1; at = text.indexOf(part, at + 1)) {
    const end = at + part.length;
    const opens = !isWord(part[0]) || !isWord(text[at - 1]);
    const closes = !isWord(part[part.length - 1]) || !isWord(text[end]);
    if (opens && closes) return at;
  }
  return -1;
}

/**
 * Where `pathKey` took out an optional part of a path (one holding a `/`): a mark no deck text
 * holds (the sanitizer removes control characters), so `/api/2.2/jobs/get` reads `\u0001get`,
 * shown by `GET jobs/get` and not by the verb of `GET /api/2.2/jobs/list`.
 */
const PATH_MARK = '\u0001';

/**
 * `text` without each optional part where it stands as a whole; with `marked`, a part holding a
 * `/` leaves `PATH_MARK` in its place (one for several in a row).
 */
function withoutParts(text: string, parts: readonly string[], marked = false): string {
  let t = text;
  for (const part of parts) {
    if (part === '') continue;
    const left = marked && part.includes('/') ? PATH_MARK : ' ';
    for (let at = findWhole(t, part, 0); at !== -1; at = findWhole(t, part, at)) {
      t = `${t.slice(0, at)}${left}${t.slice(at + part.length)}`;
    }
  }
  return collapseWhitespace(marked ? t.replace(/\u0001+/g, PATH_MARK) : t);
}

/**
 * Text as a reader takes it in, compared as answers are under `rules`: without Markdown's
 * emphasis and code marks (`**job**` shows the word job).
 */
export function readKey(text: string, rules?: AnswerRules): string {
  return answerKey(text.replace(/[*`]/g, ''), rules);
}

/**
 * `key` (`readKey`, `answerKey`), remembering each text's key per rules object for as long as
 * the returned function is kept (a deck's rules are one object shared by its cards; no rules,
 * one slot), and dropping a rules object's keys with it: for checks that read the same texts
 * many times over (the mock test's draws, review order).
 */
export function memoKey(
  key: (text: string, rules?: AnswerRules) => string,
): (text: string, rules?: AnswerRules) => string {
  const none = {};
  const byRules = new WeakMap<object, Map<string, string>>();
  return (text, rules) => {
    const owner = rules ?? none;
    let byText = byRules.get(owner);
    if (!byText) {
      byText = new Map();
      byRules.set(owner, byText);
    }
    let k = byText.get(text);
    if (k === undefined) {
      k = key(text, rules);
      byText.set(text, k);
    }
    return k;
  };
}

/** Whether the text of `textKey` holds the answer of `answerKey` as a whole (both `readKey`s). */
export function holdsAnswer(textKey: string, answerKey: string): boolean {
  return answerKey !== '' && findWhole(textKey, answerKey, 0) !== -1;
}

/** `GET /api/2.2/jobs/get` (or `GET jobs/get`): an HTTP verb, then the path. */
const ENDPOINT = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)$/i;

/** The path of an answer that is an HTTP verb and a path (`POST jobs/run-now`), if it is one. */
export function endpointPath(answer: string): string | undefined {
  return ENDPOINT.exec(answer.trim())?.[2];
}

/**
 * What gives an answer away: sets of texts that, all shown in one other text, tell it. Each
 * accepted form (`acceptedForms`: a variant, a `same` group member) alone, and an endpoint's
 * path alone (`POST` is one of two verbs); an answer right only `together` (several right
 * choices) only by all its parts at once.
 */
export function revealSets(
  accepted: readonly string[],
  rules?: AnswerRules,
  together = false,
): string[][] {
  if (together) return accepted.length > 0 ? [[...accepted]] : [];
  return acceptedForms(accepted, rules).flatMap((form) => {
    const path = endpointPath(form);
    return path ? [[form], [path]] : [[form]];
  });
}

/**
 * The one giveaway check (the mock test's, lint's, review and cram order's): the first set of
 * `reveals` (`revealSets`) that one of `texts` (a prompt, a choice, a revealed answer) shows in
 * full, each part as a whole (`holdsAnswer`) once both are read as answers are compared under `rules`
 * (`readKey`): what a reader would take as given away.
 * `read` is `readKey` or a memo of it.
 */
export function shownReveal(
  texts: readonly string[],
  reveals: readonly (readonly string[])[],
  rules?: AnswerRules,
  read: (text: string, rules?: AnswerRules) => string = readKey,
  readPath: (text: string, rules?: AnswerRules) => string = pathKey,
): readonly string[] | undefined {
  if (reveals.length === 0) return undefined;
  const keys = texts.map((t) => read(t, rules));
  let pathKeys: string[] | undefined;
  return reveals.find((set) => {
    // A path its optional parts leave without a `/` is looked for where a path stood.
    const answers = set.map((r) =>
      barePath(r, rules, read) ? { path: readPath(r, rules) } : { text: read(r, rules) },
    );
    if (answers.some((a) => a.path !== undefined))
      pathKeys ??= texts.map((t) => readPath(t, rules));
    return keys.some((k, i) =>
      answers.every((a) =>
        a.path === undefined ? holdsAnswer(k, a.text) : holdsAnswer(pathKeys![i]!, a.path),
      ),
    );
  });
}

/**
 * An answer as compared under `rules`: normalised, in the case that counts, without its
 * optional parts (unless nothing else is left: an answer is never the empty one).
 */
export function answerKey(s: string, rules?: AnswerRules): string {
  return keyWithout(s, rules, false);
}

function keyWithout(s: string, rules: AnswerRules | undefined, marked: boolean): string {
  const t = rules?.exactCase ? stripped(s) : normalizeAnswer(s);
  if (!rules || rules.optional.length === 0) return t;
  const parts = rules.optional
    .map((p) => (rules.exactCase ? stripped(p) : normalizeAnswer(p)))
    .sort((a, b) => b.length - a.length);
  const left = withoutParts(t, parts, marked);
  return left === '' ? t : left;
}

/**
 * `readKey` with `PATH_MARK` where an optional part of a path was: how the giveaway check
 * compares an endpoint's path that its optional parts leave without a `/` (`/api/2.2/jobs/get`
 * under optional `/api/2.2/` and `jobs/` is `get`, which every `GET` and the word "get" would
 * otherwise show).
 */
export function pathKey(text: string, rules?: AnswerRules): string {
  return keyWithout(text.replace(/[*`]/g, ''), rules, true);
}

/**
 * A path whose optional parts leave no `/` (see `pathKey`): one word holding a `/` whose
 * key (`read`: `readKey` or a memo of it) holds none.
 */
function barePath(
  text: string,
  rules: AnswerRules | undefined,
  read: (text: string, rules?: AnswerRules) => string,
): boolean {
  const t = text.trim();
  return t.includes('/') && !/\s/.test(t) && !read(t, rules).includes('/');
}

/**
 * Per rules object, its `same` groups by the key of each member: a deck's rules are one object
 * shared by its cards, and every card's forms look their groups up in it. Held weakly.
 */
const groupIndex = new WeakMap<AnswerRules, Map<string, readonly string[][]>>();

function groupsByKey(rules: AnswerRules): Map<string, readonly string[][]> {
  let index = groupIndex.get(rules);
  if (!index) {
    index = new Map();
    for (const group of rules.same) {
      const members = [...group];
      for (const key of new Set(members.map((m) => answerKey(m, rules)))) {
        index.set(key, [...(index.get(key) ?? []), members]);
      }
    }
    groupIndex.set(rules, index);
  }
  return index;
}

/**
 * Every form an answer is accepted in under `rules`: each accepted answer, then the members of
 * each `same` group it belongs to, as written, no form twice. What the same-fact and giveaway
 * checks (quiz, lint, review order) compare, so a variant counts as much as the canonical answer.
 */
export function acceptedForms(accepted: readonly string[], rules?: AnswerRules): string[] {
  const out = new Set(accepted);
  if (rules && rules.same.length > 0) {
    const index = groupsByKey(rules);
    for (const text of accepted) {
      for (const group of index.get(answerKey(text, rules)) ?? []) {
        for (const m of group) out.add(m);
      }
    }
  }
  return [...out];
}

/**
 * The keys an answer is accepted under (`answerKey` of each of its `acceptedForms`): a typed
 * answer with one of these keys is right, and two answers sharing one are the same answer.
 */
export function acceptedKeys(accepted: readonly string[], rules?: AnswerRules): string[] {
  return [...new Set(acceptedForms(accepted, rules).map((f) => answerKey(f, rules)))];
}

/** Each accepted answer with the keys that count as it: its own, and its `same` groups'. */
function candidates(
  accepted: readonly string[],
  rules?: AnswerRules,
): { text: string; key: string }[] {
  return accepted.flatMap((text) => acceptedKeys([text], rules).map((key) => ({ text, key })));
}

export type TypedCheck = {
  /** Equal to an accepted answer once both are normalised. */
  readonly correct: boolean;
  /** Wrong, but within a typo of an accepted answer (see `isClose`). */
  readonly close: boolean;
  /** The accepted answer matched, or else the nearest one (as written in the deck). */
  readonly best: string;
};

export function checkTyped(
  input: string,
  accepted: readonly string[],
  rules?: AnswerRules,
): TypedCheck {
  const typed = answerKey(input, rules);
  let best: { text: string; key: string; distance: number } | null = null;
  for (const c of candidates(accepted, rules)) {
    if (typed !== '' && c.key === typed) return { correct: true, close: false, best: c.text };
    const distance = editDistance(typed, c.key);
    if (best === null || distance < best.distance) best = { ...c, distance };
  }
  if (best === null) return { correct: false, close: false, best: '' };
  return { correct: false, close: isClose(typed, best.key, best.distance), best: best.text };
}

/**
 * A typo, not a wrong answer: edit distance ≤ 1 for answers of up to 8 characters, ≤ 2 for
 * longer ones. Never for an empty input, an answer shorter than 3 characters (any other
 * 1-character answer would be "close"), or a number (428 for 429 is wrong, not a typo).
 */
function isClose(typed: string, expected: string, distance: number): boolean {
  if (typed === '' || expected.length < 3) return false;
  if (/^[\d\s.,:%+-]+$/.test(expected)) return false;
  return distance <= (expected.length <= 8 ? 1 : 2);
}

/**
 * One run of the diff between what was typed and what was expected: `same` in both (up to case:
 * `text` as expected, `typed` as typed), `del` typed but not expected, `add` expected but not
 * typed.
 */
export type CharDiff =
  | { readonly op: 'same'; readonly text: string; readonly typed: string }
  | { readonly op: 'add' | 'del'; readonly text: string };

/** Past this many cells the LCS table is not worth it: show all typed as wrong, all expected as missing. */
const MAX_CELLS = 1_000_000;

/**
 * Character diff by longest common subsequence, ignoring case. `same` + `add` runs spell the
 * expected answer and `same` (its `typed`) + `del` runs the typed one, both trimmed. Within a changed stretch, `del` comes before `add`.
 */
export function diffChars(typed: string, expected: string): CharDiff[] {
  const x = [...typed.trim()];
  const y = [...expected.trim()];
  if (x.length * y.length > MAX_CELLS) {
    return merge([
      ...x.map((c) => ({ op: 'del' as const, text: c })),
      ...y.map((c) => ({ op: 'add' as const, text: c })),
    ]);
  }
  const eq = (i: number, j: number) => x[i]!.toLowerCase() === y[j]!.toLowerCase();
  // lcs[i][j]: length of the LCS of x[i..] and y[j..].
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () =>
    new Array<number>(y.length + 1).fill(0),
  );
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i]![j] = eq(i, j) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: CharDiff[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && eq(i, j)) {
      ops.push({ op: 'same', text: y[j]!, typed: x[i]! });
      i++;
      j++;
    } else if (j >= y.length || (i < x.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ op: 'del', text: x[i]! });
      i++;
    } else {
      ops.push({ op: 'add', text: y[j]! });
      j++;
    }
  }
  return merge(ops);
}

/** Join neighbouring runs of the same op. */
function merge(ops: readonly CharDiff[]): CharDiff[] {
  const out: CharDiff[] = [];
  for (const o of ops) {
    const last = out[out.length - 1];
    if (last?.op === 'same' && o.op === 'same') {
      out[out.length - 1] = { op: 'same', text: last.text + o.text, typed: last.typed + o.typed };
    } else if (last && last.op === o.op && o.op !== 'same') {
      out[out.length - 1] = { op: o.op, text: last.text + o.text };
    } else out.push(o);
  }
  return out;
}
