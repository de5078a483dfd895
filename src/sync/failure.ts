/**
 * A failed git command → one line a person can act on. git's own message is kept (its most
 * telling line), after what went wrong in recall's words and before a hint.
 */
import { UserError } from '../errors.js';
import type { GitFailure } from './git.js';

/** `https://user:token@host/x` → `https://host/x`: a URL in a message never shows a secret. */
export function redact(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*:[^/@\s]*@/gi, '$1');
}

const NETWORK =
  /Could not resolve host|Could not resolve hostname|Name or service not known|Temporary failure in name resolution|Connection refused|Connection timed out|Operation timed out|timed out|Network is unreachable|No route to host|Failed to connect|Connection reset|Connection closed|Could not connect/i;
const AUTH =
  /Authentication failed|Permission denied \(|could not read (Username|Password)|terminal prompts disabled|Host key verification failed|Invalid username or password|The requested URL returned error: 40[13]|HTTP Basic: Access denied/i;
const NOT_A_REPO =
  /does not appear to be a git repository|not a git repository|Repository not found|repository .* not found|No such file or directory/i;

/** The line of git's stderr that says most: a `fatal:`/`error:` line other than the generic one. */
function tellingLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('hint:'));
  const generic = /^fatal: Could not read from remote repository\.?$/;
  const pick =
    lines.find((l) => NETWORK.test(l) || AUTH.test(l) || NOT_A_REPO.test(l)) ??
    lines.find((l) => /^(fatal|error|ERROR|remote):/.test(l) && !generic.test(l)) ??
    lines.find((l) => !generic.test(l)) ??
    lines[0] ??
    '';
  return pick.replace(/^(fatal|error|ERROR): /, '');
}

/** The UserError for a git failure talking to (or about) the remote `url`. */
export function describeFailure(failure: GitFailure, url: string, dir: string): UserError {
  const { step, result } = failure;
  const where = redact(url);
  if (result.signal !== null || result.code === null) {
    return new UserError(
      `git ${step} was interrupted (${result.signal ?? 'killed'}); nothing is lost: run recall sync again to finish`,
    );
  }
  const line = redact(tellingLine(result.stderr)) || `git ${step} exited with ${result.code}`;
  // Only talking to the remote can fail for the network, credentials or a missing repository.
  const said = step === 'fetch' || step === 'push' ? result.stderr : '';
  if (NETWORK.test(said)) {
    return new UserError(
      `cannot reach the sync remote ${where}: ${line} (nothing is lost: sync again when it is reachable)`,
    );
  }
  if (AUTH.test(said)) {
    return new UserError(
      `the sync remote ${where} refused access: ${line} (check your key or credentials: \`git -C ${dir} fetch origin\` shows git's own prompt)`,
    );
  }
  if (NOT_A_REPO.test(said)) {
    return new UserError(
      `the sync remote ${where} is not a git repository: ${line} (make one with \`git init --bare PATH\`, or fix sync.remote in config.yaml)`,
    );
  }
  return new UserError(
    `git ${step} failed: ${line} (nothing is lost here: fix that and sync again)`,
  );
}
