import { openCollection } from '../app/open.js';
import { tagsIn } from '../app/selection.js';
import { visible } from '../text/sanitize.js';

/** `recall tags`: every tag of the decks, one per line, for the shell completions to offer. */
export async function runTags(paths: readonly string[]): Promise<void> {
  const { collection } = await openCollection(paths, process.env, { readOnly: true });
  const tags = tagsIn(collection).map(visible);
  process.stdout.write(tags.length > 0 ? `${tags.join('\n')}\n` : '');
}
