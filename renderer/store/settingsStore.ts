import { create } from 'zustand';
import type { Params, Settings, ThemePreference } from '../../electron/core/contract';
import { api } from '../api/api';
import { describeError } from './describeError';

export type SettingsChange = Params<'settings.update'>;

interface SettingsState {
  settings: Settings | null;
  error: string | null;
  load(): Promise<void>;
  setTheme(theme: ThemePreference): Promise<void>;
  /** Saves the given fields; answers the error sentence, or null when saved. */
  update(change: SettingsChange): Promise<string | null>;
}

export const useSettings = create<SettingsState>((set) => {
  api.on('settings.changed', (settings) => set({ settings }));
  return {
    settings: null,
    error: null,
    async load() {
      try {
        set({ settings: await api.call('settings.get', {}), error: null });
      } catch (error) {
        set({ error: describeError(error, 'load the settings') });
      }
    },
    async setTheme(theme) {
      try {
        set({ settings: await api.call('settings.update', { theme }), error: null });
      } catch (error) {
        set({ error: describeError(error, 'save the theme') });
      }
    },
    async update(change) {
      try {
        set({ settings: await api.call('settings.update', change) });
        return null;
      } catch (error) {
        return describeError(error, 'save the settings');
      }
    },
  };
});
