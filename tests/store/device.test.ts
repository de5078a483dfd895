import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deviceOf, hostLabel } from '../../src/store/device.js';

const root = mkdtempSync(join(tmpdir(), 'recall-device-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => join(root, String(n++), 'progress');

const now = Date.parse('2026-03-10T08:00:00Z');
/** Suffixes handed out in order, so ids are known in advance. */
const suffixes = (...s: string[]) => {
  const queue = [...s];
  return () => queue.shift() ?? 'ffff';
};
const onLaptop = (random = suffixes('3fa9', '01bc')) => ({
  hostname: 'Laptop.local',
  now,
  randomSuffix: random,
});
const deviceJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'device.json'), 'utf8'));

describe('hostLabel', () => {
  it.each([
    ['laptop', 'laptop'],
    ['My-Laptop.local', 'my-laptop'],
    ['WORK_PC 02.corp.example.com', 'work-pc-02'],
    ['Café-Münster', 'cafe-munster'],
    ['a-very-long-host-name-indeed-yes', 'a-very-long-host-nam'],
    ['abcdefghijklmnopqrs-tuv', 'abcdefghijklmnopqrs'],
    ['', 'device'],
    ['...', 'device'],
    ['日本', 'device'],
    ['--x--', 'x'],
  ])('%j → %j', (host, label) => {
    expect(hostLabel(host)).toBe(label);
    expect(hostLabel(host)).toMatch(/^[a-z0-9-]{1,20}$/);
  });
});

describe('deviceOf', () => {
  it('makes an id once, from the host name and four hex digits, and keeps it', async () => {
    const dir = folder();
    const first = await deviceOf(dir, onLaptop());
    expect(first).toEqual({ id: 'laptop-3fa9', notice: null });
    expect(deviceJson(dir)).toMatchObject({
      version: 1,
      id: 'laptop-3fa9',
      hostname: 'Laptop.local',
      since: '2026-03-10T08:00:00.000Z',
      history: [],
    });
    expect(deviceJson(dir).inode).toMatch(/^\d+$/);
    const later = await deviceOf(dir, { ...onLaptop(suffixes('9999')), now: now + 86_400_000 });
    expect(later).toEqual({ id: 'laptop-3fa9', notice: null });
    expect(readdirSync(dir)).toEqual(['device.json']);
  });

  it('uses real randomness by default', async () => {
    const { id } = await deviceOf(folder(), { hostname: 'desk', now });
    expect(id).toMatch(/^desk-[0-9a-f]{4}$/);
  });

  it('a folder copied to another machine gets a new id there, says so once, and keeps the old one', async () => {
    const dir = folder();
    await deviceOf(dir, onLaptop());
    const copy = folder();
    mkdirSync(join(copy, '..'), { recursive: true });
    execFileSync('cp', ['-r', dir, copy]);
    const desktop = { hostname: 'desktop', now: now + 1000, randomSuffix: suffixes('01bc') };
    const moved = await deviceOf(copy, desktop);
    expect(moved).toEqual({
      id: 'desktop-01bc',
      notice:
        'this progress folder was copied from laptop-3fa9 (another machine or folder); this machine now logs as desktop-01bc',
    });
    expect(deviceJson(copy)).toMatchObject({
      id: 'desktop-01bc',
      hostname: 'desktop',
      history: [
        {
          id: 'laptop-3fa9',
          hostname: 'Laptop.local',
          since: '2026-03-10T08:00:00.000Z',
          until: '2026-03-10T08:00:01.000Z',
        },
      ],
    });
    expect(await deviceOf(copy, desktop)).toEqual({ id: 'desktop-01bc', notice: null });
    // The original stays what it was.
    expect(await deviceOf(dir, onLaptop())).toEqual({ id: 'laptop-3fa9', notice: null });
  });

  it('a copy on the same machine (a new inode) gets a new id that differs from every earlier one', async () => {
    const dir = folder();
    await deviceOf(dir, onLaptop(suffixes('3fa9')));
    const copy = folder();
    mkdirSync(join(copy, '..'), { recursive: true });
    execFileSync('cp', ['-r', dir, copy]);
    // The random digits come up 3fa9 again: the id is drawn once more.
    const again = await deviceOf(copy, onLaptop(suffixes('3fa9', '77aa')));
    expect(again.id).toBe('laptop-77aa');
    expect(again.notice).toContain('copied from laptop-3fa9');
    expect(deviceJson(copy).history.map((h: { id: string }) => h.id)).toEqual(['laptop-3fa9']);
  });

  it('a renamed machine gets a new id', async () => {
    const dir = folder();
    await deviceOf(dir, onLaptop());
    const renamed = await deviceOf(dir, {
      hostname: 'thinkpad',
      now,
      randomSuffix: suffixes('0001'),
    });
    expect(renamed.id).toBe('thinkpad-0001');
    expect(renamed.notice).toContain('laptop-3fa9');
  });

  it.each([
    ['not JSON', '{"id": "lap', 'not valid JSON'],
    ['not shaped like one', '{"version":1,"id":"../../etc/passwd"}', 'not a device file'],
  ])('a device.json that is %s is kept aside and a new id made', async (_, text, reason) => {
    const dir = folder();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'device.json'), text);
    const made = await deviceOf(dir, onLaptop());
    expect(made.id).toBe('laptop-3fa9');
    expect(made.notice).toMatch(
      new RegExp(
        `^device\\.json could not be used \\(${reason}\\); kept as .*device\\.json\\.damaged-2026-03-10T08-00-00-000Z; this machine now logs as laptop-3fa9$`,
      ),
    );
    expect(readdirSync(dir).sort()).toEqual([
      'device.json',
      'device.json.damaged-2026-03-10T08-00-00-000Z',
    ]);
    expect(readFileSync(join(dir, 'device.json.damaged-2026-03-10T08-00-00-000Z'), 'utf8')).toBe(
      text,
    );
  });

  it('creates the progress folder when there is none', async () => {
    const dir = join(folder(), 'deeper');
    expect((await deviceOf(dir, onLaptop())).id).toBe('laptop-3fa9');
  });
});
