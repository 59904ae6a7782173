import type { Client } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SshPool } from '../../electron/core/connect/sshPool';
import { sshTargetFor } from '../../electron/core/fleet/sshTargetFor';
import { defaultThresholds, thresholdsWith } from '../../electron/core/monitor/alarmThresholds';
import type { AlarmThresholds } from '../../electron/core/monitor/alarmThresholds';
import { AlarmTracker } from '../../electron/core/monitor/alarmTracker';
import type { AlarmChange } from '../../electron/core/monitor/alarmTracker';
import { Poller } from '../../electron/core/monitor/poller';
import type { PollEntry, PollerOptions } from '../../electron/core/monitor/poller';
import type { PlatformView } from '../../electron/core/monitor/platformView';
import type { RootSessions } from '../../electron/core/monitor/rootSessions';
import type { UsageHistory } from '../../electron/core/monitor/usageHistory';
import { emptyInventory } from '../../electron/core/fleet/inventory';
import { addPlatform, addSite } from '../../electron/core/fleet/inventoryEdits';

const GIB = 1024 ** 3;
const noHistory: UsageHistory = { samples: async () => [], add: async () => undefined, flush: async () => undefined, forget: async () => undefined };

function poller(options: Partial<PollerOptions<null>> = {}) {
  const tracker = new AlarmTracker();
  return new Poller<null>({
    entries: async () => [],
    deps: {
      pool: { acquire: async () => ({ client: {} as Client, chain: [], close: () => undefined }) } as unknown as SshPool,
      roots: { get: async () => ({ session: null, problem: 'No root password is stored.' }) } as unknown as RootSessions,
      secrets: async () => undefined,
      probe: async () => ({ facts: null, view }),
    },
    history: noHistory,
    tracker,
    thresholds: defaultThresholds,
    intervalMs: 60_000,
    concurrency: 4,
    platformTimeoutMs: 5_000,
    onPoll: () => undefined,
    onAlarms: () => undefined,
    onError: (error) => {
      throw error;
    },
    ...options,
  });
}

/** 85 % full with 6 GiB free: a warning with the default 10-point margin, none with a 2-point one. */
const view: PlatformView = {
  build: 140029,
  formFactor: 'vm',
  disk: { device: 'sda2', mount: '/mnt/sda2', sizeBytes: 40 * GIB, usedBytes: 34 * GIB, availBytes: 6 * GIB, percent: 85 },
  reserveFilePresent: true,
  reserveFileBytes: 500 * 1024 ** 2,
  logsBytes: 0,
  coreDumpBytes: 0,
  coreDumpCount: 0,
  services: { manager: true, webserver: true, postgres: false },
  standbyConfPresent: null,
};

describe('the poll schedule', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('follows a new interval at once: the next round comes at most one new interval later', async () => {
    const entries = vi.fn(async (): Promise<PollEntry[]> => []);
    const p = poller({ entries });
    p.start();
    expect(entries).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(entries).toHaveBeenCalledTimes(2);

    await vi.advanceTimersByTimeAsync(20_000);
    p.reschedule(15_000);
    await vi.advanceTimersByTimeAsync(14_999);
    expect(entries).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(entries).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(entries).toHaveBeenCalledTimes(4);

    // A longer interval does not put off a round that is already due sooner.
    await vi.advanceTimersByTimeAsync(10_000);
    p.reschedule(300_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(entries).toHaveBeenCalledTimes(5);
    await vi.advanceTimersByTimeAsync(299_999);
    expect(entries).toHaveBeenCalledTimes(5);
    await vi.advanceTimersByTimeAsync(1);
    expect(entries).toHaveBeenCalledTimes(6);

    p.stop();
    p.reschedule(15_000);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(entries).toHaveBeenCalledTimes(6);
  });

  it('does not start a schedule when only the interval changes', async () => {
    const entries = vi.fn(async (): Promise<PollEntry[]> => []);
    const p = poller({ entries });
    p.reschedule(15_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(entries).not.toHaveBeenCalled();
    p.start();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(entries).toHaveBeenCalledTimes(2);
    p.stop();
  });
});

describe('alarm limits from settings', () => {
  it('are read for every evaluation, so a change applies on the next poll', async () => {
    const site = addSite(emptyInventory(), { name: 'Lab' });
    const { inventory, result: platform } = addPlatform(site.inventory, { siteId: site.result.id, name: 'ap1', address: '10.0.0.5' });
    const entry: PollEntry = {
      target: { platformId: platform.id, name: 'ap1', ssh: sshTargetFor(inventory, platform.id), rootPasswordRef: null, database: null, webserver: null, largeInstanceSharePercent: 20 },
      expect: { thresholdPercent: 90, expectedStandbys: null, dangerousResizeBuild: () => false },
      group: { expectedRole: 'standalone', expectedPrimaryId: null },
    };
    let limits: AlarmThresholds = defaultThresholds();
    const changes: AlarmChange[] = [];
    const p = poller({ entries: async () => [entry], thresholds: () => limits, onAlarms: (c) => changes.push(...c) });
    const disk = () => changes.filter((c) => c.alarm.key === 'disk.usage').map((c) => c.type);

    await p.pollNow();
    expect(disk()).toEqual(['raised']);
    limits = thresholdsWith(defaultThresholds(), { diskWarningMarginPercent: 2 });
    await p.pollNow();
    expect(disk()).toEqual(['raised', 'cleared']);
    limits = defaultThresholds();
    await p.pollNow();
    expect(disk()).toEqual(['raised', 'cleared', 'raised']);
  });
});
