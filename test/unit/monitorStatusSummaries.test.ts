import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformStatusSummary, methods, statusOverview, statusSummary } from '../../electron/core/contract';
import type { HostKeyStore } from '../../electron/core/connect/hostKeyStore';
import { createInventoryStore } from '../../electron/core/fleet/inventoryStore';
import { fleetOverview } from '../../electron/core/monitor/fleetOverview';
import { monitorHandlers } from '../../electron/core/monitor/monitorHandlers';
import { createMonitorService } from '../../electron/core/monitor/monitorService';
import type { MonitorService } from '../../electron/core/monitor/monitorService';
import { createDispatcher } from '../../electron/core/rpc/dispatcher';
import type { Handlers } from '../../electron/core/rpc/handlers';
import { generateBenchFleet, writeBenchFleet } from '../bench/ui/fleetBenchData';
import type { BenchFleet } from '../bench/ui/fleetBenchData';

let dataDir: string;
let fleet: BenchFleet;
let monitor: MonitorService;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'apc-monitor-summaries-'));
  fleet = generateBenchFleet(3, 4, 5, Date.parse('2026-03-01T10:00:00Z'));
  await writeBenchFleet(dataDir, fleet);
  monitor = createMonitorService({
    dataDir,
    inventory: createInventoryStore(dataDir),
    hostKeys: { pinsFor: async () => [] } as unknown as HostKeyStore,
    secrets: async () => undefined,
    emitStatus: () => undefined,
    emitAlarms: () => undefined,
    log: { info: () => undefined, error: (message, error) => { throw new Error(`${message}: ${String(error)}`); } },
  });
});

afterEach(async () => {
  await monitor.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** The monitor's methods behind the contract's dispatcher, with the internal errors it reports. */
function monitorDispatcher() {
  const internal: unknown[] = [];
  const { dispatch } = createDispatcher(monitorHandlers(monitor) as unknown as Handlers, (_method, error) => internal.push(error));
  return { dispatch, internal };
}

const byId = () => new Map(fleet.statuses.map((s) => [s.platformId, s]));

describe('the last known statuses in brief and in full', () => {
  it('gives every platform its status in brief: reach, build, disk and replication, with its age', async () => {
    const { statuses, problem } = await monitor.summaries();
    expect(problem).toBeNull();
    expect(statuses).toHaveLength(12);
    const full = byId();
    for (const { status, ageSeconds } of statuses) {
      const saved = full.get(status.platformId);
      expect(saved).toBeDefined();
      expect(status).toEqual(statusSummary(saved!));
      expect(Object.keys(status).sort()).toEqual(['build', 'disk', 'platformId', 'polledAt', 'reach', 'replication']);
      expect(ageSeconds).toBeGreaterThanOrEqual(0);
    }
  });

  it('gives the full statuses of the platforms named, instances included, once each and in the order named', async () => {
    const ids = ['ap-2-3', 'ap-0-1', 'ap-2-3', 'ap-9-9'];
    const found = await monitor.statusesOf(ids);
    expect(found.map((entry) => entry.status.platformId)).toEqual(['ap-2-3', 'ap-0-1']);
    const full = byId();
    for (const { status } of found) expect(status).toEqual(full.get(status.platformId));
  });

  it('answers both methods within the contract, and refuses to be asked for nothing or for too much', async () => {
    const { dispatch, internal } = monitorDispatcher();

    const brief = await dispatch({ id: 1, method: 'monitor.summaries', params: {} });
    expect(brief).toMatchObject({ ok: true });
    expect(methods['monitor.summaries'].result.safeParse(brief.ok ? brief.result : null).success).toBe(true);

    const full = await dispatch({ id: 2, method: 'monitor.platformStatuses', params: { platformIds: ['ap-1-2'] } });
    expect(full.ok && (full.result as { statuses: Array<{ status: { instances: unknown[] | null } }> }).statuses[0]?.status.instances).toHaveLength(5);

    for (const platformIds of [[], Array.from({ length: 1_001 }, (_, i) => `ap-${i}`)]) {
      const refused = await dispatch({ id: 3, method: 'monitor.platformStatuses', params: { platformIds } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_params', field: 'params.platformIds' } });
    }
    expect(internal).toEqual([]);
  });

  it('keeps the brief form within its schema: only the fields the fleet overview shows', () => {
    const status = fleet.statuses[0]!;
    expect(PlatformStatusSummary.safeParse(statusSummary(status)).success).toBe(true);
    expect(PlatformStatusSummary.safeParse(status).success).toBe(false);
  });
});

describe('the fleet overview', () => {
  it('lists every inventory platform in order with its row fields and its last status in brief', async () => {
    const overview = await monitor.overview();
    expect(overview).toMatchObject({ problem: null, statusProblem: null, totals: { sites: 3, platforms: 12, bastions: 0 } });
    expect(overview.sites).toEqual(fleet.sites.map(({ id, name, customer, tags }) => ({ id, name, customer, tags })));
    expect(overview.platforms.map((p) => p.id)).toEqual(fleet.platforms.map((p) => p.id));
    const full = byId();
    for (const [i, entry] of overview.platforms.entries()) {
      const platform = fleet.platforms[i]!;
      expect(entry).toMatchObject({ siteId: platform.siteId, name: platform.name, address: platform.address, tags: platform.tags, expectedRole: platform.expectedRole, diskAlarmPercent: platform.diskAlarmPercent });
      const saved = full.get(platform.id)!;
      expect(entry.status).toEqual({ ...statusOverview(saved, 0), ageSeconds: entry.status?.ageSeconds });
      expect(entry.status?.ageSeconds).toBeGreaterThanOrEqual(0);
    }
  });

  it('gives a platform never polled no status, and keeps credentials and notes out', () => {
    const [first, second] = fleet.platforms;
    const overview = fleetOverview({ version: 1, sites: fleet.sites, platforms: [first!, second!], bastions: [] }, [{ status: fleet.statuses[0]!, ageSeconds: 30 }], { problem: null, statusProblem: null });
    expect(overview.platforms[0]?.status?.ageSeconds).toBe(30);
    expect(overview.platforms[1]?.status).toBeNull();
    expect(JSON.stringify(overview)).not.toMatch(/credentials|passwordRef|notes/);
  });

  it('answers within the contract, in less than half the bytes of the inventory and the summaries together', async () => {
    const { dispatch, internal } = monitorDispatcher();
    const answer = await dispatch({ id: 1, method: 'fleet.overview', params: {} });
    expect(answer).toMatchObject({ ok: true });
    expect(methods['fleet.overview'].result.safeParse(answer.ok ? answer.result : null).success).toBe(true);
    const summaries = await dispatch({ id: 2, method: 'monitor.summaries', params: {} });
    const inventory = JSON.stringify({ sites: fleet.sites, platforms: fleet.platforms });
    expect(JSON.stringify(answer).length * 2).toBeLessThan(JSON.stringify(summaries).length + inventory.length);
    expect(await dispatch({ id: 3, method: 'fleet.overview', params: { query: 'x' } })).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    expect(internal).toEqual([]);
  });
});

