/**
 * Typed answers: how an answer is normalised before comparing, when a wrong answer is only a
 * typo ("close"), and the character diff shown after it. Review, cram and quiz all check typed
 * answers through here (via core/grading.ts for the rating they propose).
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

/** Trim, drop surrounding backticks or quotes, collapse inner spaces, ignore case. */
export function normalizeAnswer(s: string): string {
  let t = s.normalize('NFC').trim();
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const [open, close] of PAIRS) {
      if (t.length >= open.length + close.length && t.startsWith(open) && t.endsWith(close)) {
        t = t.slice(open.length, t.length - close.length).trim();
        stripped = true;
      }
    }
  }
  return collapseWhitespace(t).toLowerCase();
}

export type TypedCheck = {
  /** Equal to an accepted answer once both are normalised. */
  readonly correct: boolean;
  /** Wrong, but within a typo of an accepted answer (see `isClose`). */
  readonly close: boolean;
  /** The accepted answer matched, or else the nearest one (as written in the deck). */
  readonly best: string;
};

export function checkTyped(input: string, accepted: readonly string[]): TypedCheck {
  const typed = normalizeAnswer(input);
  let best: { text: string; distance: number } | null = null;
  for (const a of accepted) {
    const norm = normalizeAnswer(a);
    if (norm === typed) return { correct: true, close: false, best: a };
    const distance = editDistance(typed, norm);
    if (best === null || distance < best.distance) best = { text: a, distance };
  }
  if (best === null) return { correct: false, close: false, best: '' };
  return {
    correct: false,
    close: isClose(typed, normalizeAnswer(best.text), best.distance),
    best: best.text,
  };
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
