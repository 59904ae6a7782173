import { join } from 'node:path';
import { Settings } from '../contract';
import { createJsonFileStore } from '../storage/jsonFileStore';
import type { JsonFileStore } from '../storage/jsonFileStore';

export const SETTINGS_FILE = 'settings.json';

export function defaultSettings(): Settings {
  return Settings.parse({ theme: 'system' });
}

export function createSettingsStore(dataDir: string): JsonFileStore<Settings> {
  return createJsonFileStore(join(dataDir, SETTINGS_FILE), Settings, defaultSettings);
}
