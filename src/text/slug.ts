/**
 * Text made into a name for files and keys: lowercase ASCII letters, digits and single dashes.
 * Card ids (deck/identity.ts), deck file names and device ids are made with it; changing its
 * output changes users' progress keys, so treat it as a file format.
 */

/** Longest slug `slug()` returns. */
export const SLUG_MAX = 48;

/** `Show the job's tasks!` → `show-the-job-s-tasks`; accents folded; at most 48 chars; may be ''. */
export function slug(text: string, max = SLUG_MAX): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}
