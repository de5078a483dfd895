import { Box, type Key, Text, useApp, useInput, useStdin } from 'ink';
import { createContext, type ReactNode, useContext, useRef, useState } from 'react';
import {
  commandOf,
  helpRows,
  hints,
  keystrokes,
  type Matched,
  type Mode,
  modeTitles,
} from '../keys.js';
import { theme } from '../theme.js';

/** A screen's key handler: the command the key is in the screen's mode (null: none). */
export type Handler = (matched: Matched | null, input: string, key: Key) => void;

type Screen = { readonly mode: () => Mode; readonly handler: Handler };

const Router = createContext<{ current: Screen | null } | null>(null);

/**
 * One input subscription for the whole app, routed to the screen on show. Ink subscribes a
 * component's `useInput` in an effect, after its first frame is drawn: a key pressed in that gap
 * (the `q` right after a summary appears) reached nobody. The router is subscribed once, and a
 * screen takes over the keys while it renders, before its frame is on screen. `?` in any mode
 * opens the help of that mode, generated from the keys table, over the screen (which keeps its
 * state underneath).
 */
export function KeyRouter({ children }: { readonly children: ReactNode }) {
  const { isRawModeSupported } = useStdin();
  const { exit } = useApp();
  const current = useRef<Screen | null>(null);
  const [help, setHelp] = useState<Mode | null>(null);
  const helpRef = useRef<Mode | null>(null);
  const showHelp = (mode: Mode | null) => {
    helpRef.current = mode;
    setHelp(mode);
  };
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') {
        // Every rating is already on disk; leave as an interrupted program does (128 + SIGINT).
        process.exitCode = 130;
        exit();
        return;
      }
      // Looked up per key: each reads the screen's latest state through its handler.
      for (const k of keystrokes(input, key)) {
        const screen = current.current;
        if (!screen) continue;
        if (helpRef.current) {
          if (commandOf('help', k, key)) showHelp(null);
          continue;
        }
        const mode = screen.mode();
        const matched = commandOf(mode, k, key);
        if (matched?.command === 'help') showHelp(mode);
        else screen.handler(matched, k, key);
      }
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
      {help && <HelpOverlay mode={help} />}
    </Router.Provider>
  );
}

/** Every key of one mode, from the keys table. */
export function HelpOverlay({ mode }: { readonly mode: Mode }) {
  const rows = helpRows(mode);
  const w = Math.max(...rows.map((r) => r.keys.length));
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold color={theme.accent}>
        Keys · {modeTitles[mode]}
      </Text>
      <Box flexDirection="column" marginY={1}>
        {rows.map((r) => (
          <Text key={r.keys}>
            <Text bold>{r.keys.padEnd(w)}</Text> {r.does}
          </Text>
        ))}
      </Box>
      <Text color={theme.muted}>{hints('help')}</Text>
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
