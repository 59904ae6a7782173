import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_FOLDER, defaultDataDir } from '../../electron/core/storage/dataDir';

describe('defaultDataDir', () => {
  it('names the folder "AP Console"', () => {
    expect(APP_FOLDER).toBe('AP Console');
  });

  it('uses XDG_CONFIG_HOME on Linux', () => {
    expect(defaultDataDir({ HOME: '/home/ann', XDG_CONFIG_HOME: '/srv/config' }, 'linux')).toBe('/srv/config/AP Console');
  });

  it('falls back to ~/.config on Linux', () => {
    expect(defaultDataDir({ HOME: '/home/ann' }, 'linux')).toBe('/home/ann/.config/AP Console');
  });

  it('ignores an empty XDG_CONFIG_HOME on Linux, as the XDG base directory spec requires', () => {
    expect(defaultDataDir({ HOME: '/home/ann', XDG_CONFIG_HOME: '' }, 'linux')).toBe('/home/ann/.config/AP Console');
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDataDir({ HOME: '/Users/ann', XDG_CONFIG_HOME: '/srv/config' }, 'darwin')).toBe('/Users/ann/Library/Application Support/AP Console');
  });

  it('uses APPDATA on Windows', () => {
    const appData = 'C:\\Users\\ann\\AppData\\Roaming';
    expect(defaultDataDir({ USERPROFILE: 'C:\\Users\\ann', APPDATA: appData }, 'win32')).toBe(join(appData, 'AP Console'));
  });

  it('falls back to the roaming profile folder on Windows without APPDATA', () => {
    const profile = 'C:\\Users\\ann';
    expect(defaultDataDir({ USERPROFILE: profile }, 'win32')).toBe(join(profile, 'AppData', 'Roaming', 'AP Console'));
  });

  it('lets AP_CONSOLE_DATA_DIR override every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(defaultDataDir({ HOME: '/home/ann', APPDATA: 'C:\\x', XDG_CONFIG_HOME: '/cfg', AP_CONSOLE_DATA_DIR: '/data/apc' }, platform)).toBe('/data/apc');
    }
  });

  it('reads process.env and process.platform by default', () => {
    const saved = process.env.AP_CONSOLE_DATA_DIR;
    process.env.AP_CONSOLE_DATA_DIR = '/tmp/apc-from-env';
    try {
      expect(defaultDataDir()).toBe('/tmp/apc-from-env');
    } finally {
      if (saved === undefined) delete process.env.AP_CONSOLE_DATA_DIR;
      else process.env.AP_CONSOLE_DATA_DIR = saved;
    }
  });
});
