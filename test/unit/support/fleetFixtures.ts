import type { Alarm, Platform, PlatformStatus, Site } from '../../../electron/core/contract';
import { platformOverview } from '../../../electron/core/monitor/fleetOverview';
import type { FleetEntry, FleetInput } from '../../../renderer/views/fleet/fleetRows';

/** A platform without any stored credential. */
export const NO_CREDENTIALS: Platform['credentials'] = {
  passwordRef: null,
  privateKeyPath: null,
  privateKeyRef: null,
  passphraseRef: null,
  agent: false,
  rootPasswordRef: null,
  managerPasswordRef: null,
  databaseUser: null,
  databasePasswordRef: null,
};

/** What a new platform gets when only its site, name and address are given. */
export function platformDefaults(): Omit<Platform, 'id' | 'siteId' | 'name' | 'address' | 'credentials'> {
  return { sshPort: 22, sshUser: 'admin', jumpHostIds: [], formFactor: null, expectedRole: 'standalone', expectedPrimaryId: null, diskAlarmPercent: 90, tags: [], notes: '' };
}

export type PlatformFields = Partial<Omit<Platform, 'credentials'>> & { credentials?: Partial<Platform['credentials']> };

/** A platform of site s1 named by its id; credentials given are merged over none. */
export function testPlatform(id: string, fields: PlatformFields = {}): Platform {
  const { credentials, ...rest } = fields;
  return { id, siteId: 's1', name: id, address: `10.0.0.${id.length}`, ...platformDefaults(), ...rest, credentials: { ...NO_CREDENTIALS, ...credentials } };
}

export function testSite(id: string, name: string, fields: Partial<Site> = {}): Site {
  return { id, name, customer: '', notes: '', tags: [], ...fields };
}

/** The server facts every replication reading carries. */
export const REPLICATION_FACTS = { serverVersionNum: 150004, serverVersion: '15.4', standbyConfPresent: false, statsVisible: true, serverTime: '2025-03-01T10:00:00Z' };

export type StandbyReplication = Extract<NonNullable<PlatformStatus['replication']>, { role: 'standby' }>;

/** A standby in recovery whose WAL receiver streams, caught up, with no receiver details. */
export function testStandby(fields: Partial<StandbyReplication> = {}): StandbyReplication {
  return {
    role: 'standby',
    ...REPLICATION_FACTS,
    inRecovery: true,
    standbyConfPresent: true,
    condition: 'streaming',
    receiver: null,
    receiveLsn: null,
    replayLsn: null,
    replayLagBytes: 0,
    replayLagSeconds: 0,
    lastReplayedTransactionTime: null,
    replayPaused: false,
    ...fields,
  };
}

/** A successful poll of a reachable standalone platform, without disk figures. */
export function testStatus(platformId: string, fields: Partial<PlatformStatus> = {}): PlatformStatus {
  return {
    platformId,
    polledAt: '2025-03-01T10:00:00.000Z',
    durationMs: 900,
    reach: { state: 'ok', message: null, hostKey: null },
    build: 1402,
    formFactor: 'vm',
    uptimeSeconds: 3600,
    load1: 0.2,
    cpuCount: 2,
    memory: null,
    disk: null,
    reserveFilePresent: true,
    reserveFileBytes: null,
    logsBytes: null,
    pgsqlBytes: null,
    coreDumps: null,
    services: { manager: true, webserver: true, postgres: true, managerHttps: true },
    certificate: null,
    managerVersion: null,
    managerLogin: 'not_tried',
    instances: [],
    replication: { role: 'off', inRecovery: false, ...REPLICATION_FACTS },
    notes: [],
    ...fields,
  };
}

/** A raised, unacknowledged disk warning on ap1. */
export function testAlarm(id: string, fields: Partial<Alarm> = {}): Alarm {
  return {
    id,
    platformId: 'ap1',
    key: id,
    kind: 'disk.usage',
    severity: 'warning',
    cause: 'The disk is 91 % full.',
    wizard: null,
    raisedAt: '2025-03-01T09:00:00.000Z',
    changedAt: '2025-03-01T09:00:00.000Z',
    clearedAt: null,
    acknowledged: null,
    ...fields,
  };
}

/** An alarm of a platform as the monitor keys it: the key is also its kind. */
export function platformAlarm(platformId: string, key: string, fields: Partial<Alarm> = {}): Alarm {
  return testAlarm(`${platformId}/${key}/1`, { platformId, key, kind: key, cause: `${key} is not right`, ...fields });
}

/** A platform as the fleet overview lists it, with a status received at `receivedAt`. */
export function fleetEntry(platform: Platform, known?: { status: PlatformStatus; receivedAt: number }): FleetEntry {
  return { platform: platformOverview(platform, known && { status: known.status, ageSeconds: 0 }), receivedAt: known?.receivedAt ?? null };
}

/** The row builder's input from inventory platforms and their statuses. */
export function fleetInput(sites: ReadonlyMap<string, Site>, platforms: readonly Platform[], statuses: ReadonlyMap<string, { status: PlatformStatus; receivedAt: number }>, alarms: readonly Alarm[]): FleetInput {
  return { sites, entries: platforms.map((p) => fleetEntry(p, statuses.get(p.id))), alarms };
}
