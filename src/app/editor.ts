/** Opening a card's deck file in the user's editor, at the card's line. */
import { spawnSync } from 'node:child_process';
import type { SourcePos } from '../core/card.js';

/**
 * Runs `$VISUAL`, else `$EDITOR`, else `vi` on the file at `pos`, and waits for it. The
 * variable may hold arguments (`code --wait`), split on spaces as shells and git do for a
 * simple value. `+LINE` is understood by vi, vim, nvim, nano, emacs, micro and kakoune.
 * Returns why it could not run, or undefined.
 */
export function openInEditor(pos: SourcePos, env: NodeJS.ProcessEnv): string | undefined {
  const command = (env.VISUAL || env.EDITOR || 'vi').trim().split(/\s+/);
  const [program, ...args] = command;
  const run = spawnSync(program!, [...args, `+${pos.line}`, pos.file], { stdio: 'inherit' });
  if (run.error) return `could not run the editor ${program}: ${run.error.message}`;
  if (run.status !== 0) return `the editor ${program} exited with ${run.status ?? run.signal}`;
  return undefined;
}
