import { Box, type Key, Text, useApp, useInput, useStdin, useStdout } from 'ink';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { wrapText } from '../../text/width.js';
import {
  commandOf,
  heldKeys,
  helpRows,
  hints,
  keystrokes,
  type Matched,
  type Mode,
  modeTitles,
} from '../keys.js';
import { moreLine, moveOf, scrollWindow } from '../list-window.js';
import { terminalSize } from '../terminal.js';
import { theme } from '../theme.js';

/** A screen's key handler: the command the key is in the screen's mode (null: none). */
export type Handler = (matched: Matched | null, input: string, key: Key) => void;

type Screen = { readonly mode: () => Mode; readonly handler: Handler };

/** The help open over the screen: whose keys, scrolled to which line. */
type HelpAt = { readonly mode: Mode; readonly top: number };

const Router = createContext<{ current: Screen | null } | null>(null);

/**
 * One input subscription for the whole app, routed to the screen on show. Ink subscribes a
 * component's `useInput` in an effect, after its first frame is drawn: a key pressed in that gap
 * (the `q` right after a summary appears) reached nobody. The router is subscribed once, and a
 * screen takes over the keys while it renders, before its frame is on screen. `?` in any mode
 * opens the help of that mode, generated from the keys table, over the screen (which keeps its
 * state underneath).
 */
export function KeyRouter({
  children,
  hold = false,
}: {
  readonly children: ReactNode;
  /**
   * Keys wait, in order, while this is true (home drawn before the collection is open), and
   * are then taken one per frame, each by the screen the one before it left up.
   */
  readonly hold?: boolean;
}) {
  const { isRawModeSupported } = useStdin();
  const { exit } = useApp();
  const current = useRef<Screen | null>(null);
  const { stdout } = useStdout();
  const [help, setHelp] = useState<HelpAt | null>(null);
  const helpRef = useRef<HelpAt | null>(null);
  const showHelp = (next: HelpAt | null) => {
    helpRef.current = next;
    setHelp(next);
  };
  const size = terminalSize(stdout);
  const helpWindow = (h: HelpAt) => helpLayout(h.mode, size.columns, size.rows, h.top);
  const take = (input: string, key: Key) => {
    // Looked up per key: each reads the screen's latest state through its handler.
    for (const k of keystrokes(input, key)) {
      const screen = current.current;
      if (!screen) continue;
      const open = helpRef.current;
      if (open) {
        const command = commandOf('help', k, key)?.command;
        if (command === 'closeHelp') showHelp(null);
        else {
          const by = moveOf(command, helpWindow(open).shown);
          if (by !== undefined) {
            showHelp({ ...open, top: helpWindow({ ...open, top: open.top + by }).shown.start });
          }
        }
        continue;
      }
      const mode = screen.mode();
      const matched = commandOf(mode, k, key);
      if (matched?.command === 'help') showHelp({ mode, top: 0 });
      else screen.handler(matched, k, key);
    }
  };
  /** Keys read while held (and after, until the last of them is taken). */
  const held = useRef<[string, Key][]>([]);
  const [, taken] = useState(0);
  useEffect(() => {
    if (hold) return;
    const next = held.current.shift();
    if (!next) return;
    take(...next);
    // A frame between keys: the screen a key shows takes the key after it.
    taken((n) => n + 1);
  });
  /** Ctrl+C leaves at once, held keys or not. */
  const interrupt = (input: string, key: Key) => {
    if (!key.ctrl || input !== 'c') return false;
    // Every rating is already on disk; leave as an interrupted program does (128 + SIGINT).
    process.exitCode = 130;
    exit();
    return true;
  };
  useInput(
    (input, key) => {
      if (hold || held.current.length > 0) {
        for (const [k, parsed] of heldKeys(input, key)) {
          if (interrupt(k, parsed)) return;
          held.current.push([k, parsed]);
        }
        if (!hold) taken((n) => n + 1);
        return;
      }
      if (!interrupt(input, key)) take(input, key);
    },
    {
      // A pipe is not a keyboard: Ink cannot read keys from it (and would throw).
      isActive: Boolean(isRawModeSupported),
    },
  );
  return (
    <Router.Provider value={current}>
      <Box display={help ? 'none' : 'flex'} flexDirection="column">
        {children}
      </Box>
      {help && <HelpOverlay {...helpWindow(help)} />}
    </Router.Provider>
  );
}

type HelpLayout = {
  readonly mode: Mode;
  /** The help's lines: each key's description wrapped beside it. */
  readonly lines: readonly { readonly keys: string; readonly does: string }[];
  readonly shown: ReturnType<typeof scrollWindow>;
  /** Columns it is laid out in. */
  readonly width: number;
};

/**
 * The help of `mode` fitted to the terminal: descriptions wrapped beside their keys, and when
 * the lines outnumber the rows (home's at 15 rows), a window over them that ↑↓ scroll.
 */
export function helpLayout(mode: Mode, columns: number, rows: number, top: number): HelpLayout {
  const all = helpRows(mode);
  const w = Math.max(...all.map((r) => r.keys.length));
  // Padding, the keys and a space: what is left of the line holds the description.
  const line = Math.min(columns, 120);
  const room = Math.max(8, line - 2 - w - 1);
  const lines = all.flatMap((r) =>
    wrapText(r.does, room).map((does, i) => ({
      keys: i === 0 ? r.keys.padEnd(w) : ' '.repeat(w),
      does,
    })),
  );
  // Title, the margins around the lines, the footer, and a row spare.
  return { mode, lines, shown: scrollWindow(lines.length, rows - 5, top), width: line };
}

/** Every key of one mode, from the keys table. */
export function HelpOverlay({ mode, lines, shown, width }: HelpLayout) {
  const scrolls = shown.above + shown.below > 0;
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold color={theme.accent} wrap="truncate-end">
        Keys · {modeTitles[mode]}
      </Text>
      <Box flexDirection="column" marginY={1}>
        {shown.above > 0 && <Text color={theme.muted}>{moreLine('above', shown.above)}</Text>}
        {lines.slice(shown.start, shown.end).map((l, i) => (
          <Text key={shown.start + i}>
            <Text bold>{l.keys}</Text> {l.does}
          </Text>
        ))}
        {shown.below > 0 && <Text color={theme.muted}>{moreLine('below', shown.below)}</Text>}
      </Box>
      <Text color={theme.muted} wrap="truncate-end">
        {hints('help', { hide: scrolls ? [] : ['up'], width: width - 2 })}
      </Text>
    </Box>
  );
}

/**
 * This screen's keys in `mode` (read per key, so a second key in one read sees the first's
 * effect): through the app's router, or on its own when rendered alone (tests).
 */
export function useKeys(mode: () => Mode, handler: Handler): void {
  const router = useContext(Router);
  const { isRawModeSupported } = useStdin();
  if (router) router.current = { mode, handler };
  useInput(
    (input, key) => {
      for (const k of keystrokes(input, key)) handler(commandOf(mode(), k, key), k, key);
    },
    { isActive: router === null && Boolean(isRawModeSupported) },
  );
}
