import { describe, expect, it } from 'vitest';
import { replicationBrief } from '../../electron/core/contract';
import type { Alarm, Platform, PlatformStatus, Site } from '../../electron/core/contract';
import type { StandbyConnection } from '../../electron/core/replication/replicationState';
import { arrangeFleetRows } from '../../renderer/views/fleet/arrangeFleetRows';
import {
  actualRoleOf,
  createRowBuilder,
  createRowKeeper,
  fleetCounts,
  groupRows,
  platformRow,
  replicationSummary,
  replicationTone,
  siteTotals,
  sortRows,
  worstAlarm,
} from '../../renderer/views/fleet/fleetRows';
import type { PlatformRow, SiteGroupRow } from '../../renderer/views/fleet/fleetRows';
import { REPLICATION_FACTS, platformAlarm as alarm, fleetEntry, fleetInput, testPlatform, testSite as site, testStandby, testStatus } from './support/fleetFixtures';
import type { StandbyReplication } from './support/fleetFixtures';

const GiB = 1024 ** 3;
type Replication = NonNullable<PlatformStatus['replication']>;

const platform = (id: string, siteId: string, fields: Partial<Platform> = {}) => testPlatform(id, { siteId, address: `${id}.example`, ...fields });

const HALF_FULL: PlatformStatus['disk'] = { device: '/dev/sda2', mount: '/mnt/sda2', sizeBytes: 10 * GiB, usedBytes: 5 * GiB, availBytes: 5 * GiB, percent: 50, fillBytesPerHour: null, hoursToFull: null };
const status = (platformId: string, fields: Partial<PlatformStatus> = {}) => testStatus(platformId, { disk: HALF_FULL, ...fields });

const known = (s: PlatformStatus, receivedAt = 1_000) => ({ status: s, receivedAt });

const connection = (state: string, replayLagSeconds: number | null = 0): StandbyConnection => ({
  pid: 1,
  applicationName: 'standby',
  clientAddress: '10.0.0.2',
  state,
  syncState: 'async',
  slotName: 'sb1',
  sentLsn: '0/3000000',
  writeLsn: '0/3000000',
  flushLsn: '0/3000000',
  replayLsn: '0/3000000',
  sentLagBytes: 0,
  writeLagBytes: 0,
  flushLagBytes: 0,
  replayLagBytes: 0,
  writeLagSeconds: null,
  flushLagSeconds: null,
  replayLagSeconds,
  replyAgeSeconds: 1,
});

const primary = (standbys: StandbyConnection[], slots = standbys.length): Replication => ({
  role: 'primary',
  inRecovery: false,
  ...REPLICATION_FACTS,
  currentLsn: '0/3000000',
  standbys,
  slots: Array.from({ length: slots }, (_, i) => ({
    slotName: `sb${i + 1}`,
    slotType: 'physical',
    temporary: false,
    active: i < standbys.length,
    activePid: null,
    restartLsn: '0/3000000',
    retainedWalBytes: 0,
    walStatus: 'reserved',
    safeWalSizeBytes: null,
    inactiveSince: null,
    invalidationReason: null,
  })),
});

const brief = replicationBrief;

const standby = (fields: Partial<StandbyReplication> = {}) => testStandby({ receiveLsn: '0/3000000', replayLsn: '0/3000000', replayLagSeconds: 3, ...fields });

const row = (p: Platform, s?: PlatformStatus, alarms: Alarm[] = [], sites = new Map<string, Site>()): PlatformRow => platformRow(fleetEntry(p, s && known(s)), sites.get(p.siteId), alarms, 0);

describe('worstAlarm', () => {
  it('picks critical over warning, an unacknowledged one over an acknowledged one, then the newest', () => {
    const warning = alarm('ap1', 'disk.usage');
    const critical = alarm('ap1', 'replication.lag', { severity: 'critical' });
    const ackedCritical = alarm('ap1', 'service.manager', { severity: 'critical', acknowledged: { at: '2025-03-01T09:30:00.000Z', note: 'known' }, raisedAt: '2025-03-01T09:59:00.000Z' });
    const newerCritical = alarm('ap1', 'service.postgres', { severity: 'critical', raisedAt: '2025-03-01T09:10:00.000Z' });
    expect(worstAlarm([warning, critical])).toBe(critical);
    expect(worstAlarm([ackedCritical, critical])).toBe(critical);
    expect(worstAlarm([critical, newerCritical, warning])).toBe(newerCritical);
  });

  it('ignores cleared alarms and answers null without any', () => {
    expect(worstAlarm([])).toBeNull();
    expect(worstAlarm([alarm('ap1', 'disk.usage', { severity: 'critical', clearedAt: '2025-03-01T09:05:00.000Z' })])).toBeNull();
  });
});

describe('replicationBrief', () => {
  it('counts a primary\'s connected and streaming standbys and only its permanent physical slots', () => {
    const state = primary([connection('streaming'), connection('catchup')], 2) as Extract<Replication, { role: 'primary' }>;
    const slot = state.slots[0]!;
    const withOthers = { ...state, slots: [...state.slots, { ...slot, slotName: 'tmp', temporary: true }, { ...slot, slotName: 'logical', slotType: 'logical' }] };
    expect(brief(withOthers)).toEqual({ role: 'primary', connected: 2, streaming: 1, physicalSlots: 2 });
    expect(brief(standby({ replayPaused: false }))).toEqual({ role: 'standby', condition: 'streaming', replayPaused: false, replayLagSeconds: 3 });
    expect(brief({ role: 'off', inRecovery: false, ...REPLICATION_FACTS })).toEqual({ role: 'off' });
  });
});

describe('replicationSummary', () => {
  it('says off, not read, and how many standbys of a primary stream', () => {
    expect(replicationSummary(null)).toBe('not read');
    expect(replicationSummary(brief({ role: 'off', inRecovery: false, ...REPLICATION_FACTS }))).toBe('off');
    expect(replicationSummary(brief(primary([connection('streaming'), connection('streaming')])))).toBe('primary · 2/2 streaming');
    expect(replicationSummary(brief(primary([connection('streaming'), connection('catchup')])))).toBe('primary · 1/2 streaming');
    expect(replicationSummary(brief(primary([], 0)))).toBe('primary · no standby');
  });

  it('counts a standby the inventory expects or a slot keeps, also when it is not connected', () => {
    expect(replicationSummary(brief(primary([connection('streaming')], 1)), 2)).toBe('primary · 1/2 streaming');
    expect(replicationSummary(brief(primary([], 1)))).toBe('primary · 0/1 streaming');
    expect(replicationTone(brief(primary([], 1)))).toBe('warning');
    expect(replicationTone(brief(primary([connection('streaming')])))).toBe('ok');
  });

  it('gives a streaming standby its lag and names what is wrong otherwise', () => {
    expect(replicationSummary(brief(standby()))).toBe('standby · lag 3 s');
    expect(replicationSummary(brief(standby({ replayLagSeconds: 125 })))).toBe('standby · lag 2 min');
    expect(replicationSummary(brief(standby({ replayLagSeconds: null })))).toBe('standby · streaming');
    expect(replicationSummary(brief(standby({ condition: 'no_wal_receiver' })))).toBe('standby · no WAL receiver');
    expect(replicationSummary(brief(standby({ condition: 'receiver_not_streaming' })))).toBe('standby · not streaming');
    expect(replicationSummary(brief(standby({ replayPaused: true })))).toBe('standby · replay paused');
    expect(replicationTone(brief(standby()))).toBe('ok');
    expect(replicationTone(brief(standby({ replayLagSeconds: 600 })))).toBe('warning');
    expect(replicationTone(brief(standby({ condition: 'no_wal_receiver' })))).toBe('warning');
    expect(replicationTone(brief({ role: 'off', inRecovery: false, ...REPLICATION_FACTS }))).toBe('muted');
  });

  it('takes a standby out of recovery for a primary', () => {
    expect(actualRoleOf(brief(standby({ condition: 'not_in_recovery', inRecovery: false })))).toBe('primary');
    expect(actualRoleOf(brief({ role: 'off', inRecovery: false, ...REPLICATION_FACTS }))).toBe('standalone');
    expect(actualRoleOf(null)).toBeNull();
  });
});

describe('platformRow', () => {
  const sites = new Map([['s1', site('s1', 'Muster GmbH', { customer: 'Muster', tags: ['kritis'] })]]);

  it('is unknown before the first poll and unreachable, with the reach message, when the poll failed', () => {
    const p = platform('ap1', 's1');
    expect(row(p, undefined, [], sites)).toMatchObject({ level: 'unknown', levelText: 'Not polled yet', receivedAt: null, disk: null, replicationText: 'not read' });
    const down = row(p, status('ap1', { reach: { state: 'timeout', message: 'ap1 did not answer within 20 s.', hostKey: null } }), [alarm('ap1', 'access.unreachable', { severity: 'critical' })], sites);
    expect(down).toMatchObject({ level: 'unreachable', levelText: 'Timed out: ap1 did not answer within 20 s.', reachState: 'timeout' });
  });

  it('takes the worst alarm for its level and shows its cause', () => {
    const p = platform('ap1', 's1');
    const r = row(p, status('ap1'), [alarm('ap1', 'disk.usage'), alarm('ap1', 'service.manager', { severity: 'critical', cause: 'The AP Manager is not running.' })], sites);
    expect(r.level).toBe('critical');
    expect(r.levelText).toBe('Critical: The AP Manager is not running.');
    expect(r.alarm).toEqual({ severity: 'critical', cause: 'The AP Manager is not running.', count: 2 });
    expect(row(p, status('ap1'), [], sites).level).toBe('ok');
  });

  it('compares the expected role with what replication says, and merges platform and site tags', () => {
    const p = platform('ap1', 's1', { expectedRole: 'standby', tags: ['lab', 'kritis'] });
    const r = row(p, status('ap1', { replication: primary([]) }), [], sites);
    expect(r).toMatchObject({ expectedRole: 'standby', actualRole: 'primary', roleMismatch: true, siteName: 'Muster GmbH', customer: 'Muster', tags: ['lab', 'kritis'] });
    expect(row(platform('ap2', 's1'), status('ap2'), [], sites)).toMatchObject({ actualRole: 'standalone', roleMismatch: false });
  });

  it('carries the disk figures with the platform alarm threshold', () => {
    const p = platform('ap1', 's1', { diskAlarmPercent: 80 });
    const s = status('ap1');
    const r = row(p, { ...s, disk: { ...(s.disk as NonNullable<PlatformStatus['disk']>), percent: 83, hoursToFull: 5 } }, [], sites);
    expect(r.disk).toEqual({ percent: 83, usedBytes: 5 * GiB, sizeBytes: 10 * GiB, hoursToFull: 5, alarmPercent: 80 });
  });
});

describe('createRowBuilder', () => {
  it('keeps the row of a platform whose inputs did not change and rebuilds the others', () => {
    const build = createRowBuilder();
    const sites = new Map([['s1', site('s1', 'Site')]]);
    const platforms = [platform('ap1', 's1'), platform('ap2', 's1')];
    const statuses = new Map([
      ['ap1', known(status('ap1'))],
      ['ap2', known(status('ap2'))],
    ]);
    const alarms = [alarm('ap2', 'disk.usage')];
    const input = fleetInput(sites, platforms, statuses, alarms);
    const first = build(input);
    const entries = input.entries.map((entry) => (entry.platform.id === 'ap2' ? fleetEntry(platforms[1] as Platform, known(status('ap2', { build: 1500 }))) : entry));
    const second = build({ sites, entries, alarms: [...alarms] });
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.build).toBe(1500);
    expect(second[1]?.level).toBe('warning');
  });

  it('counts the standbys the inventory expects for a primary', () => {
    const build = createRowBuilder();
    const platforms = [platform('pri', 's1', { expectedRole: 'primary' }), platform('sb', 's1', { expectedRole: 'standby', expectedPrimaryId: 'pri' })];
    const statuses = new Map([['pri', known(status('pri', { replication: primary([], 0) }))]]);
    const [pri] = build(fleetInput(new Map(), platforms, statuses, []));
    expect(pri?.replicationText).toBe('primary · 0/1 streaming');
    expect(pri?.siteName).toBe('Unknown site');
  });
});

describe('sorting and grouping', () => {
  const sites = new Map([
    ['s1', site('s1', 'Zeta Site')],
    ['s2', site('s2', 'Alpha Site', { customer: 'Alpha AG' })],
    ['s3', site('s3', 'Empty Site')],
  ]);
  const withDisk = (id: string, percent: number | null) => {
    const s = status(id);
    return percent === null ? { ...s, disk: null } : { ...s, disk: { ...(s.disk as NonNullable<PlatformStatus['disk']>), percent } };
  };
  const rows = [
    platformRow(fleetEntry(platform('ap10', 's1'), known(withDisk('ap10', 40))), sites.get('s1'), [], 0),
    platformRow(fleetEntry(platform('ap2', 's1'), known(withDisk('ap2', 95))), sites.get('s1'), [], 0),
    platformRow(fleetEntry(platform('ap1', 's2'), known(withDisk('ap1', null))), sites.get('s2'), [], 0),
    platformRow(fleetEntry(platform('ap3', 's2'), known(withDisk('ap3', 70))), sites.get('s2'), [alarm('ap3', 'disk.usage', { severity: 'critical' })], 0),
  ];
  const totals = siteTotals(rows);
  const ids = (list: readonly { id: string }[]) => list.map((r) => r.id);

  it('sorts by name in natural order without a sort, and by a column with nulls last', () => {
    expect(ids(sortRows(rows, null))).toEqual(['ap1', 'ap2', 'ap3', 'ap10']);
    expect(ids(sortRows(rows, { field: 'disk', direction: 'desc' }))).toEqual(['ap2', 'ap3', 'ap10', 'ap1']);
    expect(ids(sortRows(rows, { field: 'disk', direction: 'asc' }))).toEqual(['ap10', 'ap3', 'ap2', 'ap1']);
    expect(ids(sortRows(rows, { field: 'state', direction: 'desc' }))).toEqual(['ap3', 'ap1', 'ap2', 'ap10']);
  });

  it('puts one header per site, by site name, with its platforms in the sorted order beneath', () => {
    const grouped = groupRows(sortRows(rows, { field: 'disk', direction: 'desc' }), sites, { collapsed: new Set(), includeEmptySites: true, totals, siteDirection: 'asc' });
    expect(ids(grouped)).toEqual(['site:s2', 'ap3', 'ap1', 'site:s3', 'site:s1', 'ap2', 'ap10']);
    expect(grouped[0]).toMatchObject({ kind: 'site', siteName: 'Alpha Site', customer: 'Alpha AG', shown: 2, total: 2, critical: 1, collapsed: false });
    expect(grouped[3]).toMatchObject({ kind: 'site', siteName: 'Empty Site', shown: 0, total: 0 });
  });

  it('hides the platforms of a collapsed site under its header, leaves out empty sites when asked, and reverses the sites', () => {
    const grouped = groupRows(sortRows(rows, null), sites, { collapsed: new Set(['s1']), includeEmptySites: false, totals, siteDirection: 'desc' });
    expect(ids(grouped)).toEqual(['site:s1', 'site:s2', 'ap1', 'ap3']);
    expect((grouped[0] as SiteGroupRow).collapsed).toBe(true);
  });

  it('filters before grouping: a site with no match disappears, headers count the matches', () => {
    const { rows: arranged, matches } = arrangeFleetRows(sortRows(rows, null), sites, { query: 'ap1', collapsed: new Set(), totals, siteDirection: 'asc' });
    expect(matches).toBe(2);
    expect(ids(arranged)).toEqual(['site:s2', 'ap1', 'site:s1', 'ap10']);
    expect(arranged[2]).toMatchObject({ shown: 1, total: 2 });
  });

  it('keeps unchanged site headers and the whole list when nothing changed, so the grid re-renders only what differs', () => {
    const keep = createRowKeeper();
    const options = { collapsed: new Set<string>(), includeEmptySites: false, totals, siteDirection: 'asc' as const };
    const first = keep(groupRows(sortRows(rows, null), sites, options));
    const again = keep(groupRows(sortRows(rows, null), sites, options));
    expect(again).toBe(first);
    const collapsed = keep(groupRows(sortRows(rows, null), sites, { ...options, collapsed: new Set(['s1']) }));
    expect(collapsed).not.toBe(first);
    expect(collapsed[0]).toBe(first[0]);
    expect(collapsed[3]).not.toBe(first[3]);
    expect((collapsed[3] as SiteGroupRow).collapsed).toBe(true);
  });

  it('counts platforms, reachable ones and those with critical or warning alarms', () => {
    const down = platformRow(fleetEntry(platform('ap9', 's2'), known(status('ap9', { reach: { state: 'unreachable', message: null, hostKey: null } }))), sites.get('s2'), [alarm('ap9', 'access.unreachable', { severity: 'critical' })], 0);
    const warn = platformRow(fleetEntry(platform('ap8', 's2'), known(status('ap8'))), sites.get('s2'), [alarm('ap8', 'disk.usage')], 0);
    expect(fleetCounts([...rows, down, warn])).toEqual({ platforms: 6, reachable: 5, critical: 2, warning: 1 });
  });
});
