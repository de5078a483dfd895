import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import {
  type Binding,
  commandOf,
  heldKeys,
  helpRows,
  hints,
  keysLabel,
  type Mode,
  modes,
  modeTitles,
} from '../../src/ui/keys.js';

const readme = join(import.meta.dirname, '../../README.md');
const START = '<!-- keys: generated from src/ui/keys.ts by tests/ui/keys.test.ts -->';
const END = '<!-- keys end -->';

const noKey = {} as Key;
const allModes = Object.keys(modes) as Mode[];

/** The README's keys table, one row per mode, from the table itself. */
function keysTable(): string {
  const rows = allModes.map(
    (m) =>
      `| ${modeTitles[m]} | ${helpRows(m)
        .map((r) => `\`${r.keys}\` ${r.does}`)
        .join(' · ')} |`,
  );
  return [START, '', '| screen | keys |', '|---|---|', ...rows, '', END].join('\n');
}

describe('the keys table', () => {
  it.each(allModes)('gives every key of %s one command', (mode) => {
    const seen = new Map<string, string>();
    for (const b of modes[mode] as readonly Binding[]) {
      for (const k of b.keys) {
        expect(seen.get(k), `${mode}: ${k} is ${seen.get(k)} and ${b.command}`).toBeUndefined();
        seen.set(k, b.command);
      }
    }
  });

  it('has a `?` help in every mode but while text is being typed', () => {
    for (const mode of allModes) {
      const typing = mode.endsWith('.typing');
      expect(commandOf(mode, '?', noKey)?.command, mode).toBe(
        typing ? undefined : mode === 'help' ? 'closeHelp' : 'help',
      );
    }
  });

  it('derives labels from keys: runs of letters, arrows, ctrl', () => {
    expect(keysLabel(['a', 'b', 'c', 'd'])).toBe('a–d');
    expect(keysLabel(['up', 'k'])).toBe('↑/k');
    expect(keysLabel(['u', 'ctrl+z'])).toBe('u/ctrl-z');
    expect(hints('review.picking', { choices: 3, hide: ['submit'] })).toBe(
      'a–c pick · u undo · i info · tab skip · - bury · @ suspend · m mark · ↑↓ scroll · ? keys · q end',
    );
    expect(hints('home')).toBe(
      '↑↓ select · enter review deck · a review all · c cram · t mock test · s stats · b browse · ? keys · q quit',
    );
  });

  it('shortens a footer to the hints that fit: ? keys, the main key, the way out, the rest', () => {
    expect(hints('home', { width: 200 })).toBe(hints('home'));
    // Home's main key is the one that starts studying, not the arrows that move the selection.
    expect(hints('home', { width: 40 })).toBe('enter review deck · ? keys · q quit');
    expect(hints('home', { width: 30 })).toBe('enter review deck · ? keys');
    expect(hints('home', { width: 18 })).toBe('? keys · q quit');
    expect(hints('review.shown', { width: 30 })).toBe('space show answer · ? keys');
    expect(hints('review.shown', { width: 24 })).toBe('u undo · ? keys · q end');
    expect(hints('cram.revealed', { width: 18 })).toBe('y knew it · ? keys');
    // Narrower than `? keys` itself: cut, never wrapped.
    expect(hints('home', { width: 4 })).toBe('? k…');
  });

  it('says where q goes: a session ends (its summary), a last screen goes home or out', () => {
    expect(hints('review.shown')).toMatch(/ · q end$/);
    expect(hints('cram.shown')).toMatch(/ · q end$/);
    for (const mode of ['summary', 'cram.summary', 'quizResult', 'stats'] as const) {
      expect(hints(mode), mode).toMatch(/(^| · )q quit( · |$)/);
      expect(hints(mode, { fromHome: true }), mode).toMatch(/(^| · )q back( · |$)/);
      expect(hints(mode, { fromHome: true }), mode).not.toContain('quit');
      // Enter and q do the same there: one row in the help, not two.
      expect(
        helpRows(mode).filter((r) => r.does.startsWith('leave')),
        mode,
      ).toHaveLength(1);
    }
    expect(hints('home', { fromHome: true })).toMatch(/ · q quit$/);
  });

  it('matches the README', () => {
    const text = readFileSync(readme, 'utf8');
    const at = text.indexOf(START);
    const end = text.indexOf(END);
    const current = at >= 0 && end > at ? text.slice(at, end + END.length) : '';
    if (process.env.UPDATE_README && current !== '') {
      writeFileSync(readme, text.replace(current, keysTable()));
      return;
    }
    expect(current).toBe(keysTable());
  });
});

describe('keys held while the collection opens', () => {
  const plain = { return: false, tab: false, ctrl: false, meta: false, shift: false } as Key;
  const names = (input: string, key = plain) =>
    heldKeys(input, key).map(([k, parsed]) => commandOf('home', k, parsed)?.command ?? k);

  it('come one by one, Enter included, as the screens name them alone', () => {
    expect(names('jj\r')).toEqual(['down', 'down', 'open']);
    // A line feed alone is Enter too: Enter typed before the screens set the terminal raw comes
    // as one (the terminal's ICRNL), and Ctrl+J is Enter in readline.
    expect(names('\n')).toEqual(['open']);
    expect(names('a\nq')).toEqual(['openAll', 'open', 'quit']);
    const [[ctrl, key]] = heldKeys('\x03x', plain).slice(0, 1) as [[string, Key]];
    expect({ ctrl, isCtrl: key.ctrl }).toEqual({ ctrl: 'c', isCtrl: true });
    const [, [, del]] = heldKeys('x\x7f', plain) as [[string, Key], [string, Key]];
    expect(del.delete).toBe(true);
  });

  it('leave a single key, an arrow or a key with a modifier as Ink read it', () => {
    const up = { ...plain, upArrow: true };
    expect(heldKeys('', up)).toEqual([['', up]]);
    const meta = { ...plain, meta: true };
    expect(heldKeys('ab', meta)).toEqual([['ab', meta]]);
  });
});
