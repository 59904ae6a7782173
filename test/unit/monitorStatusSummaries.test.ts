import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformStatusSummary, methods, statusSummary } from '../../electron/core/contract';
import type { HostKeyStore } from '../../electron/core/connect/hostKeyStore';
import { createInventoryStore } from '../../electron/core/fleet/inventoryStore';
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
    const handlers = monitorHandlers(monitor) as unknown as Handlers;
    const internal: unknown[] = [];
    const { dispatch } = createDispatcher(handlers, (_method, error) => internal.push(error));

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
