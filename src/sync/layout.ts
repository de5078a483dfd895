/**
 * What of the progress folder is shared: one append-only file per device in `log/` and
 * `quizzes/`. Everything else (device.json, the snapshot, caches, locks, sync.json, the old
 * v1 files) belongs to one machine and is never committed.
 */

import { LOG_DIR } from '../store/log.js';
import { QUIZ_DIR } from '../store/quiz-history.js';

export { LOG_DIR, QUIZ_DIR };
export const GITIGNORE = '.gitignore';
export const SYNC_LOCK = 'sync.lock';

/**
 * An allowlist rather than a list of local files: whatever a later version keeps beside the
 * logs stays local without a new rule (a changed .gitignore would conflict between machines).
 */
export const GITIGNORE_TEXT = `# Written by recall sync. Only the per-device logs are shared; everything else here
# (device.json, state.json, sync.json, locks, temporary files, the old reviews.jsonl and
# quizzes.jsonl) belongs to this machine. See docs/storage.md.
/*
!/.gitignore
!/${LOG_DIR}/
!/${QUIZ_DIR}/
/${LOG_DIR}/*
/${QUIZ_DIR}/*
!/${LOG_DIR}/*.jsonl
!/${QUIZ_DIR}/*.jsonl
`;

/** The files `device` writes, the only ones a sync on that device commits. */
export const ownFiles = (device: string): readonly string[] => [
  `${LOG_DIR}/${device}.jsonl`,
  `${QUIZ_DIR}/${device}.jsonl`,
];

/** A path under log/ or quizzes/: held to being append-only. */
export const isShared = (path: string): boolean =>
  path.startsWith(`${LOG_DIR}/`) || path.startsWith(`${QUIZ_DIR}/`);

/** `log/desktop-01bc.jsonl` → `desktop-01bc`; null for anything else. */
export function deviceOfPath(path: string): string | null {
  const m = /^(?:log|quizzes)\/([^/]+)\.jsonl$/.exec(path);
  return m ? m[1]! : null;
}
