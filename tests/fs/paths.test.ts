import { describe, expect, it } from 'vitest';
import { cacheDir, configDir, dataDir } from '../../src/fs/paths.js';

const home = '/home/ada';

describe('dataDir', () => {
  it('prefers RECALL_HOME over everything', () => {
    expect(dataDir({ RECALL_HOME: '/srv/recall', XDG_DATA_HOME: '/x' }, home)).toBe('/srv/recall');
  });

  it('uses XDG_DATA_HOME/recall when RECALL_HOME is unset', () => {
    expect(dataDir({ XDG_DATA_HOME: '/data' }, home)).toBe('/data/recall');
  });

  it('falls back to ~/.local/share/recall', () => {
    expect(dataDir({}, home)).toBe('/home/ada/.local/share/recall');
  });

  it('ignores empty and relative XDG values, as the spec says', () => {
    expect(dataDir({ RECALL_HOME: '', XDG_DATA_HOME: '' }, home)).toBe(
      '/home/ada/.local/share/recall',
    );
    expect(dataDir({ XDG_DATA_HOME: 'relative/data' }, home)).toBe('/home/ada/.local/share/recall');
  });
});

describe('configDir and cacheDir', () => {
  it('use XDG_CONFIG_HOME and XDG_CACHE_HOME when set', () => {
    const env = { XDG_CONFIG_HOME: '/cfg', XDG_CACHE_HOME: '/cache' };
    expect(configDir(env, home)).toBe('/cfg/recall');
    expect(cacheDir(env, home)).toBe('/cache/recall');
  });

  it('fall back to ~/.config/recall and ~/.cache/recall', () => {
    expect(configDir({}, home)).toBe('/home/ada/.config/recall');
    expect(cacheDir({}, home)).toBe('/home/ada/.cache/recall');
  });

  it('are not moved by RECALL_HOME, which is for progress only', () => {
    expect(configDir({ RECALL_HOME: '/srv/recall' }, home)).toBe('/home/ada/.config/recall');
  });
});
