import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm, EventMessage, PlatformStatus } from '../../../electron/core/contract';
import type { Engine } from '../../../electron/core/engine';
import { labUp } from '../../lab/lab';
import { fleetFile } from '../../lab/labPaths';
import { run } from '../../lab/run';
import { inPlatform } from '../../lab/platformNamespace';
import { isRoot } from '../connect/connectLab';
import { callEngine as call, closeLabEngine, importLabFleet, labHostKeyFingerprint, quietEngine } from './labEngine';

const AP = 'eng-ap';
const MASTER = 'Monitor-Master-7781';

describe.skipIf(!isRoot)('the monitor through the contract, on a lab platform', () => {
  let dataDir: string;
  let engine: Engine;
  const events: EventMessage[] = [];
  let platformId = '';

  const statusOf = async (target: Engine) => (await call<{ statuses: Array<{ status: PlatformStatus; ageSeconds: number }> }>(target, 'monitor.statuses')).result.statuses.find((s) => s.status.platformId === platformId);
  const alarms = async (target: Engine) => (await call<{ active: Alarm[]; history: Alarm[] }>(target, 'alarms.list')).result;

  beforeAll(async () => {
    await labUp({ platforms: [{ name: AP, diskMiB: 1024, instances: [{ domain: 'kunde.de', name: 'devices', sizeMiB: 4 }] }] });
    dataDir = await mkdtemp(join(tmpdir(), 'apc-monitor-engine-'));
    engine = quietEngine(dataDir);
    engine.subscribe((event) => events.push(event));
    platformId = (await importLabFleet(engine, MASTER, AP)).id;
  }, 300_000);

  afterAll(() => closeLabEngine(engine, dataDir));

  it('asks to confirm an unknown host key, with its fingerprint, before anything else', async () => {
    expect((await call<{ polled: number; reached: number }>(engine, 'monitor.pollNow')).result).toEqual({ polled: 1, reached: 0 });
    const status = (await statusOf(engine))?.status;
    expect(status?.reach).toMatchObject({ state: 'host_key_unknown', hostKey: { id: platformId, keyType: 'ssh-ed25519', fingerprint: expect.stringMatching(/^SHA256:/) } });
    expect((await alarms(engine)).active.map((a) => a.kind)).toEqual(['access.hostKeyUnknown']);
    expect(events.some((e) => e.event === 'alarms.changed')).toBe(true);
    const hostKey = status?.reach.hostKey;
    // The fingerprint OpenSSH itself computes for the platform's key.
    expect(await labHostKeyFingerprint(AP)).toBe(hostKey?.fingerprint);
    expect((await call(engine, 'hostKeys.accept', { id: hostKey?.id, host: hostKey?.host, port: hostKey?.port, key: hostKey?.key })).ok).toBe(true);
  });

  it('polls the platform once its key is pinned: figures, instances and no alarm, pushed as events', async () => {
    events.length = 0;
    expect((await call(engine, 'monitor.pollNow', { platformIds: [platformId] })).result).toEqual({ polled: 1, reached: 1 });
    const status = (await statusOf(engine))?.status;
    expect(status?.reach).toEqual({ state: 'ok', message: null, hostKey: null });
    expect(status?.build).toBe(140029);
    expect(status?.services).toEqual({ manager: true, webserver: true, postgres: true, managerHttps: true });
    expect(status?.instances?.map((i) => i.database)).toEqual(['kunde.de_devices']);
    expect(status?.replication?.role).toBe('off');
    const { stdout } = await inPlatform(AP, ['df', '-B1', '--output=size', '/mnt/sda2']);
    expect(status?.disk?.sizeBytes).toBe(Number(stdout.trim().split('\n')[1]));
    expect((await alarms(engine)).active).toEqual([]);
    expect((await alarms(engine)).history.map((a) => a.kind)).toEqual(['access.hostKeyUnknown']);
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['monitor.status', 'alarms.changed']));
    expect(JSON.stringify(events)).not.toContain('ipapps');
    expect(status?.managerLogin).toBe('not_tried');
  });

  it('logs in to the AP Manager once its password is stored and its certificate is trusted', async () => {
    const ref = `platform:${platformId}:manager-password`;
    expect((await call(engine, 'vault.setSecret', { ref, secret: 'pwd' })).ok).toBe(true);
    expect((await call(engine, 'fleet.updatePlatform', { id: platformId, credentials: { managerPasswordRef: ref } })).ok).toBe(true);
    await call(engine, 'monitor.pollNow');
    const untrusted = (await statusOf(engine))?.status;
    expect(untrusted).toMatchObject({ managerLogin: 'untrusted', managerVersion: null, certificate: { trusted: false, sha256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) } });
    const bad = await call(engine, 'webserver.trust', { platformId, sha256: 'not a fingerprint'.padEnd(64, 'x') });
    expect(bad.ok).toBe(false);
    expect((await call(engine, 'webserver.trust', { platformId, sha256: untrusted?.certificate?.sha256 })).ok).toBe(true);
    await call(engine, 'monitor.pollNow');
    expect((await statusOf(engine))?.status).toMatchObject({ managerLogin: 'ok', managerVersion: '140029', certificate: { trusted: true } });
  });

  it('polls a lab fleet file from the command line and prints JSON', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'apc-poll-cli-'));
    try {
      const cli = join(__dirname, '..', '..', '..', 'electron', 'core', 'monitor', 'cli', 'pollCli.ts');
      const tsx = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
      const refused = await run(tsx, [cli, '--data-dir', scratch, '--fleet', fleetFile(), '--json'], { allowFailure: true });
      expect(refused.code).toBe(2);
      expect(JSON.parse(refused.stdout).platforms.map((p: { reach: string }) => p.reach)).toEqual(['host_key_unknown']);
      const { stdout } = await run(tsx, [cli, '--data-dir', scratch, '--fleet', fleetFile(), '--accept-new-host-keys', '--json']);
      const report = JSON.parse(stdout) as { platforms: Array<{ name: string; reach: string; status: PlatformStatus; alarms: Alarm[] }> };
      expect(report.platforms).toMatchObject([{ name: AP, reach: 'ok', status: { build: 140029, services: { postgres: true } }, alarms: [] }]);
      expect(stdout).not.toContain('ipapps');
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('shows the last status at once after a restart, with its age, and keeps the alarm history', async () => {
    await engine.close();
    const again = quietEngine(dataDir);
    try {
      const last = await statusOf(again);
      expect(last?.status.reach.state).toBe('ok');
      expect(last?.ageSeconds).toBeGreaterThanOrEqual(0);
      expect((await alarms(again)).history.map((a) => a.kind)).toEqual(['access.hostKeyUnknown']);
      // A locked vault: polls say what to do instead of failing somewhere else.
      expect((await call(again, 'monitor.pollNow')).result).toEqual({ polled: 1, reached: 0 });
      const locked = (await statusOf(again))?.status;
      expect(locked?.reach).toMatchObject({ state: 'auth_failed', message: expect.stringContaining('The vault is locked') });
      expect((await call(again, 'vault.unlock', { masterPassword: MASTER })).ok).toBe(true);
      expect((await call(again, 'monitor.pollNow')).result).toEqual({ polled: 1, reached: 1 });
      expect((await alarms(again)).active).toEqual([]);
    } finally {
      await again.close();
    }
    engine = quietEngine(dataDir);
  });
});
