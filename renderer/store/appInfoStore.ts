import { create } from 'zustand';
import type { AppHealth, AppInfo } from '../../electron/core/contract';
import { api } from '../api/api';
import { describeError } from './describeError';

interface AppInfoState {
  info: AppInfo | null;
  health: AppHealth | null;
  error: string | null;
  loadInfo(): Promise<void>;
  loadHealth(): Promise<void>;
}

export const useAppInfo = create<AppInfoState>((set) => ({
  info: null,
  health: null,
  error: null,
  async loadInfo() {
    try {
      set({ info: await api.call('app.info', {}), error: null });
    } catch (error) {
      set({ error: describeError(error, 'read the console version') });
    }
  },
  async loadHealth() {
    try {
      set({ health: await api.call('app.health', {}), error: null });
    } catch (error) {
      set({ error: describeError(error, 'check the console engine') });
    }
  },
}));
