/**
 * Keybindings are data: every key a screen reacts to is in this table, per mode (a screen in a
 * given state), with what it does. Screens ask `commandOf(mode, input, key)`; footers, the `?`
 * help and the README's keys table are generated from the same rows, so what the screen says is
 * what the keys do. Labels come from the keys, never typed beside them.
 */
import type { Key } from 'ink';
import { MAX_CHOICES } from '../core/card.js';
import { MARKS } from '../core/model.js';
import { displayWidth, truncate } from '../text/width.js';

export type Command =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'first'
  | 'last'
  | 'open'
  | 'openAll'
  | 'cram'
  | 'test'
  | 'stats'
  | 'reveal'
  | 'pick'
  | 'submit'
  | 'accept'
  | 'again'
  | 'hard'
  | 'good'
  | 'easy'
  | 'knew'
  | 'missed'
  | 'undo'
  | 'skip'
  | 'bury'
  | 'buryNote'
  | 'suspend'
  | 'mark'
  | 'markAs'
  | 'unmark'
  | 'cancel'
  | 'info'
  | 'edit'
  | 'next'
  | 'previous'
  | 'flag'
  | 'list'
  | 'back'
  | 'handIn'
  | 'keepGoing'
  | 'discard'
  | 'endTest'
  | 'flagMissed'
  | 'erase'
  | 'browse'
  | 'search'
  | 'sort'
  | 'choose'
  | 'suspend'
  | 'bury'
  | 'mark'
  | 'forget'
  | 'setDue'
  | 'edit'
  | 'info'
  | 'confirm'
  | 'cancel'
  | 'help'
  | 'closeHelp'
  | 'quit';

/**
 * A key as Ink reports it: `return`, `escape`, `space`, `tab`, `up`, `down`, `pageup`,
 * `pagedown`, `home`, `end`, `backspace`, a character, or `ctrl+` a character.
 */
export type KeySpec = string;

export type Binding = {
  readonly command: Command;
  readonly keys: readonly KeySpec[];
  /** What it does, for the `?` help and the README. */
  readonly description: string;
  /** The footer's word for it; without one it is only in the help. */
  readonly hint?: string;
  /** The footer's word when the screen was opened from home and leaving goes back there. */
  readonly hintFromHome?: string;
};

/** One key per choice, in the order shown: `a`–`h`. */
export const choiceKeys: readonly string[] = [...'abcdefghijklmnopqrstuvwxyz'].slice(
  0,
  MAX_CHOICES,
);

const bind = (
  command: Command,
  keys: readonly KeySpec[],
  description: string,
  hint?: string,
): Binding =>
  hint === undefined ? { command, keys, description } : { command, keys, description, hint };

const help = bind('help', ['?'], 'show every key of this screen', 'keys');
const up = bind('up', ['up', 'k'], 'move up', 'select');
const down = bind('down', ['down', 'j'], 'move down');
/** Long lists (home over thousands of decks): a screenful at a time, or straight to an end. */
const paging = [
  bind('pageUp', ['pageup'], 'a page up'),
  bind('pageDown', ['pagedown'], 'a page down'),
  bind('first', ['home'], 'to the top of the list'),
  bind('last', ['end'], 'to the end of the list'),
];
/**
 * A card taller than the rows it has (a short terminal, a long answer): the arrows scroll it.
 * Not j/k, which a typed answer needs, and shown in the footer only when the card is cut.
 */
const cardScrolling = [
  bind('up', ['up'], 'scroll the card up, when it is cut', 'scroll'),
  bind('down', ['down'], 'scroll the card down'),
  bind('pageUp', ['pageup'], 'scroll the card a page up'),
  bind('pageDown', ['pagedown'], 'scroll the card a page down'),
];
/** A view taller than the terminal (the help, the summary's exam lines): scrolled, not selected. */
const scrolling = [
  bind('up', ['up', 'k'], 'scroll up', 'scroll'),
  bind('down', ['down', 'j'], 'scroll down'),
  bind('pageUp', ['pageup'], 'a page up'),
  bind('pageDown', ['pagedown'], 'a page down'),
  bind('first', ['home'], 'to the top'),
  bind('last', ['end'], 'to the end'),
];
const quit = bind('quit', ['q', 'escape'], 'quit', 'quit');
/** A session ends on its summary, not out of recall: the footer says `end`, not `quit`. */
const endSession = bind('quit', ['q', 'escape'], 'end the session', 'end');
/** While typing, letters are text: only keys that cannot be typed are commands. */
const leave = bind('quit', ['escape'], 'end the session', 'end');
/**
 * A last screen (a summary, a result, stats) goes back home when home opened it, else out of
 * recall: one binding, whose footer word says which.
 */
const leaveScreen = (keys: readonly KeySpec[]): Binding => ({
  ...bind('back', keys, 'leave (back home, or out of recall)', 'quit'),
  hintFromHome: 'back',
});
const undo = bind('undo', ['u', 'ctrl+z'], 'undo the last rating', 'undo');
const undoTyping = bind('undo', ['ctrl+z'], 'undo the last rating', 'undo');
const undoCram = bind(
  'undo',
  ['u', 'ctrl+z'],
  'undo the last answer, skip, bury, suspend or mark',
  'undo',
);
const undoCramTyping = bind(
  'undo',
  ['ctrl+z'],
  'undo the last answer, skip, bury, suspend or mark',
  'undo',
);
const reveal = bind('reveal', ['space', 'return'], 'show the answer', 'show answer');
const pick = bind('pick', choiceKeys, 'pick a choice (several right answers: toggle)', 'pick');
const submitPicks = bind('submit', ['return'], 'hand in the picked choices', 'submit');
const submitTyped = bind('submit', ['return'], 'check the typed answer', 'submit');
const skip = bind('skip', ['tab'], 'put the card last, unanswered', 'skip');
/**
 * The card on screen, besides answering it: Anki's keys (`-` bury, `=` bury the note, `@`
 * suspend, `i` info, `e` edit), `m` for a mark (Anki's flags are Ctrl-1…4, which terminals do
 * not send).
 */
const info = bind('info', ['i'], "the card's file, schedule and every rating it got", 'info');
const edit = bind('edit', ['e'], 'edit the card in $VISUAL or $EDITOR (vi)', 'edit');
const cardKeys = (withEdit: boolean): readonly Binding[] => [
  info,
  ...(withEdit ? [edit] : []),
  skip,
  bind('bury', ['-'], 'bury the card until the next study day', 'bury'),
  bind('buryNote', ['='], 'bury the card and the rest of its note until the next study day'),
  bind('suspend', ['@'], 'suspend the card: out of every queue until undone', 'suspend'),
  bind('mark', ['m'], `mark the card (${MARKS.join(', ')}) to find it by later`, 'mark'),
];
/** After `m`: the next key picks the mark. */
const marking = [
  bind(
    'markAs',
    MARKS.map((m) => m[0]!),
    `mark the card ${MARKS.join(', ')} (the first letter)`,
    'mark',
  ),
  bind('unmark', ['x'], "clear the card's mark", 'clear'),
  help,
  bind('cancel', ['escape', 'q'], 'back to the card, unmarked', 'back'),
];
const ratings = [
  bind('again', ['1'], 'Again: forgotten'),
  bind('hard', ['2'], 'Hard: recalled with effort'),
  bind('good', ['3'], 'Good: recalled'),
  bind('easy', ['4'], 'Easy: recalled at once'),
];
const back = leaveScreen(['q', 'escape', 'return']);

const erase = bind('erase', ['backspace'], 'delete the last character typed');

/**
 * Typing an answer: every other key is text, so undo is Ctrl-Z. `u` stays text even on an empty
 * input: answers start with it (`uno`, `update`), and undoing mid-answer would jump to the
 * previous card. On an empty input `?` is still the help (no answer starts with it).
 */
const typing = (end: Binding, extra: readonly Binding[] = []) => [
  submitTyped,
  erase,
  ...extra,
  end,
];
const typingEmpty = (end: Binding, undoKeys: Binding | null, extra: readonly Binding[] = []) => [
  submitTyped,
  erase,
  ...extra,
  ...(undoKeys ? [undoKeys] : []),
  help,
  end,
];

/** Answering a mock test's question: confirmed with Enter, changeable until handed in. */
const confirmQuiz = bind(
  'submit',
  ['return'],
  'confirm the choice (it can be changed until the test is handed in)',
  'confirm',
);
/** Between a mock test's questions: what is not confirmed stays blank. */
const quizMoves = (flagKeys: readonly KeySpec[]): readonly Binding[] => [
  bind('previous', ['left'], 'the previous question', 'question'),
  bind('next', ['right'], 'the next question'),
  bind('flag', flagKeys, 'flag the question to come back to (again: unflag)', 'flag'),
  bind('list', ['tab'], 'the question list: answered, flagged, blank', 'list'),
];
const handInQuiz = (keys: readonly KeySpec[]) =>
  bind('endTest', keys, 'hand in the test (asks first)', 'hand in');

export const modes = {
  home: [
    up,
    down,
    ...paging,
    bind('open', ['return'], 'review the selected deck', 'review deck'),
    bind('openAll', ['a'], 'review all decks', 'review all'),
    bind('cram', ['c'], 'cram the selected deck', 'cram'),
    bind('test', ['t'], 'a 20-question mock test of the selected deck', 'mock test'),
    bind('stats', ['s'], 'stats of the selected deck', 'stats'),
    bind('browse', ['b'], 'browse and search every card', 'browse'),
    help,
    quit,
  ],
  'review.shown': [reveal, undo, ...cardKeys(true), ...cardScrolling, help, endSession],
  // `e` picks a choice here: a choice card is edited once its answer is shown.
  'review.picking': [
    pick,
    submitPicks,
    undo,
    ...cardKeys(false),
    ...cardScrolling,
    help,
    endSession,
  ],
  'review.typing': typing(leave, [skip, undoTyping]),
  'review.typingEmpty': typingEmpty(leave, undoTyping, [skip]),
  'review.revealed': [
    ...ratings,
    bind(
      'accept',
      ['space', 'return'],
      'accept the proposed rating (Good on a card you grade yourself)',
      'accept',
    ),
    undo,
    ...cardKeys(true),
    ...cardScrolling,
    help,
    endSession,
  ],
  'review.mark': marking,
  summary: [
    back,
    bind('undo', ['u'], 'undo the last rating and go back to that card', 'undo'),
    ...scrolling,
    help,
  ],
  'cram.shown': [reveal, undoCram, ...cardKeys(true), ...cardScrolling, help, endSession],
  // As in review, `e` picks a choice here.
  'cram.picking': [
    pick,
    submitPicks,
    undoCram,
    ...cardKeys(false),
    ...cardScrolling,
    help,
    endSession,
  ],
  'cram.typing': typing(leave, [skip, undoCramTyping]),
  'cram.typingEmpty': typingEmpty(leave, undoCramTyping, [skip]),
  'cram.revealed': [
    bind('knew', ['y'], 'knew it', 'knew it'),
    bind('missed', ['n'], 'missed it', 'missed it'),
    undoCram,
    ...cardKeys(true),
    ...cardScrolling,
    help,
    endSession,
  ],
  'cram.rescheduling': [
    ...ratings,
    undoCram,
    ...cardKeys(true),
    ...cardScrolling,
    help,
    endSession,
  ],
  // The answer is recorded and the session has moved on: only looking at the card is left.
  'cram.checked': [
    bind('next', ['return', 'space'], 'next card', 'next'),
    undoCram,
    info,
    ...cardScrolling,
    help,
    endSession,
  ],
  'cram.mark': marking,
  'cram.summary': [back, undoCram, help],
  'quiz.picking': [
    bind(
      'pick',
      choiceKeys,
      'choose (another letter changes it; several right answers: toggle)',
      'choose',
    ),
    confirmQuiz,
    ...quizMoves(['m', 'ctrl+f']),
    ...cardScrolling,
    help,
    handInQuiz(['escape', 'q']),
  ],
  'quiz.typing': [
    bind('submit', ['return'], 'confirm the typed answer', 'confirm'),
    erase,
    ...quizMoves(['ctrl+f']),
    handInQuiz(['escape']),
  ],
  'quiz.typingEmpty': [
    bind('submit', ['return'], 'confirm the typed answer', 'confirm'),
    erase,
    ...quizMoves(['ctrl+f']),
    help,
    handInQuiz(['escape']),
  ],
  'quiz.list': [
    up,
    down,
    bind('open', ['return'], 'go to the selected question', 'go to'),
    help,
    bind('cancel', ['tab', 'escape', 'q', 'l'], 'back to the question', 'back'),
  ],
  'quiz.confirm': [
    bind('handIn', ['y'], 'hand in now: blank questions count as wrong', 'hand in'),
    // Esc cancels the question, as everywhere: Esc twice must not throw a test's answers away.
    bind('keepGoing', ['n', 'escape'], 'back to the test', 'keep going'),
    bind(
      'discard',
      ['x'],
      'leave without a result: the answers are not kept',
      'leave without a result',
    ),
    help,
  ],
  quizResult: [
    bind('flagMissed', ['r'], 'send the missed cards to the next review', 'send missed to review'),
    bind('pageUp', ['pageup'], 'the previous page of missed questions', 'page'),
    bind('pageDown', ['pagedown', 'space'], 'the next page of missed questions'),
    bind('up', ['up', 'k'], 'one missed question up'),
    bind('down', ['down', 'j'], 'one missed question down'),
    bind('first', ['home'], 'the first missed question'),
    bind('last', ['end'], 'the last page'),
    back,
    help,
  ],
  stats: [
    bind('up', ['up', 'k'], 'scroll up', 'scroll'),
    bind('down', ['down', 'j'], 'scroll down'),
    bind('pageUp', ['pageup'], 'a page up'),
    bind('pageDown', ['pagedown', 'space'], 'a page down'),
    bind('first', ['home'], 'to the top'),
    bind('last', ['end'], 'to the end'),
    help,
    leaveScreen(['q', 'escape']),
  ],
  cardInfo: [
    bind('cancel', ['escape', 'q', 'i', 'return'], 'back to the card', 'back'),
    bind('edit', ['e'], 'open the card in $VISUAL or $EDITOR at its line', 'edit'),
    ...scrolling,
    help,
  ],
  browse: [
    bind('search', ['/'], 'type a search (docs/search.md)', 'search'),
    up,
    down,
    ...paging,
    bind(
      'choose',
      ['space'],
      'choose the card, or unchoose it (actions take every chosen card)',
      'choose',
    ),
    bind('suspend', ['s'], 'suspend (unsuspend when every card is suspended)', 'suspend'),
    bind('bury', ['b'], 'bury until the next study day (unbury when every card is buried)', 'bury'),
    bind('mark', ['m'], 'mark with a word to find the cards by (mark:word)', 'mark'),
    bind('forget', ['f'], 'forget: back to new (asks first)', 'forget'),
    bind(
      'setDue',
      ['d'],
      'set the due date: 0 today, 3, 1-7 at random, ! sets the interval too',
      'due',
    ),
    bind('edit', ['e'], 'open the card in $VISUAL or $EDITOR at its line', 'edit'),
    bind('info', ['i', 'return'], "the card's fields and state", 'info'),
    bind('sort', ['o'], 'sort by the next column: due, recall, lapses, difficulty, last', 'sort'),
    bind('undo', ['u'], 'undo the last suspend, bury, mark, forget or due date', 'undo'),
    help,
    {
      ...bind('quit', ['q', 'escape'], 'leave (back home, or out of recall)', 'quit'),
      hintFromHome: 'back',
    },
  ],
  'browse.query.typing': [
    bind('submit', ['return'], 'to the cards found', 'to the cards'),
    erase,
    bind('cancel', ['escape'], 'back to the cards, the search as typed', 'back'),
  ],
  'browse.mark.typing': [
    bind('submit', ['return'], 'mark the cards (nothing typed: clear their mark)', 'mark'),
    erase,
    bind('cancel', ['escape'], 'leave the cards as they are', 'cancel'),
  ],
  'browse.due.typing': [
    bind('submit', ['return'], 'set the due date of the cards', 'set'),
    erase,
    bind('cancel', ['escape'], 'leave the cards as they are', 'cancel'),
  ],
  'browse.forget': [
    bind('confirm', ['y'], 'forget: back to new (the review history stays in the log)', 'forget'),
    bind('cancel', ['n', 'escape', 'q'], 'keep the cards as they are', 'keep'),
    help,
  ],
  help: [
    bind('closeHelp', ['?', 'escape', 'q', 'return', 'space'], 'close this help', 'close'),
    ...scrolling,
  ],
} as const satisfies Record<string, readonly Binding[]>;

export type Mode = keyof typeof modes;

/** What each mode is, as the help's title and the README's keys table say it. */
export const modeTitles: Readonly<Record<Mode, string>> = {
  home: 'home',
  'review.shown': 'review, question',
  'review.picking': 'review, choice question',
  'review.typing': 'review, typing an answer',
  'review.typingEmpty': 'review, typed answer, input empty',
  'review.revealed': 'review, answer shown',
  'review.mark': 'review, marking the card',
  summary: 'review summary',
  'cram.shown': 'cram, question',
  'cram.picking': 'cram, choice question',
  'cram.typing': 'cram, typing an answer',
  'cram.typingEmpty': 'cram, typed answer, input empty',
  'cram.revealed': 'cram, answer shown',
  'cram.rescheduling': 'cram --reschedule, answer shown',
  'cram.checked': 'cram, answer checked',
  'cram.mark': 'cram, marking the card',
  'cram.summary': 'cram summary',
  'quiz.picking': 'mock test, choice question',
  'quiz.typing': 'mock test, typing an answer',
  'quiz.typingEmpty': 'mock test, typed answer, input empty',
  'quiz.list': 'mock test, question list',
  'quiz.confirm': 'mock test, "hand in?"',
  quizResult: 'mock test result',
  stats: 'stats',
  cardInfo: 'card info',
  browse: 'browse',
  'browse.query.typing': 'browse, typing a search',
  'browse.mark.typing': 'browse, typing a mark',
  'browse.due.typing': 'browse, typing a due date',
  'browse.forget': 'browse, "forget?"',
  help: 'this help',
};

/** The name of the key Ink reported, as the table spells keys. */
export function keyName(input: string, key: Key): KeySpec {
  // A line feed alone is Enter: one typed before the screens made the terminal raw reaches them
  // as `\n` (the terminal's ICRNL), and Ink names only `\r` return. Ctrl+J is Enter in readline.
  if (key.return || (input === '\n' && !key.ctrl && !key.meta)) return 'return';
  if (key.escape) return 'escape';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.backspace || key.delete) return 'backspace';
  if (key.tab) return 'tab';
  if (key.ctrl) return `ctrl+${input}`;
  if (input === ' ') return 'space';
  return input;
}

export type Matched = {
  readonly command: Command;
  /** Which of the binding's keys it was: the choice position for `pick`. */
  readonly index: number;
};

/** The command `input` is in `mode`, or null when the mode has no such key. */
export function commandOf(mode: Mode, input: string, key: Key): Matched | null {
  const name = keyName(input, key);
  for (const b of modes[mode] as readonly Binding[]) {
    const index = b.keys.indexOf(name);
    if (index >= 0) return { command: b.command, index };
  }
  return null;
}

const KEY_LABELS: Readonly<Record<string, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  return: 'enter',
  escape: 'esc',
  space: 'space',
  tab: 'tab',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  backspace: 'backspace',
};

/** `enter`, `ctrl-z`, `a`: how one key is written on screen. */
export function keyLabel(k: KeySpec): string {
  if (k.startsWith('ctrl+')) return `ctrl-${k.slice(5)}`;
  return KEY_LABELS[k] ?? k;
}

/** A run of three or more letters in a row reads `a–h`; other keys are listed with `/`. */
export function keysLabel(keys: readonly KeySpec[]): string {
  const run =
    keys.length >= 3 &&
    keys.every((k, i) => k.length === 1 && k.charCodeAt(0) === keys[0]!.charCodeAt(0) + i);
  return run ? `${keys[0]}–${keys.at(-1)}` : keys.map(keyLabel).join('/');
}

export type HintOptions = {
  /** Commands of the mode left out of the footer (e.g. `accept` with nothing proposed). */
  readonly hide?: readonly Command[];
  /** The footer's word for a command, when it depends on the card (`space Good`). */
  readonly say?: Partial<Record<Command, string>>;
  /** Choice questions: how many choices there are (`a–d`), and whether picks toggle. */
  readonly choices?: number;
  readonly multi?: boolean;
  /**
   * Columns the footer may take: on a narrow terminal it keeps `? keys` (which lists the rest)
   * and the hints that fit, the main key and the way out first; none is cut or wrapped.
   */
  readonly width?: number;
  /** The screen was opened from home: leaving it goes back there (`q back`, not `q quit`). */
  readonly fromHome?: boolean;
  /** Hints a narrow footer keeps right after the main key: what the screen needs now (`↑↓ scroll` on a card cut to fit). */
  readonly urgent?: readonly Command[];
  /**
   * Too wide for `width`: every hint kept, on as many lines as it takes, each hint whole on one
   * (the mock test, whose keys are all needed to find one's way about).
   */
  readonly wrap?: boolean;
  /** With `wrap`: text before the first hint (`type the answer`), as one more item. */
  readonly lead?: string;
};

const HINT_GAP = ' · ';
/** A command whose footer hint names its partner's key too (the partner has no hint). */
const PAIRS: Partial<Record<Command, Command>> = {
  up: 'down',
  previous: 'next',
  pageUp: 'pageDown',
};
/** Moving about a screen: never its main key. */
const MOVING: readonly Command[] = ['up', 'down', 'pageUp', 'pageDown', 'first', 'last'];
/** The way out of a screen: the hint a narrow footer keeps after `? keys` and the main key. */
const LEAVING: readonly Command[] = ['quit', 'endTest', 'back', 'cancel'];

/** The footer of `mode`: `space show answer · u undo · ? keys · q quit`. */
export function hints(mode: Mode, opts: HintOptions = {}): string {
  const rows = modes[mode] as readonly Binding[];
  const has = (c: Command) => rows.some((b) => b.command === c);
  const shown = rows.filter((b) => b.hint !== undefined && !opts.hide?.includes(b.command));
  const items = shown.map((b) => {
    if (b.command === 'markAs') return `${keysLabel(b.keys)} ${b.hint}`;
    if (b.command === 'pick') {
      const keys = b.keys.slice(0, opts.choices ?? b.keys.length);
      return `${keysLabel(keys)} ${opts.multi ? 'toggle' : b.hint}`;
    }
    // ↑↓ select, ←→ question, PgUp/PgDn page: the pair reads as one.
    const partner = PAIRS[b.command];
    if (partner && has(partner)) {
      const d = rows.find((x) => x.command === partner)!;
      const sep = keyLabel(b.keys[0]!).length > 1 ? '/' : '';
      return `${keyLabel(b.keys[0]!)}${sep}${keyLabel(d.keys[0]!)} ${b.hint}`;
    }
    return `${keyLabel(b.keys[0]!)} ${opts.say?.[b.command] ?? ((opts.fromHome && b.hintFromHome) || b.hint)}`;
  });
  const width = opts.width;
  if (opts.wrap && width !== undefined) {
    return wrapItems(opts.lead === undefined ? items : [opts.lead, ...items], width);
  }
  const all = items.join(HINT_GAP);
  if (width === undefined || displayWidth(all) <= width) return all;
  // `? keys` always (it lists the rest), then the screen's main key (the table's first that is
  // not moving about: home's is `⏎ review deck`, not `↑↓ select`), what is urgent, the way out,
  // and the others in the table's order while they fit; shown in the table's order.
  const at = (is: (b: Binding) => boolean) => shown.flatMap((b, i) => (is(b) ? [i] : []));
  const kept = new Set(at((b) => b.command === 'help'));
  const joined = (with_: ReadonlySet<number>) =>
    items.filter((_, i) => with_.has(i)).join(HINT_GAP);
  const leaving = at((b) => LEAVING.includes(b.command));
  const main = at((b) => !MOVING.includes(b.command)).slice(0, 1);
  const urgent = at((b) => opts.urgent?.includes(b.command) === true);
  for (const i of [...main, ...urgent, ...leaving, ...items.keys()]) {
    if (!kept.has(i) && displayWidth(joined(new Set([...kept, i]))) <= width) kept.add(i);
  }
  return truncate(joined(kept), width);
}

/** Items joined with ` · ` on lines of at most `width` columns; an item is never split. */
function wrapItems(items: readonly string[], width: number): string {
  const lines: string[] = [];
  for (const item of items) {
    const last = lines.at(-1);
    if (last !== undefined && displayWidth(last + HINT_GAP + item) <= width) {
      lines[lines.length - 1] = last + HINT_GAP + item;
    } else lines.push(truncate(item, width));
  }
  return lines.join('\n');
}

/** Every key of `mode` with what it does: the `?` help and the README's table. */
export function helpRows(mode: Mode): readonly { readonly keys: string; readonly does: string }[] {
  return (modes[mode] as readonly Binding[]).map((b) => ({
    keys: keysLabel(b.keys),
    does: b.description,
  }));
}

/**
 * The keys in one input event. Ink hands over a run of plain characters read at once as one
 * string: `3q` when a rating and a quit are typed within one read (a busy moment, a fast typist,
 * tmux send-keys). A run of printable characters is split into its keys; anything holding a
 * control character (a paste ending in Enter) stays whole, as typed answers expect it.
 */
export function keystrokes(input: string, key: Key): readonly string[] {
  if (input.length < 2 || key.ctrl || key.meta || /[\x00-\x1f\x7f]/.test(input)) return [input];
  return [...input];
}

/**
 * The keys of one read made while no screen took keys yet (home drawn before the collection
 * was open), one by one: there a run of keys typed during the open arrives as one read, Enter
 * and all (`\r 4`: open the deck, show the answer, rate), and no typed answer was on screen to
 * take it whole. Each character becomes the key Ink makes of it alone; a `\n` in it is Enter (typed
 * before the terminal was raw). Anything else (an arrow, a key with a modifier) is one key.
 */
export function heldKeys(input: string, key: Key): [string, Key][] {
  const chars = [...input];
  if (chars.length < 2 || key.ctrl || key.meta) return [[input, key]];
  const none = Object.fromEntries(
    Object.entries(key).map(([k, v]) => [k, typeof v === 'boolean' ? false : v]),
  ) as Key;
  return chars.map((ch): [string, Key] => {
    const code = ch.codePointAt(0)!;
    if (ch === '\r' || ch === '\n') return ['', { ...none, return: true }];
    if (ch === '\t') return ['', { ...none, tab: true }];
    if (ch === '\b') return ['', { ...none, backspace: true }];
    if (ch === '\x7f') return ['', { ...none, delete: true }];
    if (code < 0x20) return [String.fromCharCode(code + 96), { ...none, ctrl: true }];
    return [ch, { ...none, shift: /[A-Z]/.test(ch) }];
  });
}

/**
 * A key while an answer is typed that no command of the mode took (Enter and Backspace are
 * commands): the text after it, and whether it submits. Text that arrives in
 * one chunk with its Enter (a paste, `tmux send-keys`, a fast typist) is typed, then submitted.
 */
export function typedKey(text: string, input: string, key: Key): { text: string; submit: boolean } {
  const name = keyName(input, key);
  if (key.ctrl || key.meta || input.length === 0 || name === 'escape' || name === 'tab')
    return { text, submit: false };
  const nl = input.search(/[\r\n]/);
  const typed = text + (nl >= 0 ? input.slice(0, nl) : input).replace(/[\x00-\x1f\x7f]/g, '');
  return { text: typed, submit: nl >= 0 };
}
