import { create } from 'zustand';
import { statusSummary } from '../../electron/core/contract';
import type { Bastion, LastPlatformSummary, Platform, PlatformStatus, PlatformStatusSummary, Result, Site } from '../../electron/core/contract';
import { api } from '../api/api';
import { describeError } from './describeError';

/** A platform's last known status and when the console received it (for "last poll" ages). */
export interface KnownStatus {
  status: PlatformStatus;
  /** Date.now() minus the age the engine reported, or the arrival time of a live update. */
  receivedAt: number;
}

/** The same in brief, as the fleet overview shows every platform. */
export interface KnownSummary {
  status: PlatformStatusSummary;
  receivedAt: number;
}

interface FleetState {
  loaded: boolean;
  sites: ReadonlyMap<string, Site>;
  platforms: readonly Platform[];
  bastions: readonly Bastion[];
  /** Every platform's last known status in brief: read with the inventory, so the whole fleet shows at once. */
  summaries: ReadonlyMap<string, KnownSummary>;
  /** Full last known statuses (instances, services, notes…) of the platforms a screen asked for with `loadStatus`. */
  statuses: ReadonlyMap<string, KnownStatus>;
  error: string | null;
  /** What the engine could not read of its own files: the inventory, the last known states. */
  inventoryProblem: string | null;
  statusProblem: string | null;
  load(): Promise<void>;
  /** Reads a platform's full last known status once; live updates keep it current from then on. */
  loadStatus(platformId: string): Promise<void>;
}

const STATUS_FLUSH_MS = 250;

const polledMs = (known: { status: { polledAt: string } } | undefined) => (known ? Date.parse(known.status.polledAt) : -Infinity);

const inventoryOf = (list: Result<'fleet.list'>): Pick<FleetState, 'sites' | 'platforms' | 'bastions' | 'inventoryProblem'> => ({
  sites: new Map(list.sites.map((s) => [s.id, s])),
  platforms: list.platforms,
  bastions: list.bastions,
  inventoryProblem: list.problem,
});

/** The engine's answer, except where a live update that came while it answered is newer. */
function summariesOf(answer: readonly LastPlatformSummary[], before: ReadonlyMap<string, KnownSummary>, askedAt: number): Map<string, KnownSummary> {
  const now = Date.now();
  const summaries = new Map(answer.map(({ status, ageSeconds }) => [status.platformId, { status, receivedAt: now - ageSeconds * 1000 }]));
  for (const [id, live] of before) if (live.receivedAt >= askedAt && polledMs(live) > polledMs(summaries.get(id))) summaries.set(id, live);
  return summaries;
}

/** The inventory and every platform's last known status: shown at once, then kept current by the engine's events. */
export const useFleet = create<FleetState>((set, get) => {
  let pending = new Map<string, KnownStatus>();
  /** Platforms whose full status a screen asked for. */
  const wanted = new Set<string>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  // Live statuses arrive one platform at a time; applying them in batches keeps a 5,000-row table smooth.
  const flush = () => {
    flushTimer = null;
    const statuses = new Map(get().statuses);
    const summaries = new Map(get().summaries);
    for (const [id, known] of pending) {
      if (statuses.has(id) || wanted.has(id)) statuses.set(id, known);
      summaries.set(id, { status: statusSummary(known.status), receivedAt: known.receivedAt });
    }
    pending = new Map();
    set({ statuses, summaries });
  };
  api.on('monitor.status', (status) => {
    pending.set(status.platformId, { status, receivedAt: Date.now() });
    flushTimer ??= setTimeout(flush, STATUS_FLUSH_MS);
  });
  let reloading: Promise<void> | null = null;
  api.on('fleet.changed', () => {
    reloading ??= api
      .call('fleet.list', {})
      .then((list) => set(inventoryOf(list)))
      .catch((error: unknown) => set({ error: describeError(error, 'read the fleet') }))
      .finally(() => (reloading = null));
  });

  let generation = 0;

  return {
    loaded: false,
    sites: new Map(),
    platforms: [],
    bastions: [],
    summaries: new Map(),
    statuses: new Map(),
    error: null,
    inventoryProblem: null,
    statusProblem: null,
    async load() {
      const started = ++generation;
      const askedAt = Date.now();
      // Both are read from the engine's own files: applied together, the rows are built once and show their last
      // known state from the start.
      const [list, known] = await Promise.allSettled([api.call('fleet.list', {}), api.call('monitor.summaries', {})]);
      if (started !== generation) return;
      const inventory = list.status === 'fulfilled' ? { ...inventoryOf(list.value), error: null } : { error: describeError(list.reason, 'read the fleet') };
      if (known.status === 'rejected') {
        set({ loaded: true, ...inventory, error: inventory.error ?? describeError(known.reason, 'read the last known states') });
        return;
      }
      const summaries = summariesOf(known.value.statuses, get().summaries, askedAt);
      set({ loaded: true, ...inventory, summaries, statusProblem: known.value.problem });
    },
    async loadStatus(platformId) {
      if (wanted.has(platformId)) return;
      wanted.add(platformId);
      try {
        const askedAt = Date.now();
        const answer = await api.call('monitor.platformStatuses', { platformIds: [platformId] });
        const found = answer.statuses[0];
        if (!found) return;
        const statuses = new Map(get().statuses);
        const live = statuses.get(platformId);
        if (live && live.receivedAt >= askedAt && polledMs(live) >= Date.parse(found.status.polledAt)) return;
        statuses.set(platformId, { status: found.status, receivedAt: askedAt - found.ageSeconds * 1000 });
        set({ statuses });
      } catch (error) {
        wanted.delete(platformId);
        set({ error: describeError(error, 'read the last known state of this platform') });
      }
    },
  };
});
