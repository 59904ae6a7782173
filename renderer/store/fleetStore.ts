import { create } from 'zustand';
import { statusOverview, statusSummary } from '../../electron/core/contract';
import type { Bastion, FleetOverview, LastPlatformSummary, Platform, PlatformStatus, PlatformStatusSummary, Result, Site, SiteOverview } from '../../electron/core/contract';
import { api } from '../api/api';
import type { FleetEntry } from '../views/fleet/fleetRows';
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
  /** The fleet overview has been read: the Fleet screen can show its rows. */
  overviewLoaded: boolean;
  /** Every platform as the Fleet screen lists it, in inventory order, kept current by live updates. */
  entries: readonly FleetEntry[];
  overviewSites: ReadonlyMap<string, SiteOverview>;
  /** The whole inventory has been read. */
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
  /** Reads the fleet overview; once its rows are drawn, the whole inventory and every platform's status in brief follow. */
  load(): Promise<void>;
  /** Reads a platform's full last known status once; live updates keep it current from then on. */
  loadStatus(platformId: string): Promise<void>;
}

const STATUS_FLUSH_MS = 250;

type Polled = { status: { polledAt: string } | null } | undefined;
const polledMs = (known: Polled) => (known?.status ? Date.parse(known.status.polledAt) : -Infinity);
/** A live update that came while the engine answered wins over the answer when it is of a later poll. */
const liveIsNewer = (live: Polled, receivedAt: number | null, answered: Polled, askedAt: number) => receivedAt !== null && receivedAt >= askedAt && polledMs(live) > polledMs(answered);

const inventoryOf = (list: Result<'fleet.list'>): Pick<FleetState, 'sites' | 'platforms' | 'bastions' | 'inventoryProblem'> => ({
  sites: new Map(list.sites.map((s) => [s.id, s])),
  platforms: list.platforms,
  bastions: list.bastions,
  inventoryProblem: list.problem,
});

const afterFirstPaint = () =>
  new Promise<void>((resolve) => {
    // A hidden window draws no frames: then the timer goes first.
    const timer = setTimeout(resolve, 250);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });

/** The overview's platforms, except where a live update that came while the engine answered is newer. */
function entriesOf(answer: FleetOverview['platforms'], before: readonly FleetEntry[], askedAt: number): FleetEntry[] {
  const now = Date.now();
  const live = new Map(before.map((e) => [e.platform.id, e]));
  return answer.map((platform) => {
    const newer = live.get(platform.id);
    if (newer && liveIsNewer(newer.platform, newer.receivedAt, platform, askedAt)) return { platform: { ...platform, status: newer.platform.status }, receivedAt: newer.receivedAt };
    return { platform, receivedAt: platform.status ? now - platform.status.ageSeconds * 1000 : null };
  });
}

/** The engine's answer, except where a live update that came while it answered is newer. */
function summariesOf(answer: readonly LastPlatformSummary[], before: ReadonlyMap<string, KnownSummary>, askedAt: number): Map<string, KnownSummary> {
  const now = Date.now();
  const summaries = new Map(answer.map(({ status, ageSeconds }) => [status.platformId, { status, receivedAt: now - ageSeconds * 1000 }]));
  for (const [id, live] of before) if (liveIsNewer(live, live.receivedAt, summaries.get(id), askedAt)) summaries.set(id, live);
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
    const entries = get().entries.map((entry) => {
      const known = pending.get(entry.platform.id);
      return known ? { platform: { ...entry.platform, status: statusOverview(known.status, 0) }, receivedAt: known.receivedAt } : entry;
    });
    pending = new Map();
    set({ statuses, summaries, entries });
  };
  api.on('monitor.status', (status) => {
    pending.set(status.platformId, { status, receivedAt: Date.now() });
    flushTimer ??= setTimeout(flush, STATUS_FLUSH_MS);
  });
  const applyOverview = (answer: FleetOverview, askedAt: number) =>
    set({
      overviewLoaded: true,
      overviewSites: new Map(answer.sites.map((site) => [site.id, site])),
      entries: entriesOf(answer.platforms, get().entries, askedAt),
      inventoryProblem: answer.problem,
      statusProblem: answer.statusProblem,
    });
  let reloading: Promise<void> | null = null;
  api.on('fleet.changed', () => {
    const askedAt = Date.now();
    reloading ??= Promise.all([api.call('fleet.overview', {}), api.call('fleet.list', {})])
      .then(([overview, list]) => {
        applyOverview(overview, askedAt);
        set(inventoryOf(list));
      })
      .catch((error: unknown) => set({ error: describeError(error, 'read the fleet') }))
      .finally(() => (reloading = null));
  });

  let generation = 0;

  async function readOverview(started: number): Promise<void> {
    const askedAt = Date.now();
    try {
      const answer = await api.call('fleet.overview', {});
      if (started === generation) {
        applyOverview(answer, askedAt);
        set({ error: null });
      }
    } catch (error) {
      if (started === generation) set({ overviewLoaded: true, error: describeError(error, 'read the fleet') });
    }
  }

  async function readInventory(started: number): Promise<void> {
    const askedAt = Date.now();
    // Both are read from the engine's own files: applied together, every screen sees the same fleet.
    const [list, known] = await Promise.allSettled([api.call('fleet.list', {}), api.call('monitor.summaries', {})]);
    if (started !== generation) return;
    const inventory = list.status === 'fulfilled' ? { ...inventoryOf(list.value), error: null } : { error: describeError(list.reason, 'read the fleet') };
    if (known.status === 'rejected') {
      set({ loaded: true, ...inventory, error: inventory.error ?? describeError(known.reason, 'read the last known states') });
      return;
    }
    const summaries = summariesOf(known.value.statuses, get().summaries, askedAt);
    set({ loaded: true, ...inventory, summaries, statusProblem: known.value.problem });
  }

  return {
    overviewLoaded: false,
    entries: [],
    overviewSites: new Map(),
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
      await readOverview(started);
      void afterFirstPaint().then(() => readInventory(started));
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
