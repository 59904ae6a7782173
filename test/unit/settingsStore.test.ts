import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../electron/core/contract';
import { SETTINGS_FILE, createSettingsStore, defaultSettings } from '../../electron/core/settings/settingsStore';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apc-settings-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings store', () => {
  it('defaults to the system theme', async () => {
    expect(defaultSettings()).toEqual({ theme: 'system' });
    expect(await createSettingsStore(dir).read()).toEqual({ theme: 'system' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('persists an update to settings.json in the data folder', async () => {
    expect(SETTINGS_FILE).toBe('settings.json');
    const store = createSettingsStore(dir);
    expect(await store.update((current) => ({ ...current, theme: 'dark' }))).toEqual({ theme: 'dark' });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual({ theme: 'dark' });
    expect(await createSettingsStore(dir).read()).toEqual({ theme: 'dark' });
  });

  it('refuses a theme outside the contract', async () => {
    const store = createSettingsStore(dir);
    await expect(store.update(() => ({ theme: 'neon' }) as unknown as Settings)).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});
