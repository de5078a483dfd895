import { visible } from './text/sanitize.js';

/** Errors a user can act on: printed as `recall: message` on stderr, never as a stack trace. */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * Messages quote paths, keys and values from files (config keys, card keys): their controls are
 * spelled out here, line by line (a stack trace keeps its lines).
 */
export function fail(message: string, code: number): number {
  process.stderr.write(`recall: ${message.split('\n').map(visible).join('\n')}\n`);
  return code;
}
