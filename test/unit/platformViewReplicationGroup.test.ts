import { describe, expect, it } from 'vitest';
import type { Platform } from '../../electron/core/contract';
import { lagSecondsText, replicationGroup } from '../../renderer/views/platform/replicationGroup';
import type { GroupView, Replication } from '../../renderer/views/platform/replicationGroup';
import { REPLICATION_FACTS, testPlatform, testStandby, testStatus } from './support/fleetFixtures';

type Primary = Extract<Replication, { role: 'primary' }>;
type Standby = Extract<Replication, { role: 'standby' }>;

const platform = (id: string, fields: Partial<Platform> = {}) => testPlatform(id, { name: id.toUpperCase(), ...fields });
const status = (platformId: string, replication: Replication | null) => testStatus(platformId, { replication });

const sender = (over: Partial<Primary['standbys'][number]>): Primary['standbys'][number] => ({
  pid: 100,
  applicationName: 'walreceiver',
  clientAddress: null,
  state: 'streaming',
  syncState: 'async',
  slotName: null,
  sentLsn: null,
  writeLsn: null,
  flushLsn: null,
  replayLsn: null,
  sentLagBytes: null,
  writeLagBytes: null,
  flushLagBytes: null,
  replayLagBytes: 0,
  writeLagSeconds: null,
  flushLagSeconds: null,
  replayLagSeconds: null,
  replyAgeSeconds: 1,
  ...over,
});

const slot = (slotName: string, active: boolean, activePid: number | null = null): Primary['slots'][number] => ({
  slotName,
  slotType: 'physical',
  temporary: false,
  active,
  activePid,
  restartLsn: '0/3000000',
  retainedWalBytes: 4096,
  walStatus: 'reserved',
  safeWalSizeBytes: null,
  inactiveSince: null,
  invalidationReason: null,
});

const primaryState = (standbys: Primary['standbys'], slots: Primary['slots']): Primary => ({ role: 'primary', ...REPLICATION_FACTS, inRecovery: false, currentLsn: '0/3000000', standbys, slots });

const standbyState = (condition: Standby['condition'], slotName: string | null = null): Standby =>
  testStandby({
    condition,
    receiver: condition === 'no_wal_receiver' ? null : { pid: 7, status: condition === 'streaming' ? 'streaming' : 'waiting', slotName, upstreamHost: '10.0.0.2', upstreamPort: 5432, receiveStartLsn: null, writtenLsn: null, flushedLsn: null, latestEndLsn: null, lastMessageSendAgeSeconds: null, lastMessageReceiptAgeSeconds: null, lastWalReceivedAgeSeconds: null },
  });

function groupOf(view: GroupView) {
  if (view.kind !== 'group') throw new Error(`expected a group, got ${view.kind}`);
  return view.group;
}

describe('replication group', () => {
  const pri = platform('pr', { expectedRole: 'primary', address: '10.0.0.2' });
  const sb1 = platform('sb1', { expectedRole: 'standby', expectedPrimaryId: 'pr', address: '10.0.0.11' });
  const sb2 = platform('sb2', { expectedRole: 'standby', expectedPrimaryId: 'pr', address: '10.0.0.12' });
  const platforms = [pri, sb1, sb2];

  it('links each standby of the inventory to its WAL sender and slot on the primary', () => {
    const statuses = new Map([
      ['pr', status('pr', primaryState([sender({ pid: 100, clientAddress: '10.0.0.11', slotName: 'sb1', replayLagBytes: 2048, replayLagSeconds: 1.5 })], [slot('sb1', true, 100), slot('sb2', false)]))],
      ['sb1', status('sb1', standbyState('streaming', 'sb1'))],
      ['sb2', status('sb2', standbyState('no_wal_receiver'))],
    ]);
    const group = groupOf(replicationGroup({ platform: pri, platforms, statusOf: (id) => statuses.get(id) ?? null }));
    expect(group.primary.name).toBe('PR');
    expect(group.primary.current).toBe(true);
    expect(group.standbys.map((s) => s.name)).toEqual(['SB1', 'SB2']);
    const [first, second] = group.links;
    expect(first).toMatchObject({ state: 'streaming', ok: true, lagBytes: 2048, lagSeconds: 1.5, seenFrom: 'primary', slot: { name: 'sb1', active: true } });
    expect(second).toMatchObject({ state: 'not connected', ok: false, slot: { name: 'sb2', active: false, retainedWalBytes: 4096 } });
    expect(second?.problems.join(' ')).toMatch(/Slot sb2 is inactive/);
  });

  it('draws the group from a standby, with the primary named by the inventory', () => {
    const statuses = new Map([
      ['pr', status('pr', primaryState([sender({ pid: 5, slotName: 'sb2', state: 'catchup' })], [slot('sb2', true, 5)]))],
      ['sb2', status('sb2', standbyState('streaming', 'sb2'))],
    ]);
    const group = groupOf(replicationGroup({ platform: sb2, platforms, statusOf: (id) => statuses.get(id) ?? null }));
    expect(group.primary.platformId).toBe('pr');
    expect(group.standbys.find((s) => s.current)?.platformId).toBe('sb2');
    const link = group.links[group.standbys.findIndex((s) => s.platformId === 'sb2')];
    expect(link).toMatchObject({ state: 'catchup', ok: false });
    // sb1 was never polled, but the primary has no WAL sender for it.
    expect(group.links[group.standbys.findIndex((s) => s.platformId === 'sb1')]).toMatchObject({ state: 'not connected', ok: false });
  });

  it("falls back on the standby's own reading when the primary is not known", () => {
    const lone = platform('sb9', { expectedRole: 'standby', expectedPrimaryId: null });
    const statuses = new Map([['sb9', status('sb9', standbyState('receiver_not_streaming'))]]);
    const group = groupOf(replicationGroup({ platform: lone, platforms: [lone], statusOf: (id) => statuses.get(id) ?? null }));
    expect(group.primary).toMatchObject({ platformId: null, name: '10.0.0.2' });
    expect(group.links[0]).toMatchObject({ seenFrom: 'standby', ok: false, state: 'waiting' });
  });

  it('shows senders and slots the inventory does not know', () => {
    const statuses = new Map([['pr', status('pr', primaryState([sender({ pid: 9, applicationName: 'stranger', clientAddress: '192.0.2.9' })], [slot('old', false)]))]]);
    const group = groupOf(replicationGroup({ platform: pri, platforms: [pri], statusOf: (id) => statuses.get(id) ?? null }));
    expect(group.standbys.map((s) => [s.name, s.platformId])).toEqual([
      ['stranger', null],
      ['old', null],
    ]);
    expect(group.links[1]).toMatchObject({ ok: false, state: 'not connected' });
  });

  it('says replication is off for a standalone server, and unknown before a poll', () => {
    const solo = platform('solo');
    const off = new Map([['solo', status('solo', { role: 'off', ...REPLICATION_FACTS, inRecovery: false })]]);
    expect(replicationGroup({ platform: solo, platforms: [solo], statusOf: (id) => off.get(id) ?? null }).kind).toBe('off');
    expect(replicationGroup({ platform: solo, platforms: [solo], statusOf: () => null })).toMatchObject({ kind: 'unknown' });
  });

  it('reads lag without seconds as caught up when no bytes are behind', () => {
    expect(lagSecondsText(null, 0)).toBe('caught up');
    expect(lagSecondsText(null, 10)).toBe('not reported');
    expect(lagSecondsText(2.25, 10)).toBe('2.3 s');
  });
});
