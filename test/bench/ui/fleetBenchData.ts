import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Alarm, Platform, PlatformStatus, Site } from '../../../electron/core/contract';
import { PlatformStatus as PlatformStatusSchema } from '../../../electron/core/contract';
import { createInventoryStore } from '../../../electron/core/fleet/inventoryStore';
import { createStatusStore } from '../../../electron/core/fleet/statusStore';
import { AlarmTracker } from '../../../electron/core/monitor/alarmTracker';
import type { TrackedAlarm } from '../../../electron/core/monitor/alarmTracker';
import type { AlarmFinding } from '../../../electron/core/monitor/alarmTypes';
import { toWireAlarm } from '../../../electron/core/monitor/monitorService';
import type { ReplicationState, StandbyConnection } from '../../../electron/core/replication/replicationState';

/**
 * Benchmark input, never product data: a made-up fleet of many sites with ten platforms each, every platform
 * with a last status (instances, disk, replication) and the alarms such a fleet would have. Seeded, so every
 * run types against the same fleet.
 */
export interface BenchFleet {
  sites: Site[];
  platforms: Platform[];
  statuses: PlatformStatus[];
  /** As the engine hands them to the renderer. */
  alarms: Alarm[];
  /** As the monitor keeps them in alarms.json. */
  trackedAlarms: TrackedAlarm[];
  instances: number;
}

const CITIES = ['Berlin', 'Hamburg', 'München', 'Köln', 'Frankfurt', 'Stuttgart', 'Düsseldorf', 'Leipzig', 'Dortmund', 'Essen', 'Bremen', 'Dresden', 'Hannover', 'Nürnberg', 'Bonn', 'Münster', 'Kiel', 'Graz', 'Linz', 'Zürich'];
const CUSTOMERS = ['Stadtwerke', 'Klinikum', 'Muster GmbH', 'Landratsamt', 'Sparkasse', 'Hochschule', 'Logistik AG', 'Autohaus', 'Kanzlei', 'Brauerei'];
const APPS = ['users', 'devices', 'reporting', 'queues', 'contacts', 'fax', 'voicemail', 'recording', 'switchboard', 'calendar'];
const GiB = 1024 ** 3;
const CREDENTIALS = { passwordRef: null, privateKeyPath: null, privateKeyRef: null, passphraseRef: null, agent: false, rootPasswordRef: null, managerPasswordRef: null, databaseUser: null, databasePasswordRef: null };

/** mulberry32: small, fast, and the same numbers for the same seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const slug = (text: string) => text.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '');

export function generateBenchFleet(siteCount: number, platformsPerSite: number, instancesPerPlatform: number, now = Date.now()): BenchFleet {
  const rand = random(1402);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  const sites: Site[] = [];
  const platforms: Platform[] = [];
  const statuses: PlatformStatus[] = [];
  const tracker = new AlarmTracker();
  const facts = (inRecovery: boolean) => ({ serverVersionNum: 150004, serverVersion: '15.4', inRecovery, standbyConfPresent: inRecovery, statsVisible: true, serverTime: new Date(now).toISOString() });

  for (let s = 0; s < siteCount; s++) {
    const city = CITIES[s % CITIES.length] as string;
    const customer = CUSTOMERS[Math.floor(s / CITIES.length) % CUSTOMERS.length] as string;
    const siteId = `site-${s}`;
    const siteName = `${customer} ${city} ${String(s).padStart(3, '0')}`;
    sites.push({ id: siteId, name: siteName, customer: `${customer} ${city}`, notes: '', tags: rand() < 0.1 ? ['kritis'] : rand() < 0.2 ? ['wartungsvertrag'] : [] });
    const primaryId = `ap-${s}-1`;
    for (let p = 1; p <= platformsPerSite; p++) {
      const id = `ap-${s}-${p}`;
      const expectedRole = p === 1 ? 'primary' : p === 2 ? 'standby' : 'standalone';
      const gateway = p > 8;
      platforms.push({
        id,
        siteId,
        name: `${slug(city)}-${s}-ap${p}`,
        address: `10.${Math.floor(s / 250)}.${s % 250}.${10 + p}`,
        sshPort: 22,
        sshUser: 'admin',
        jumpHostIds: [],
        formFactor: gateway ? 'gateway-arm64' : 'vm',
        expectedRole,
        expectedPrimaryId: expectedRole === 'standby' ? primaryId : null,
        diskAlarmPercent: 90,
        credentials: CREDENTIALS,
        tags: gateway ? ['gateway'] : rand() < 0.05 ? ['lab'] : [],
        notes: '',
      });
      const reached = rand() > 0.04;
      const polledAt = now - Math.floor(rand() * 120_000);
      const findings: AlarmFinding[] = [];
      if (!reached) findings.push({ key: 'access.unreachable', kind: 'access.unreachable', severity: 'critical', cause: `${id} cannot be reached over SSH: no route to host.`, wizard: null });
      const percent = Math.round((20 + rand() * 78) * 10) / 10;
      const sizeBytes = (gateway ? 8 : 40) * GiB;
      const usedBytes = Math.round((sizeBytes * percent) / 100);
      const filling = rand() < 0.2;
      const hoursToFull = filling ? Math.round(rand() * 200 * 10) / 10 : null;
      if (reached && percent >= 90) findings.push({ key: 'disk.usage', kind: 'disk.usage', severity: percent >= 95 ? 'critical' : 'warning', cause: `The data partition is ${percent} % full (alarm at 90 %).`, wizard: null });
      if (reached && hoursToFull !== null && hoursToFull < 24) findings.push({ key: 'disk.timeToFull', kind: 'disk.timeToFull', severity: 'warning', cause: `The data partition will be full in about ${Math.round(hoursToFull)} h at the current rate.`, wizard: null });
      let replication: ReplicationState | null = null;
      if (reached) {
        if (expectedRole === 'primary') {
          const streaming = rand() > 0.05;
          const standby: StandbyConnection = {
            pid: 4000 + p, applicationName: `ap-${s}-2`, clientAddress: `10.${Math.floor(s / 250)}.${s % 250}.12`, state: streaming ? 'streaming' : 'catchup', syncState: 'async', slotName: 'standby1',
            sentLsn: '0/3000060', writeLsn: '0/3000060', flushLsn: '0/3000060', replayLsn: '0/3000060', sentLagBytes: 0, writeLagBytes: 0, flushLagBytes: 0, replayLagBytes: 0,
            writeLagSeconds: null, flushLagSeconds: null, replayLagSeconds: null, replyAgeSeconds: 1,
          };
          replication = {
            role: 'primary', ...facts(false), currentLsn: '0/3000060', standbys: [standby],
            slots: [{ slotName: 'standby1', slotType: 'physical', temporary: false, active: true, activePid: 4000 + p, restartLsn: '0/3000000', retainedWalBytes: 96, walStatus: 'reserved', safeWalSizeBytes: null, inactiveSince: null, invalidationReason: null }],
          };
          if (!streaming) findings.push({ key: 'replication.notStreaming:standby1', kind: 'replication.notStreaming', severity: 'warning', cause: `The standby ap-${s}-2 is connected but not streaming (catchup).`, wizard: null });
        } else if (expectedRole === 'standby') {
          replication = {
            role: 'standby', ...facts(true), condition: 'streaming', receiver: null, receiveLsn: '0/3000060', replayLsn: '0/3000060', replayLagBytes: 0,
            replayLagSeconds: Math.floor(rand() * 6), lastReplayedTransactionTime: new Date(now - 3_000).toISOString(), replayPaused: false,
          };
        } else {
          replication = { role: 'off', ...facts(false) };
        }
      }
      const build = 1380 + Math.floor(rand() * 46);
      statuses.push({
        platformId: id,
        polledAt: new Date(polledAt).toISOString(),
        durationMs: 600 + Math.floor(rand() * 2_000),
        reach: reached ? { state: 'ok', message: null, hostKey: null } : { state: 'unreachable', message: `${id} (10.${Math.floor(s / 250)}.${s % 250}.${10 + p}:22) did not answer: no route to host.`, hostKey: null },
        build: reached ? build : null,
        formFactor: gateway ? 'gateway-arm64' : 'vm',
        uptimeSeconds: reached ? Math.floor(rand() * 90 * 86_400) : null,
        load1: reached ? Math.round(rand() * 200) / 100 : null,
        cpuCount: reached ? (gateway ? 4 : 2) : null,
        memory: reached ? { totalBytes: 4 * GiB, availableBytes: Math.round(rand() * 3 * GiB) } : null,
        disk: reached ? { device: '/dev/sda2', mount: '/mnt/sda2', sizeBytes, usedBytes, availBytes: sizeBytes - usedBytes, percent, fillBytesPerHour: filling ? Math.round(rand() * 50 * 1024 ** 2) : null, hoursToFull } : null,
        reserveFilePresent: reached ? true : null,
        reserveFileBytes: reached ? 512 * 1024 ** 2 : null,
        logsBytes: reached ? Math.round(rand() * 2 * GiB) : null,
        pgsqlBytes: reached ? Math.round(rand() * 10 * GiB) : null,
        coreDumps: reached ? { count: 0, bytes: 0, newestPath: null, newestAt: null } : null,
        services: reached ? { manager: true, webserver: true, postgres: true, managerHttps: true } : { manager: null, webserver: null, postgres: null, managerHttps: null },
        certificate: null,
        managerVersion: null,
        managerLogin: 'not_tried',
        instances: reached
          ? Array.from({ length: instancesPerPlatform }, (_, i) => {
              const app = APPS[i % APPS.length] as string;
              const domain = `${slug(city)}${s}.example`;
              return { database: `${domain.replace(/\W/g, '_')}_${app}`, owner: app, bytes: Math.round(rand() * 500 * 1024 ** 2), domain, instance: app, app: pick(APPS), source: 'manager' as const, sharePercent: Math.round(rand() * 100) / 10, large: false };
            })
          : null,
        replication,
        notes: [],
      });
      tracker.apply(id, findings, new Set(['access', 'disk', 'replication']), polledAt);
    }
  }
  const trackedAlarms = tracker.active();
  return { sites, platforms, statuses, alarms: trackedAlarms.map(toWireAlarm), trackedAlarms, instances: statuses.reduce((n, s) => n + (s.instances?.length ?? 0), 0) };
}

/** Writes the fleet into a data folder with the engine's own stores, as the console would have left it. */
export async function writeBenchFleet(dataDir: string, fleet: BenchFleet): Promise<void> {
  const inventory = createInventoryStore(dataDir);
  await inventory.change((current) => ({ inventory: { ...current, sites: fleet.sites, platforms: fleet.platforms }, result: null, changedIds: [] }));
  const statuses = createStatusStore(dataDir, PlatformStatusSchema);
  await statuses.recordMany(fleet.statuses.map((status) => ({ platformId: status.platformId, status, at: new Date(status.polledAt) })));
  // The monitor keeps its alarms in alarms.json, as the tracker holds them (times in ms).
  await writeFile(join(dataDir, 'alarms.json'), JSON.stringify({ version: 1, alarms: fleet.trackedAlarms }));
}
