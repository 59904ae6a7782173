import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../electron/core/contract';
import { SETTINGS_FILE, createSettingsStore, defaultSettings } from '../../electron/core/settings/settingsStore';

const DEFAULTS: Settings = { theme: 'system', pollIntervalSeconds: 60, alarmThresholds: {}, savedFilters: [] };

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-settings-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings store', () => {
  it('defaults to the system theme, a poll every minute, the engine\'s alarm limits and no saved filters', async () => {
    expect(defaultSettings()).toEqual(DEFAULTS);
    expect(await createSettingsStore(dir).read()).toEqual(DEFAULTS);
    expect(await readdir(dir)).toEqual([]);
  });

  it('reads a file that holds only the theme, with defaults for the rest', async () => {
    await writeFile(join(dir, SETTINGS_FILE), '{"theme":"dark"}');
    const store = createSettingsStore(dir);
    expect(await store.read()).toEqual({ ...DEFAULTS, theme: 'dark' });
    expect(store.problem()).toBeNull();
  });

  it('persists an update to settings.json in the data folder', async () => {
    expect(SETTINGS_FILE).toBe('settings.json');
    const store = createSettingsStore(dir);
    const dark = { ...DEFAULTS, theme: 'dark', pollIntervalSeconds: 120, savedFilters: [{ name: 'Berlin', query: 'site:berlin' }] } as const;
    expect(await store.update((current) => ({ ...current, theme: 'dark', pollIntervalSeconds: 120, savedFilters: [{ name: 'Berlin', query: 'site:berlin' }] }))).toEqual(dark);
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual(dark);
    expect(await createSettingsStore(dir).read()).toEqual(dark);
  });

  it('refuses a theme outside the contract', async () => {
    const store = createSettingsStore(dir);
    await expect(store.update(() => ({ theme: 'neon' }) as unknown as Settings)).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a poll interval below 15 seconds and unknown alarm limits', async () => {
    const store = createSettingsStore(dir);
    await expect(store.update((current) => ({ ...current, pollIntervalSeconds: 5 }))).rejects.toThrow(/at least 15 seconds/);
    await expect(store.update((current) => ({ ...current, alarmThresholds: { diskThresholdPercent: 80 } as Settings['alarmThresholds'] }))).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
