import { describe, expect, it } from 'vitest';
import { cannotMoveCursor, reportKnownSize, terminalSize } from '../../src/ui/terminal.js';

describe('terminal size', () => {
  it('reads 0 or nothing as 80×24, and a real size as it is', () => {
    expect(terminalSize({ columns: 0, rows: 0 })).toEqual({ columns: 80, rows: 24 });
    expect(terminalSize({})).toEqual({ columns: 80, rows: 24 });
    expect(terminalSize({ columns: 20, rows: 0 })).toEqual({ columns: 20, rows: 24 });
    expect(terminalSize({ columns: 132, rows: 50 })).toEqual({ columns: 132, rows: 50 });
  });

  it('makes a stream report 80×24 while it has no size, and its real size once resized', () => {
    const stream = { columns: 0, rows: 0 } as unknown as NodeJS.WriteStream;
    reportKnownSize(stream);
    expect([stream.columns, stream.rows]).toEqual([80, 24]);
    // What node's tty stream does on SIGWINCH.
    stream.columns = 40;
    stream.rows = 15;
    expect([stream.columns, stream.rows]).toEqual([40, 15]);
    stream.columns = 0;
    expect(stream.columns).toBe(80);
  });
});

describe('terminals that cannot show the screens', () => {
  it('are the dumb ones: TERM=dumb and its variants, not an unset TERM', () => {
    expect(cannotMoveCursor({ TERM: 'dumb' })).toBe(true);
    expect(cannotMoveCursor({ TERM: 'dumb-emacs-ansi' })).toBe(true);
    expect(cannotMoveCursor({ TERM: 'xterm-256color' })).toBe(false);
    expect(cannotMoveCursor({})).toBe(false);
  });
});
