/**
 * Fault injection on stdout: a full disk (`> /dev/full`, ENOSPC) or a reader that went away
 * (a closed pipe, EPIPE) under every printing command. Each must end with one line on stderr
 * and exit 1, never Node's unhandled 'error' trace or exit 70.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, isolatedEnv } from '../support/cli.js';

const deck = resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml');
const broken = resolve(import.meta.dirname, '../fixtures/lint/bad/key-typo.yaml');

const commands: string[][] = [
  ['status', deck],
  ['status', '--json', deck],
  ['export', deck],
  ['export', '--json', deck],
  ['stats', deck],
  ['stats', '--json', deck],
  ['lint', broken],
  ['lint', '--json', deck],
  ['quiz', '--history'],
  ['--help'],
  ['--version'],
  ['status', '--help'],
];

const printing = commands.map((args) => [args.join(' '), args] as const);

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
});

describe.skipIf(!existsSync('/dev/full'))('stdout on a full disk', () => {
  it.each(printing)('recall %s > /dev/full: one line on stderr, exit 1', (_, args) => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [cliPath, ...args], {
        env: isolatedEnv({ NO_COLOR: '1', RECALL_NOW: '2026-03-10T12:00:00Z' }),
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
        timeout: 15_000,
      });
      expect(r.stderr.split('\n').filter((l) => l.startsWith('recall: '))).toEqual([
        'recall: cannot write the output: no space left on device (ENOSPC)',
      ]);
      expect(r.stderr).not.toMatch(/\n {4}at /);
      expect(r.status).toBe(1);
    } finally {
      closeSync(full);
    }
  });
});

describe('stdout closed by its reader', () => {
  it.each(printing)('recall %s | (closed): one line on stderr, exit 1', async (_, args) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: isolatedEnv({ NO_COLOR: '1', RECALL_NOW: '2026-03-10T12:00:00Z' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before the child has started: its first write finds no reader.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const status = await new Promise<number | null>((res) => child.on('close', res));
    expect(stderr.split('\n').filter((l) => l.startsWith('recall: '))).toEqual([
      'recall: cannot write the output: its reader has closed it (EPIPE)',
    ]);
    expect(stderr).not.toMatch(/\n {4}at /);
    expect(status).toBe(1);
  });
});
