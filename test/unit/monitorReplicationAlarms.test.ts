import { describe, expect, it } from 'vitest';
import { ReplicationState } from '../../electron/core/replication/replicationState';
import { defaultThresholds } from '../../electron/core/monitor/alarmThresholds';
import type { AlarmSeverity, EvaluationContext } from '../../electron/core/monitor/alarmTypes';
import { replicationAlarms } from '../../electron/core/monitor/replicationAlarms';
import type { ReplicationInput } from '../../electron/core/monitor/replicationAlarms';
import { replicationGroupAlarms } from '../../electron/core/monitor/replicationGroupAlarms';

const now = Date.UTC(2026, 11, 1, 12);
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const server = { serverVersionNum: 150004, serverVersion: '15.4', standbyConfPresent: false, statsVisible: true, serverTime: new Date(now).toISOString() };

const slot = (slotName: string, active: boolean, retainedWalBytes: number, walStatus: string | null = 'reserved') => ({
  slotName, slotType: 'physical', temporary: false, active, activePid: active ? 100 : null, restartLsn: '0/3000000', retainedWalBytes, walStatus, safeWalSizeBytes: null, inactiveSince: null, invalidationReason: null,
});
const sender = (slotName: string, change: Record<string, unknown> = {}) => ({
  pid: 100, applicationName: slotName, clientAddress: '10.0.0.2', state: 'streaming', syncState: 'async', slotName,
  sentLsn: '0/3000000', writeLsn: '0/3000000', flushLsn: '0/3000000', replayLsn: '0/3000000',
  sentLagBytes: 0, writeLagBytes: 0, flushLagBytes: 0, replayLagBytes: 0, writeLagSeconds: null, flushLagSeconds: null, replayLagSeconds: null, replyAgeSeconds: 1, ...change,
});
const primary = (slots: unknown[], standbys: unknown[]) => ReplicationState.parse({ role: 'primary', ...server, inRecovery: false, currentLsn: '0/3000000', slots, standbys });
const standby = (condition: string, change: Record<string, unknown> = {}) =>
  ReplicationState.parse({
    role: 'standby', ...server, standbyConfPresent: true, inRecovery: condition !== 'not_in_recovery', condition, receiver: null, receiveLsn: null, replayLsn: null,
    replayLagBytes: 0, replayLagSeconds: 0, lastReplayedTransactionTime: null, replayPaused: false, ...change,
  });

function ctx(previous: Record<string, { severity: AlarmSeverity; ageSeconds: number }> = {}): EvaluationContext {
  return { thresholds: defaultThresholds(), now, previous: new Map(Object.entries(previous).map(([k, v]) => [k, { severity: v.severity, since: now - v.ageSeconds * 1000 }])) };
}
const input = (state: ReplicationInput['state'], change: Partial<ReplicationInput> = {}): ReplicationInput => ({ state, expectedStandbys: null, availBytes: 8 * GiB, walHistory: [], ...change });
const keys = (found: { key: string; severity: string }[]) => found.map((f) => `${f.key}=${f.severity}`);

describe('replication alarms on a primary', () => {
  it('raises nothing for a healthy group', () => {
    expect(replicationAlarms(input(primary([slot('sb1', true, 1024)], [sender('sb1')]), { expectedStandbys: 1 }), ctx())).toEqual([]);
  });

  it('raises an inactive slot at once and escalates it after 5 minutes', () => {
    const state = primary([slot('sb1', true, 0), slot('sb2', false, 300 * MiB)], [sender('sb1')]);
    const first = replicationAlarms(input(state), ctx());
    expect(keys(first)).toEqual(['replication.slotInactive:sb2=warning']);
    expect(first[0]?.cause).toBe('Standby sb2 is not connected: its replication slot is inactive, keeping 300 MiB of WAL on this primary. Fix the standby soon, or remove it from the replication, before the WAL fills the disk.');
    expect(keys(replicationAlarms(input(state), ctx({ 'replication.slotInactive:sb2': { severity: 'warning', ageSeconds: 299 } })))).toEqual(['replication.slotInactive:sb2=warning']);
    expect(keys(replicationAlarms(input(state), ctx({ 'replication.slotInactive:sb2': { severity: 'warning', ageSeconds: 300 } })))).toEqual(['replication.slotInactive:sb2=critical']);
  });

  it('counts standbys the inventory expects, and a lost slot needs a full sync', () => {
    const state = primary([slot('sb1', false, 0, 'lost')], []);
    expect(keys(replicationAlarms(input(state, { expectedStandbys: 2 }), ctx()))).toEqual(['replication.slotInactive:sb1=warning', 'replication.walRetained:sb1=critical', 'replication.standbyMissing=warning']);
  });

  it('raises a standby that is connected but not streaming, and lag by seconds or bytes', () => {
    const state = primary([slot('sb1', true, 0), slot('sb2', true, 0), slot('sb3', true, 0)], [
      sender('sb1', { state: 'catchup' }),
      sender('sb2', { replayLagSeconds: 6 }),
      sender('sb3', { replayLagBytes: 200 * MiB, replayLagSeconds: 2 }),
    ]);
    const found = replicationAlarms(input(state), ctx());
    expect(keys(found)).toEqual(['replication.notStreaming:sb1=warning', 'replication.lag:sb2=warning', 'replication.lag:sb3=critical']);
    expect(found[2]?.cause).toBe('Standby sb3 lags behind by 2 s, 200 MiB (alarm from 5 s or 16.0 MiB).');
  });

  it('projects when WAL kept for a broken standby fills the primary', () => {
    const walHistory = Array.from({ length: 7 }, (_, i) => ({ at: now - (6 - i) * 3_600_000, usedBytes: i * 512 * MiB }));
    const state = primary([slot('sb1', false, 3 * GiB)], []);
    const found = replicationAlarms(input(state, { availBytes: 6 * GiB, walHistory }), ctx()).find((f) => f.key === 'replication.walRetained');
    expect(found).toMatchObject({ severity: 'critical', cause: 'WAL kept for a disconnected standby grows by 512 MiB/h: at that rate this primary\'s disk is full in 12 h.' });
    expect(replicationAlarms(input(state, { availBytes: 60 * GiB, walHistory }), ctx()).find((f) => f.key === 'replication.walRetained')?.severity).toBe('warning');
  });
});

describe('replication alarms on a standby', () => {
  it('says when no WAL arrives, escalating after 5 minutes', () => {
    expect(keys(replicationAlarms(input(standby('no_wal_receiver')), ctx()))).toEqual(['replication.primaryUnreachable=warning']);
    expect(keys(replicationAlarms(input(standby('no_wal_receiver')), ctx({ 'replication.primaryUnreachable': { severity: 'warning', ageSeconds: 600 } })))).toEqual(['replication.primaryUnreachable=critical']);
  });

  it('raises a promoted standby and a lagging one, and nothing when caught up', () => {
    expect(keys(replicationAlarms(input(standby('not_in_recovery')), ctx()))).toEqual(['replication.notStreaming=critical']);
    expect(keys(replicationAlarms(input(standby('streaming', { replayLagSeconds: 400 })), ctx()))).toEqual(['replication.lag:standby=critical']);
    expect(replicationAlarms(input(standby('streaming')), ctx())).toEqual([]);
  });
});

describe('replication group alarms', () => {
  const member = (platformId: string, expectedRole: 'standalone' | 'primary' | 'standby', role: 'off' | 'primary' | 'standby' | null, expectedPrimaryId: string | null = null) => ({ platformId, name: platformId.toUpperCase(), expectedRole, expectedPrimaryId, role });

  it('finds two primaries in one group, and roles that differ from the inventory', () => {
    const found = replicationGroupAlarms([member('p', 'primary', 'primary'), member('s1', 'standby', 'primary', 'p'), member('s2', 'standby', 'standby', 'p'), member('solo', 'standalone', 'primary')]);
    expect(found.get('p')?.map((f) => f.key)).toEqual(['replication.splitBrain']);
    expect(found.get('s1')?.map((f) => f.key)).toEqual(['replication.splitBrain', 'replication.roleMismatch']);
    expect(found.get('p')?.[0]?.cause).toMatch(/^Split brain: P and S1 are both primaries/);
    expect(found.get('s2')).toEqual([]);
    expect(found.get('solo')?.map((f) => f.cause)).toEqual(['SOLO is primary, but the inventory expects standalone. If this was a planned change, update the platform in the inventory.']);
  });

  it('ignores unknown roles and survives a loop of expected primaries', () => {
    const found = replicationGroupAlarms([member('a', 'standby', null, 'b'), member('b', 'standby', 'primary', 'a')]);
    expect(found.get('a')).toEqual([]);
    expect(found.get('b')?.map((f) => f.key)).toEqual(['replication.roleMismatch']);
  });
});
