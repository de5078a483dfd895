import { existsSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirs } from '../../src/fs/make-dirs.js';

const root = mkdtempSync(join(tmpdir(), 'recall-dirs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('makeDirs', () => {
  it('makes every missing folder, and leaves existing ones alone', () => {
    const deep = join(root, 'a', 'b', 'c');
    makeDirs(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    makeDirs(deep);
    makeDirs(root);
    expect(statSync(deep).isDirectory()).toBe(true);
  });

  it('fails at once under a dangling symlink, where recursive mkdir spins forever', () => {
    const link = join(root, 'dangling');
    symlinkSync(join(root, 'nowhere'), link);
    expect(() => makeDirs(join(link, 'cache', 'recall'))).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
    expect(existsSync(join(root, 'nowhere'))).toBe(false);
  });

  it.skipIf(!existsSync('/proc/self'))('fails at once under /proc', () => {
    expect(() => makeDirs('/proc/recall-test/cache')).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
  });

  it('fails when a file stands where a folder should be', () => {
    const file = join(root, 'file');
    writeFileSync(file, '');
    expect(() => makeDirs(join(file, 'sub'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });
});
