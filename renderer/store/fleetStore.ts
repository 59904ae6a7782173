import { create } from 'zustand';
import type { Bastion, LastPlatformStatus, Platform, PlatformStatus, Site } from '../../electron/core/contract';
import { api } from '../api/api';
import { describeError } from './describeError';

/** A platform's last known status and when the console received it (for "last poll" ages). */
export interface KnownStatus {
  status: PlatformStatus;
  /** Date.now() minus the age the engine reported, or the arrival time of a live update. */
  receivedAt: number;
}

interface FleetState {
  loaded: boolean;
  sites: ReadonlyMap<string, Site>;
  platforms: readonly Platform[];
  bastions: readonly Bastion[];
  statuses: ReadonlyMap<string, KnownStatus>;
  error: string | null;
  /** What the engine could not read of its own files: the inventory, the last known states. */
  inventoryProblem: string | null;
  statusProblem: string | null;
  load(): Promise<void>;
}

const STATUS_FLUSH_MS = 250;

function knownOf(entries: readonly LastPlatformStatus[], now: number): Map<string, KnownStatus> {
  return new Map(entries.map((e) => [e.status.platformId, { status: e.status, receivedAt: now - e.ageSeconds * 1000 }]));
}

/** The inventory and every platform's last known status: shown at once, then kept current by the engine's events. */
export const useFleet = create<FleetState>((set, get) => {
  let pending = new Map<string, KnownStatus>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  // Live statuses arrive one platform at a time; applying them in batches keeps a 5,000-row table smooth.
  const flush = () => {
    flushTimer = null;
    const next = new Map(get().statuses);
    for (const [id, known] of pending) next.set(id, known);
    pending = new Map();
    set({ statuses: next });
  };
  api.on('monitor.status', (status) => {
    pending.set(status.platformId, { status, receivedAt: Date.now() });
    flushTimer ??= setTimeout(flush, STATUS_FLUSH_MS);
  });
  let reloading: Promise<void> | null = null;
  const loadInventory = async () => {
    const list = await api.call('fleet.list', {});
    set({ sites: new Map(list.sites.map((s) => [s.id, s])), platforms: list.platforms, bastions: list.bastions, inventoryProblem: list.problem });
  };
  api.on('fleet.changed', () => {
    reloading ??= loadInventory()
      .catch((error: unknown) => set({ error: describeError(error, 'read the fleet') }))
      .finally(() => (reloading = null));
  });
  return {
    loaded: false,
    sites: new Map(),
    platforms: [],
    bastions: [],
    statuses: new Map(),
    error: null,
    inventoryProblem: null,
    statusProblem: null,
    async load() {
      // The inventory shows as soon as it is read; the last known states (larger) follow.
      const inventory = loadInventory()
        .then(() => set({ loaded: true, error: null }))
        .catch((error: unknown) => set({ loaded: true, error: describeError(error, 'read the fleet') }));
      try {
        const known = await api.call('monitor.statuses', {});
        set({ statuses: knownOf(known.statuses, Date.now()), statusProblem: known.problem });
      } catch (error) {
        set({ error: describeError(error, 'read the last known states') });
      }
      await inventory;
    },
  };
});
