/** Errors a user can act on: printed as `recall: message` on stderr, never as a stack trace. */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export function fail(message: string, code: number): number {
  process.stderr.write(`recall: ${message}\n`);
  return code;
}
