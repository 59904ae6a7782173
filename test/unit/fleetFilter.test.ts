import { describe, expect, it } from 'vitest';
import type { Alarm, Platform, PlatformStatus, Site } from '../../electron/core/contract';
import { filterRows, isFiltering, parseFilter } from '../../renderer/views/fleet/fleetFilter';
import { platformRow } from '../../renderer/views/fleet/fleetRows';

const FACTS = { serverVersionNum: 150004, serverVersion: '15.4', standbyConfPresent: false, statsVisible: true, serverTime: '2025-03-01T10:00:00Z' };

const site = (id: string, name: string, customer: string, tags: string[] = []): Site => ({ id, name, customer, notes: '', tags });

const platform = (id: string, siteId: string, over: Partial<Platform> = {}): Platform => ({
  id,
  siteId,
  name: id,
  address: `10.0.0.${id.length}`,
  sshPort: 22,
  sshUser: 'admin',
  jumpHostIds: [],
  formFactor: 'vm',
  expectedRole: 'standalone',
  expectedPrimaryId: null,
  diskAlarmPercent: 90,
  credentials: { passwordRef: null, privateKeyPath: null, privateKeyRef: null, passphraseRef: null, agent: false, rootPasswordRef: null, managerPasswordRef: null, databaseUser: null, databasePasswordRef: null },
  tags: [],
  notes: '',
  ...over,
});

const status = (platformId: string, over: Partial<PlatformStatus> = {}): PlatformStatus => ({
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
  replication: { role: 'off', inRecovery: false, ...FACTS },
  notes: [],
  ...over,
});

const alarm = (platformId: string, kind: string, severity: Alarm['severity'], cause: string): Alarm => ({
  id: `${platformId}/${kind}/1`,
  platformId,
  key: kind,
  kind,
  severity,
  cause,
  wizard: null,
  raisedAt: '2025-03-01T09:00:00.000Z',
  changedAt: '2025-03-01T09:00:00.000Z',
  clearedAt: null,
  acknowledged: null,
});

const sites = new Map([
  ['muster', site('muster', 'Muster GmbH Berlin', 'Muster', ['berlin'])],
  ['swm', site('swm', 'Stadtwerke München', 'SWM', ['kritis'])],
]);

const standbyState: NonNullable<PlatformStatus['replication']> = {
  role: 'standby',
  ...FACTS,
  inRecovery: true,
  condition: 'streaming',
  receiver: null,
  receiveLsn: null,
  replayLsn: null,
  replayLagBytes: 0,
  replayLagSeconds: 0,
  lastReplayedTransactionTime: null,
  replayPaused: false,
};

const rows = [
  platformRow(platform('ap-berlin-1', 'muster', { expectedRole: 'primary', tags: ['lab'] }), sites.get('muster'), { status: status('ap-berlin-1', { build: 1390 }), receivedAt: 0 }, [], 1),
  platformRow(
    platform('ap-berlin-2', 'muster', { expectedRole: 'standby', expectedPrimaryId: 'ap-berlin-1' }),
    sites.get('muster'),
    { status: status('ap-berlin-2', { replication: standbyState }), receivedAt: 0 },
    [alarm('ap-berlin-2', 'disk.usage', 'warning', 'The data partition is 91 % full (alarm at 90 %).')],
    0,
  ),
  platformRow(
    platform('swm-ap1', 'swm', { expectedRole: 'standby' }),
    sites.get('swm'),
    { status: status('swm-ap1', { build: null, replication: null, reach: { state: 'unreachable', message: 'No route to host.', hostKey: null } }), receivedAt: 0 },
    [alarm('swm-ap1', 'access.unreachable', 'critical', 'swm-ap1 cannot be reached over SSH.')],
    0,
  ),
  platformRow(platform('swm-ap2', 'swm'), sites.get('swm'), { status: status('swm-ap2', { build: 1421 }), receivedAt: 0 }, [], 0),
];

const names = (query: string) => filterRows(rows, query).map((r) => r.name);

describe('parseFilter', () => {
  it('splits on white space, keeps quoted spaces, and knows fields, negation and build comparisons', () => {
    expect(parseFilter('  Muster   site:"Stadtwerke München" -tag:lab build:>=1400 ')).toEqual([
      { field: null, value: 'muster', negate: false, comparison: null },
      { field: 'site', value: 'stadtwerke münchen', negate: false, comparison: null },
      { field: 'tag', value: 'lab', negate: true, comparison: null },
      { field: 'build', value: '1400', negate: false, comparison: '>=' },
    ]);
  });

  it('takes an unknown field as plain text, understands aliases, and skips a field still without a value', () => {
    expect(parseFilter('fe80::1 status:down platform:ap1 site:')).toEqual([
      { field: null, value: 'fe80::1', negate: false, comparison: null },
      { field: 'state', value: 'down', negate: false, comparison: null },
      { field: 'name', value: 'ap1', negate: false, comparison: null },
    ]);
    expect(isFiltering('site: ')).toBe(false);
    expect(isFiltering('')).toBe(false);
    expect(isFiltering('-')).toBe(true);
  });
});

describe('filterRows', () => {
  it('lets every row through without terms, as the same list', () => {
    expect(filterRows(rows, '   ')).toBe(rows);
  });

  it('matches plain words anywhere, case-insensitively, and ANDs them', () => {
    expect(names('berlin')).toEqual(['ap-berlin-1', 'ap-berlin-2']);
    expect(names('SWM')).toEqual(['swm-ap1', 'swm-ap2']);
    expect(names('münchen ap2')).toEqual(['swm-ap2']);
    expect(names('kritis')).toEqual(['swm-ap1', 'swm-ap2']);
    expect(names('nothing-like-this')).toEqual([]);
  });

  it('narrows by site, customer, name and tag (site tags included)', () => {
    expect(names('site:muster')).toEqual(['ap-berlin-1', 'ap-berlin-2']);
    expect(names('customer:swm')).toEqual(['swm-ap1', 'swm-ap2']);
    expect(names('name:ap1')).toEqual(['swm-ap1']);
    expect(names('tag:lab')).toEqual(['ap-berlin-1']);
    expect(names('tag:berlin')).toEqual(['ap-berlin-1', 'ap-berlin-2']);
    expect(names('-tag:lab site:muster')).toEqual(['ap-berlin-2']);
  });

  it('matches the expected role, the role replication shows, and mismatches', () => {
    expect(names('role:standby')).toEqual(['ap-berlin-2', 'swm-ap1']);
    expect(names('role:primary')).toEqual(['ap-berlin-1']);
    expect(names('role:mismatch')).toEqual(['ap-berlin-1']);
    expect(names('role:standalone')).toEqual(['ap-berlin-1', 'swm-ap2']);
  });

  it('matches builds as text and by comparison; a platform without a build never compares', () => {
    expect(names('build:1402')).toEqual(['ap-berlin-2']);
    expect(names('build:14')).toEqual(['ap-berlin-2', 'swm-ap2']);
    expect(names('build:>=1400')).toEqual(['ap-berlin-2', 'swm-ap2']);
    expect(names('build:<1400')).toEqual(['ap-berlin-1']);
    expect(names('build:=1421')).toEqual(['swm-ap2']);
    expect(names('build:>abc')).toEqual([]);
  });

  it('matches alarm text, kind and severity, and the state of the status dot', () => {
    expect(names('alarm:disk')).toEqual(['ap-berlin-2']);
    expect(names('alarm:critical')).toEqual(['swm-ap1']);
    expect(names('alarm:"91 %"')).toEqual(['ap-berlin-2']);
    expect(names('state:unreachable')).toEqual(['swm-ap1']);
    expect(names('state:warn')).toEqual(['ap-berlin-2']);
    expect(names('state:ok')).toEqual(['ap-berlin-1', 'swm-ap2']);
    expect(names('-state:ok -state:unreach')).toEqual(['ap-berlin-2']);
  });
});
