import { create } from 'zustand';
import type { Result, ViewerBundle } from '../../electron/core/contract';
import { api } from '../api/api';
import { describeError } from './describeError';

export type RecentBundle = Result<'viewer.recent'>['bundles'][number];
export type LogsScreenTab = 'transfers' | 'viewer';

interface ViewerState {
  /** Which tab the Logs screen shows; "Open in viewer" elsewhere switches it. */
  tab: LogsScreenTab;
  recent: readonly RecentBundle[] | null;
  recentError: string | null;
  /** The bundle open in the viewer. */
  bundle: ViewerBundle | null;
  /** The path being opened, while the engine unpacks and indexes it. */
  opening: string | null;
  openError: string | null;
  setTab(tab: LogsScreenTab): void;
  loadRecent(): Promise<void>;
  open(localPath: string): Promise<void>;
  close(): Promise<void>;
}

/** The offline viewer: recent bundles of the data folder and the one bundle that is open. */
export const useViewer = create<ViewerState>((set, get) => ({
  tab: 'transfers',
  recent: null,
  recentError: null,
  bundle: null,
  opening: null,
  openError: null,
  setTab: (tab) => set({ tab }),
  async loadRecent() {
    try {
      const { bundles } = await api.call('viewer.recent', {});
      set({ recent: bundles, recentError: null });
    } catch (error) {
      set({ recentError: describeError(error, 'list the bundles in the data folder') });
    }
  },
  async open(localPath) {
    set({ opening: localPath, openError: null, tab: 'viewer' });
    try {
      const bundle = await api.call('viewer.open', { localPath });
      const before = get().bundle;
      if (get().opening !== localPath) {
        await api.call('viewer.close', { bundleId: bundle.bundleId }).catch(() => undefined);
        return;
      }
      set({ bundle, opening: null });
      if (before && before.bundleId !== bundle.bundleId) await api.call('viewer.close', { bundleId: before.bundleId }).catch(() => undefined);
    } catch (error) {
      if (get().opening === localPath) set({ opening: null, openError: describeError(error, `open ${localPath}`) });
    }
  },
  async close() {
    const before = get().bundle;
    set({ bundle: null, openError: null, opening: null });
    if (before) await api.call('viewer.close', { bundleId: before.bundleId }).catch(() => undefined);
  },
}));
