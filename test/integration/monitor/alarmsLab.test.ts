import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectError } from '../../../electron/core/connect/connectError';
import type { HostKeyDecision } from '../../../electron/core/connect/hostKeyPin';
import { probeHttps } from '../../../electron/core/connect/https/httpsProbe';
import { connectTarget } from '../../../electron/core/connect/sshConnect';
import type { SshPool } from '../../../electron/core/connect/sshPool';
import { defaultThresholds } from '../../../electron/core/monitor/alarmThresholds';
import { AlarmTracker } from '../../../electron/core/monitor/alarmTracker';
import type { AlarmChange } from '../../../electron/core/monitor/alarmTracker';
import { platformProbe } from '../../../electron/core/monitor/platformProbe';
import { Poller } from '../../../electron/core/monitor/poller';
import type { PollEntry } from '../../../electron/core/monitor/poller';
import type { PlatformPoll } from '../../../electron/core/monitor/pollPlatform';
import { RootSessions } from '../../../electron/core/monitor/rootSessions';
import { createUsageHistory } from '../../../electron/core/monitor/usageHistory';
import { dangerousResizeBuild } from '../../../electron/core/platform/buildGates';
import type { PlatformFacts } from '../../../electron/core/platform/platformFacts';
import {
  customCertificate, defaultCertificate, fillDisk, healDisk, healPartition, partition, removeReserve, restoreReserve, rotateHostKey, setBuild, setPassword, startManager, startPostgres, stopManager, stopPostgres,
} from '../../lab/faults';
import { inPlatform } from '../../lab/platformNamespace';
import { psqlAsPostgres } from '../../lab/postgres';
import { isRoot, startConnectLab } from '../connect/connectLab';
import type { ConnectLab } from '../connect/connectLab';

const PRI = 'mon-pri';
const SB = 'mon-sb';
const RESERVE = '/mnt/sda2/empty_if_no_space';

describe.skipIf(!isRoot)('alarms of a lab replication group, raised by faults and cleared again', () => {
  let lab: ConnectLab;
  let pool: SshPool;
  let poller: Poller<PlatformFacts>;
  let clock = Date.now();
  const tracker = new AlarmTracker();
  const changes: AlarmChange[] = [];
  const latest = new Map<string, PlatformPoll<PlatformFacts>>();

  const active = (platformId: string) => tracker.active().filter((a) => a.platformId === platformId).map((a) => `${a.key}=${a.severity}`).sort();
  /** The active alarms of a platform in the given areas only. */
  const activeIn = (platformId: string, ...areas: string[]) => active(platformId).filter((key) => areas.some((area) => key.startsWith(`${area}.`)));
  /** Polls both platforms, the clock moved on by `minutes` first. */
  const poll = async (minutes = 1) => {
    clock += minutes * 60_000;
    await poller.pollNow();
  };
  /** Polls until `check` holds: the platform may take a few seconds to notice (e.g. a WAL receiver timing out). */
  const pollUntil = async (check: () => boolean, what: string, tries = 20) => {
    for (let i = 0; i < tries; i++) {
      await poll();
      if (check()) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error(`${what} did not happen; active: ${JSON.stringify(tracker.active().map((a) => a.key))}`);
  };
  const platformDf = async (name: string) => {
    const { stdout } = await inPlatform(name, ['df', '-B1', '--output=size,used,avail,pcent', '/mnt/sda2']);
    const [size, used, avail, pcent] = (stdout.trim().split('\n')[1] ?? '').trim().split(/\s+/);
    return { size: Number(size), used: Number(used), avail: Number(avail), percent: Number(pcent?.replace('%', '')) };
  };

  beforeAll(async () => {
    lab = await startConnectLab({
      platforms: [
        { name: PRI, diskMiB: 320, instances: [{ domain: 'example.com', name: 'reporting1', sizeMiB: 16 }] },
        { name: SB, diskMiB: 320, sshServer: 'dropbear' },
      ],
      replication: [{ primary: PRI, standbys: [{ platform: SB, standbyName: 'sb1' }] }],
    });
    for (const name of [PRI, SB]) await lab.trust(lab.target(name));
    const pins = new Map<string, string>();
    for (const name of [PRI, SB]) {
      const probe = await probeHttps({ host: lab.platform(name).address });
      if (probe.reachable && probe.chain[0]) pins.set(name, probe.chain[0].sha256);
    }
    pool = lab.newPool();
    for (const name of [PRI, SB]) lab.secrets.set(`lab:${name}:manager`, 'pwd');
    const entries = async (): Promise<PollEntry[]> =>
      [PRI, SB].map((name) => ({
        target: {
          platformId: name,
          name,
          ssh: lab.target(name),
          rootPasswordRef: `lab:${name}:root`,
          managerPasswordRef: `lab:${name}:manager`,
          database: null,
          webserver: { host: lab.platform(name).address, port: 443, pinnedCertSha256: pins.get(name) ?? null },
          largeInstanceSharePercent: 5,
        },
        expect: { thresholdPercent: 90, expectedStandbys: name === PRI ? 1 : null, dangerousResizeBuild },
        group: { expectedRole: name === PRI ? 'primary' : 'standby', expectedPrimaryId: name === SB ? PRI : null },
      }));
    poller = new Poller<PlatformFacts>({
      entries,
      deps: { pool, roots: new RootSessions(), secrets: async (ref) => lab.secrets.get(ref), probe: platformProbe, now: () => clock },
      history: createUsageHistory(lab.dataDir),
      tracker,
      // Lab disks are small: the free-space minimum meant for real disks would always fire.
      thresholds: () => ({ ...defaultThresholds(), diskMinimumFreeBytes: 4 * 1024 * 1024 }),
      intervalMs: 3_600_000,
      concurrency: 4,
      platformTimeoutMs: 60_000,
      onPoll: (p) => latest.set(p.platformId, p),
      onAlarms: (c) => changes.push(...c),
      onError: (error) => {
        throw error;
      },
      now: () => clock,
    });
  }, 300_000);

  afterAll(async () => {
    poller?.stop();
    await lab?.stop();
  });

  it('sees a healthy group with no alarm, and figures that match the platforms', async () => {
    await poll();
    expect(active(PRI)).toEqual([]);
    expect(active(SB)).toEqual([]);
    const pri = latest.get(PRI);
    const df = await platformDf(PRI);
    expect(pri?.view?.disk).toMatchObject({ device: '/dev/sda2', sizeBytes: df.size, percent: df.percent });
    expect(Math.abs((pri?.view?.disk?.usedBytes ?? 0) - df.used)).toBeLessThan(2 * 1024 * 1024);
    const { stdout } = await psqlAsPostgres(PRI, 'postgres', "\\pset tuples_only on\n\\pset format unaligned\nSELECT pg_database_size('example.com_reporting1');\n");
    expect(pri?.instances?.find((i) => i.database === 'example.com_reporting1')).toMatchObject({ bytes: Number(stdout.trim()), app: 'innovaphone-app', large: true });
    expect(pri?.replication).toMatchObject({ role: 'primary', standbys: [{ applicationName: 'sb1', state: 'streaming' }], slots: [{ slotName: 'sb1', active: true }] });
    expect(latest.get(SB)?.replication).toMatchObject({ role: 'standby', condition: 'streaming', standbyConfPresent: true });
    expect(latest.get(SB)?.view?.services).toEqual({ manager: true, webserver: true, postgres: true });
    expect(pri?.manager).toEqual({ login: 'ok', version: (await inPlatform(PRI, ['cat', '/mnt/sda1/label'])).stdout.trim(), message: null });
  });

  it('raises a manager password the AP Manager refuses, and clears it with the right one', async () => {
    lab.secrets.set(`lab:${PRI}:manager`, 'not-the-manager-password');
    await poll();
    expect(active(PRI)).toEqual(['access.managerLogin=warning']);
    expect(JSON.stringify(tracker.active())).not.toContain('not-the-manager-password');
    lab.secrets.set(`lab:${PRI}:manager`, 'pwd');
    await poll();
    expect(active(PRI)).toEqual([]);
  });

  it('raises the disk alarm at 10 points before the threshold, critical at it, and clears it', async () => {
    await fillDisk(PRI, 83);
    await poll();
    expect(active(PRI)).toEqual(['disk.usage=warning']);
    await fillDisk(PRI, 95);
    await poll();
    expect(active(PRI)).toEqual(['disk.usage=critical']);
    expect(tracker.active().find((a) => a.key === 'disk.usage')?.cause).toMatch(/^\/dev\/sda2 is 9[5-6]% full .*the AP stops all apps/);
    await healDisk(PRI);
    await poll();
    expect(active(PRI)).toEqual([]);
    expect(tracker.history().find((a) => a.key === 'disk.usage')?.clearedAt).toBe(clock);
  });

  it('sees the disk filling up and says when it is full', async () => {
    // Hours later, so the readings of the tests before are out of the fill-rate window.
    for (const [percent, minutes] of [[61, 420], [63, 60], [65, 60], [67, 60]] as const) {
      await fillDisk(PRI, percent);
      await poll(minutes);
    }
    expect(active(PRI)).toEqual(['disk.timeToFull=warning']);
    expect(tracker.active().find((a) => a.key === 'disk.timeToFull')?.cause).toMatch(/fills at [\d.]+ MiB\/h: the 90% threshold is reached in \d+ h, the disk is full in \d+ h\./);
    await healDisk(PRI);
    await poll(60);
    expect(active(PRI)).toEqual([]);
  });

  it('raises a missing reserve file and clears it when the file is back', async () => {
    const { stdout } = await inPlatform(PRI, ['stat', '-c', '%s', RESERVE]);
    await removeReserve(PRI);
    await poll();
    expect(active(PRI)).toEqual(['disk.reserveMissing=warning']);
    await restoreReserve(PRI, Number(stdout.trim()));
    await poll();
    expect(active(PRI)).toEqual([]);
  });

  it('raises a stopped manager, and its HTTPS, and clears them', async () => {
    await stopManager(PRI);
    await poll();
    // Stopping the manager stops the apps and the webserver it runs.
    expect(active(PRI)).toEqual(['service.manager=critical', 'service.managerHttps=critical', 'service.webserver=critical']);
    await startManager(PRI);
    await pollUntil(() => active(PRI).length === 0, 'the manager coming back');
  });

  it('warns of a certificate that expires within 30 days, and clears when the default one is back', async () => {
    await customCertificate(PRI);
    await stopManager(PRI);
    await startManager(PRI);
    await pollUntil(() => active(PRI).includes('certificate.expiry=warning'), 'the short certificate being seen');
    expect(tracker.active().find((a) => a.key === 'certificate.expiry')?.cause).toMatch(/^The webserver certificate expires in 29 days/);
    await defaultCertificate(PRI);
    await stopManager(PRI);
    await startManager(PRI);
    await pollUntil(() => active(PRI).length === 0, 'the default certificate being back');
  });

  it('raises a dangerous build for a VM disk resize', async () => {
    await setBuild(PRI, 130010);
    await poll();
    expect(active(PRI)).toEqual(['build.dangerousResize=warning']);
    await setBuild(PRI, 140029);
    await poll();
    expect(active(PRI)).toEqual([]);
  });

  it('stops at a rotated host key and a changed password, keeping what it knew', async () => {
    await fillDisk(SB, 85);
    await poll();
    const known = active(SB);
    expect(known).toContain('disk.usage=warning');
    await rotateHostKey(SB, 'dropbear');
    pool.reset(SB);
    await poll();
    // Nothing new is known of the disk: its alarms stay as they were.
    expect(active(SB)).toEqual(['access.hostKeyChanged=critical', ...known].sort());
    expect(latest.get(SB)?.reach).toMatchObject({ state: 'host_key_changed' });
    const decision = await connectTarget(lab.target(SB), lab.connectOptions()).then(
      () => undefined,
      (error: unknown) => (isConnectError(error, 'host_key_changed') ? (error.details.decision as HostKeyDecision) : undefined),
    );
    expect(decision).toBeDefined();
    await lab.hostKeys.replace(decision as HostKeyDecision, (decision as HostKeyDecision).fingerprint);
    pool.reset(SB);
    await healDisk(SB);
    await poll();
    expect(active(SB)).toEqual([]);

    await setPassword(SB, 'admin', 'Devices-Neu-123');
    pool.reset(SB);
    await poll();
    expect(active(SB)).toEqual(['access.authFailed=critical']);
    await setPassword(SB, 'admin', 'ipapps');
    pool.reset(SB);
    await poll();
    expect(active(SB)).toEqual([]);
  });

  it('raises a partitioned standby on both sides and clears it when the link is back', async () => {
    const primaryAddress = lab.platform(PRI).address;
    await partition(SB, primaryAddress);
    await pollUntil(
      () => activeIn(SB, 'replication').some((key) => /^replication\.(primaryUnreachable|notStreaming)=warning$/.test(key)) && activeIn(PRI, 'replication').includes('replication.slotInactive:sb1=warning'),
      'the partition being noticed',
      40,
    );
    await healPartition(SB, primaryAddress);
    await pollUntil(() => activeIn(PRI, 'replication').length === 0 && activeIn(SB, 'replication').length === 0, 'streaming after the partition', 40);
  });

  it('sees a stopped standby on both sides, escalates after 5 minutes, and sees WAL piling up', async () => {
    await stopPostgres(SB);
    await pollUntil(() => active(PRI).includes('replication.slotInactive:sb1=warning'), 'the slot turning inactive');
    expect(activeIn(SB, 'service', 'replication')).toEqual(['service.postgres=critical']);
    for (let i = 0; i < 4; i++) {
      await psqlAsPostgres(PRI, 'example.com_reporting1', "INSERT INTO data (payload) SELECT repeat(md5(random()::text), 64) FROM generate_series(1, 300);\n");
      await poll(30);
    }
    expect(activeIn(PRI, 'replication')).toEqual(['replication.slotInactive:sb1=critical', 'replication.standbyMissing=critical', expect.stringMatching(/^replication\.walRetained=(warning|critical)$/)]);
    expect(tracker.active().find((a) => a.key === 'replication.walRetained')?.cause).toMatch(/^WAL kept for a disconnected standby grows by [\d.]+ [KMG]iB\/h: at that rate this primary's disk is full in /);
    await startPostgres(SB);
    await pollUntil(() => activeIn(PRI, 'replication').length === 0 && activeIn(SB, 'service', 'replication').length === 0, 'the standby streaming again');
  });

  it('raises split brain when the standby is promoted', async () => {
    await psqlAsPostgres(SB, 'postgres', 'SELECT pg_promote();\n');
    await pollUntil(() => active(SB).includes('replication.splitBrain=critical'), 'the split brain being seen');
    expect(active(PRI)).toEqual(expect.arrayContaining(['replication.splitBrain=critical']));
    expect(active(SB)).toEqual(expect.arrayContaining(['replication.roleMismatch=warning']));
    expect(changes.filter((c) => c.type === 'raised').length).toBeGreaterThan(10);
    expect(changes.filter((c) => c.type === 'cleared').length).toBeGreaterThan(10);
  });
});
