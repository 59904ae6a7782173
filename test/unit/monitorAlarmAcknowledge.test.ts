import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alarm } from '../../electron/core/contract';
import type { HostKeyStore } from '../../electron/core/connect/hostKeyStore';
import { isFleetError } from '../../electron/core/fleet/fleetError';
import { emptyInventory } from '../../electron/core/fleet/inventory';
import type { Inventory } from '../../electron/core/fleet/inventory';
import { addPlatform, addSite } from '../../electron/core/fleet/inventoryEdits';
import type { InventoryStore } from '../../electron/core/fleet/inventoryStore';
import { createMonitorService } from '../../electron/core/monitor/monitorService';
import type { MonitorService } from '../../electron/core/monitor/monitorService';
import { createUsageHistory } from '../../electron/core/monitor/usageHistory';

let dataDir: string;
let inventory: Inventory;
let platformId: string;
let emitted: Array<{ type: string; alarm: Alarm }>;
const services: MonitorService[] = [];

const HOUR = 3_600_000;
const saved = (at: number) => ({
  version: 1,
  alarms: [
    { id: `${platformId}/disk.usage/${at}`, platformId, key: 'disk.usage', kind: 'disk.usage', severity: 'warning', cause: 'sda2 is 85% full', wizard: 'disk-warning', raisedAt: at, changedAt: at, clearedAt: null },
    { id: `${platformId}/service.manager/${at - HOUR}`, platformId, key: 'service.manager', kind: 'service.manager', severity: 'critical', cause: 'down', wizard: null, raisedAt: at - HOUR, changedAt: at - HOUR, clearedAt: at - 1000 },
  ],
});

function service(): MonitorService {
  const store: InventoryStore = { read: async () => inventory, change: async () => { throw new Error('not in this test'); }, problem: () => null };
  const hostKeys = { pinsFor: async () => [] } as unknown as HostKeyStore;
  const monitor = createMonitorService({
    dataDir,
    inventory: store,
    hostKeys,
    secrets: async () => undefined,
    emitStatus: () => undefined,
    emitAlarms: (changes) => emitted.push(...changes),
    log: { info: () => undefined, error: (message, error) => { throw new Error(`${message}: ${String(error)}`); } },
  });
  services.push(monitor);
  return monitor;
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'apc-monitor-ack-'));
  const site = addSite(emptyInventory(), { name: 'Lab' });
  const platform = addPlatform(site.inventory, { siteId: site.result.id, name: 'ap1', address: '10.0.0.5' });
  inventory = platform.inventory;
  platformId = platform.result.id;
  emitted = [];
});

afterEach(async () => {
  for (const monitor of services.splice(0)) await monitor.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('acknowledging alarms in the monitor service', () => {
  it('marks the active alarm, announces the change, saves it in alarms.json and restores it after a restart', async () => {
    const raisedAt = Date.now() - HOUR;
    await writeFile(join(dataDir, 'alarms.json'), JSON.stringify(saved(raisedAt)));
    const monitor = service();
    const id = `${platformId}/disk.usage/${raisedAt}`;
    const acknowledged = await monitor.acknowledge(id, 'Disk order placed');
    expect(acknowledged).toMatchObject({ alarm: { id, severity: 'warning', acknowledged: { note: 'Disk order placed', at: expect.any(String) } } });
    expect(emitted).toEqual([{ type: 'changed', alarm: 'alarm' in acknowledged ? acknowledged.alarm : null }]);
    const file = JSON.parse(await readFile(join(dataDir, 'alarms.json'), 'utf8')) as { alarms: Array<{ id: string; acknowledged: unknown }> };
    expect(file.alarms.find((a) => a.id === id)?.acknowledged).toEqual({ at: expect.any(Number), note: 'Disk order placed' });

    await monitor.stop();
    const again = service();
    expect(await again.acknowledge('nope', '')).toEqual({ problem: 'unknown' });
    const { active, history } = await again.alarms();
    expect(active).toEqual([expect.objectContaining({ id, acknowledged: { at: expect.any(String), note: 'Disk order placed' } })]);
    // Saved before acknowledgements existed: read as not acknowledged.
    expect(history).toEqual([expect.objectContaining({ kind: 'service.manager', acknowledged: null })]);
    expect(await again.acknowledge(history[0]?.id ?? '', 'too late')).toEqual({ problem: 'cleared' });
  });

  it('gives the usage history oldest first with ISO times, and refuses an unknown platform', async () => {
    const now = Date.now();
    const history = createUsageHistory(dataDir);
    await history.add(platformId, { at: now - 2 * HOUR, usedBytes: 100, sizeBytes: 1000, walRetainedBytes: null });
    await history.add(platformId, { at: now - HOUR, usedBytes: 150, sizeBytes: 1000, walRetainedBytes: 7 });
    await history.flush();
    const monitor = service();
    expect(await monitor.history(platformId)).toEqual({
      platformId,
      points: [
        { at: new Date(now - 2 * HOUR).toISOString(), usedBytes: 100, sizeBytes: 1000, walRetainedBytes: null },
        { at: new Date(now - HOUR).toISOString(), usedBytes: 150, sizeBytes: 1000, walRetainedBytes: 7 },
      ],
    });
    const unknown = await monitor.history('no-such-platform').catch((error: unknown) => error);
    expect(isFleetError(unknown, 'not_found')).toBe(true);
    expect((unknown as Error).message).toContain('There is no platform with id no-such-platform');
  });
});
