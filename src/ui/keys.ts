/**
 * Keybindings are data: screens ask `matches('reveal', input, key)`, and the footer hints are
 * generated from the same table, so what the screen says is what the keys do.
 */
import type { Key } from 'ink';

export type Command =
  | 'up'
  | 'down'
  | 'open'
  | 'openAll'
  | 'reveal'
  | 'accept'
  | 'rate'
  | 'again'
  | 'hard'
  | 'good'
  | 'easy'
  | 'undo'
  | 'quit'
  | 'leave'
  | 'back'
  | 'submit'
  | 'cram'
  | 'stats'
  | 'test'
  | 'knew'
  | 'missed'
  | 'next'
  | 'skip'
  | 'handIn'
  | 'keepGoing'
  | 'flagMissed'
  | 'scroll'
  | 'endTest'
  | 'discard';

type Binding = { readonly keys: readonly string[]; readonly label: string; readonly hint: string };

export const bindings: Readonly<Record<Command, Binding>> = {
  up: { keys: ['up', 'k'], label: '↑↓', hint: 'select' },
  down: { keys: ['down', 'j'], label: '↓', hint: 'select' },
  open: { keys: ['return'], label: 'enter', hint: 'review deck' },
  openAll: { keys: ['a'], label: 'a', hint: 'review all' },
  reveal: { keys: ['space', 'return'], label: 'space', hint: 'show answer' },
  accept: { keys: ['space', 'return'], label: 'enter', hint: 'accept' },
  rate: { keys: ['1', '2', '3', '4'], label: '1–4', hint: 'rate' },
  again: { keys: ['1'], label: '1', hint: 'Again' },
  hard: { keys: ['2'], label: '2', hint: 'Hard' },
  good: { keys: ['3'], label: '3', hint: 'Good' },
  easy: { keys: ['4'], label: '4', hint: 'Easy' },
  undo: { keys: ['u'], label: 'u', hint: 'undo' },
  quit: { keys: ['q', 'escape'], label: 'q', hint: 'quit' },
  back: { keys: ['return'], label: 'enter', hint: 'back' },
  leave: { keys: ['escape'], label: 'esc', hint: 'quit' },
  submit: { keys: ['return'], label: 'enter', hint: 'submit' },
  cram: { keys: ['c'], label: 'c', hint: 'cram' },
  test: { keys: ['t'], label: 't', hint: 'mock test' },
  stats: { keys: ['s'], label: 's', hint: 'stats' },
  knew: { keys: ['y'], label: 'y', hint: 'knew it' },
  missed: { keys: ['n'], label: 'n', hint: 'missed it' },
  next: { keys: ['return', 'space'], label: 'enter', hint: 'next' },
  skip: { keys: ['tab'], label: 'tab', hint: 'skip' },
  handIn: { keys: ['y'], label: 'y', hint: 'hand in' },
  keepGoing: { keys: ['n'], label: 'n', hint: 'keep going' },
  flagMissed: { keys: ['r'], label: 'r', hint: 'send missed to review' },
  scroll: { keys: ['up', 'down', 'k', 'j'], label: '↑↓', hint: 'scroll' },
  endTest: { keys: ['escape'], label: 'esc', hint: 'end the test' },
  discard: { keys: ['escape', 'q'], label: 'esc', hint: 'leave without a result' },
};

/** The name of the key Ink reported: `return`, `escape`, `up`, … or the character itself. */
export function keyName(input: string, key: Key): string {
  if (key.return) return 'return';
  if (key.escape) return 'escape';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.backspace || key.delete) return 'backspace';
  if (key.tab) return 'tab';
  if (input === ' ') return 'space';
  return input;
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

export function matches(command: Command, input: string, key: Key): boolean {
  return bindings[command].keys.includes(keyName(input, key));
}

/** `space show answer · u undo · q quit` for the given commands. */
export function hints(commands: readonly Command[]): string {
  return commands.map((c) => `${bindings[c].label} ${bindings[c].hint}`).join(' · ');
}

/**
 * A key while an answer is typed: the text after it, and whether it submits. Text that arrives in
 * one chunk with its Enter (a paste, `tmux send-keys`, a fast typist) is typed, then submitted.
 */
export function typedKey(text: string, input: string, key: Key): { text: string; submit: boolean } {
  const name = keyName(input, key);
  if (name === 'return') return { text, submit: true };
  if (name === 'backspace') return { text: text.slice(0, -1), submit: false };
  if (key.ctrl || key.meta || input.length === 0 || name === 'escape')
    return { text, submit: false };
  const nl = input.search(/[\r\n]/);
  const typed = text + (nl >= 0 ? input.slice(0, nl) : input).replace(/[\x00-\x1f\x7f]/g, '');
  return { text: typed, submit: nl >= 0 };
}
