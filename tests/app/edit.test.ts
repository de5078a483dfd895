import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDITOR_LEFT_IT, openEditor } from '../../src/app/edit.js';
import { tmpDir } from '../support/cli.js';

describe('openEditor', () => {
  const setup = () => {
    const dir = tmpDir('recall-open-editor-');
    const file = join(dir, 'deck.yaml');
    writeFileSync(file, 'id: d\ncards: []\n');
    return { dir, file, pos: { file, line: 2, col: 1 } };
  };

  it('says nothing when the editor changed the file', () => {
    const { dir, file, pos } = setup();
    const editor = join(dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\necho "# $1" >> "$2"\n');
    chmodSync(editor, 0o755);
    expect(openEditor(pos, { ...process.env, VISUAL: editor })).toBeNull();
    expect(readFileSync(file, 'utf8')).toContain('# +2');
  });

  it('says the file is unchanged when the editor left it so, not that it was edited', () => {
    const { pos } = setup();
    expect(openEditor(pos, { ...process.env, VISUAL: 'true' })).toBe(EDITOR_LEFT_IT);
  });

  it('says why when the editor fails', () => {
    const { pos } = setup();
    expect(openEditor(pos, { ...process.env, VISUAL: 'false' })).toBe(
      'The editor (false) exited with status 1.',
    );
  });
});
