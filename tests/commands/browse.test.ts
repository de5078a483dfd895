import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, lines, recallInProcess as recall } from '../support/cli.js';

const deck = resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml');
const env = () => isolatedEnv({ NO_COLOR: '1', RECALL_NOW: '2026-03-10T12:00:00Z' });

describe('recall browse for scripts', () => {
  it('prints the cards a query finds as JSON', async () => {
    const run = await recall(['browse', 'capital', deck, '--json'], env());
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      key: 'e2e/one',
      state: 'New',
      recall: null,
      suspended: false,
      mark: null,
      line: 4,
    });
  });

  it('prints tab-separated lines under a header with --plain, every card for an empty query', async () => {
    const run = await recall(['browse', '', deck, '--plain', '--sort', 'lapses'], env());
    expect(run.status).toBe(0);
    const [head, ...body] = lines(run.stdout);
    expect(head!.split('\t')).toEqual([
      'key',
      'deck',
      'state',
      'due',
      'recall',
      'lapses',
      'difficulty',
      'lastReview',
      'suspended',
      'buriedUntil',
      'mark',
      'tags',
      'file',
      'line',
      'prompt',
    ]);
    expect(body.map((l) => l.split('\t')[0])).toEqual(['e2e/one', 'e2e/two']);
    expect(body[1]!.split('\t').at(-1)).toBe('What is 6 times 7?');
  });

  it('refuses a query with a mistake: exit 2, the column and a caret under it', async () => {
    const run = await recall(['browse', 'is:new lapses>x', deck, '--json'], env());
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'recall: query, column 15: lapses compares with a number: lapses>3\n' +
        '  is:new lapses>x\n' +
        '                ^\n',
    );
  });

  it('refuses a sort it does not know', async () => {
    const run = await recall(['browse', '', deck, '--sort', 'ease'], env());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--sort takes due, recall, lapses, difficulty, last');
  });
});
