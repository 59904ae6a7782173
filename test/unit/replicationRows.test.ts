import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../electron/core/connect/connectError';
import { StateRow, VersionRow, replicationFromRow, serverVersion } from '../../electron/core/replication/replicationRows';
import { ReplicationState } from '../../electron/core/replication/replicationState';
import type { PrimaryState, StandbyState } from '../../electron/core/replication/replicationState';

const V15 = { num: 150018, text: '15.18 (Debian 15.18-0+deb12u1)' };
const TIME = '2026-05-01T10:00:00.123456+00:00';

const standbyRow = (over: Record<string, unknown> = {}) => ({
  pid: 4242,
  application_name: 'standby_one',
  client_addr: '10.231.6.3',
  state: 'streaming',
  sync_state: 'async',
  slot_name: 'standby_one',
  sent_lsn: '0/5000148',
  write_lsn: '0/5000148',
  flush_lsn: '0/5000148',
  replay_lsn: '0/5000110',
  sent_lag_bytes: '0',
  write_lag_bytes: 0,
  flush_lag_bytes: '0',
  replay_lag_bytes: '56',
  write_lag_seconds: 0.000412,
  flush_lag_seconds: 0.001,
  replay_lag_seconds: null,
  reply_age_seconds: 0.8,
  ...over,
});

const slotRow = (over: Record<string, unknown> = {}) => ({
  slot_name: 'standby_one',
  slot_type: 'physical',
  temporary: false,
  active: true,
  active_pid: 4242,
  restart_lsn: '0/5000148',
  retained_bytes: '0',
  wal_status: 'reserved',
  safe_wal_size: null,
  inactive_since: null,
  invalidation_reason: null,
  ...over,
});

const receiverRow = (over: Record<string, unknown> = {}) => ({
  pid: 77,
  status: 'streaming',
  slot_name: 'standby_one',
  sender_host: '10.231.6.2',
  sender_port: 5432,
  conninfo: "user=replicator password=******** host=10.231.6.2 port=5432 sslmode=require application_name=standby_one",
  receive_start_lsn: '0/3000000',
  written_lsn: '0/5000148',
  flushed_lsn: '0/5000148',
  latest_end_lsn: '0/5000148',
  last_msg_send_age_seconds: 0.4,
  last_msg_receipt_age_seconds: '0.39',
  latest_end_age_seconds: 12.5,
  ...over,
});

const stateRow = (over: Record<string, unknown> = {}) =>
  StateRow.parse({
    in_recovery: false,
    server_time: TIME,
    current_lsn: '0/5000148',
    stats_visible: true,
    standbys: [],
    slots: [],
    receiver: null,
    receive_lsn: null,
    replay_lsn: null,
    replay_lag_bytes: null,
    last_replay_time: null,
    last_replay_age_seconds: null,
    replay_paused: null,
    ...over,
  });

const primary = (state: ReplicationState): PrimaryState => {
  if (state.role !== 'primary') throw new Error(`expected a primary, got ${state.role}`);
  return state;
};
const standby = (state: ReplicationState): StandbyState => {
  if (state.role !== 'standby') throw new Error(`expected a standby, got ${state.role}`);
  return state;
};

describe('replicationFromRow on a primary', () => {
  it('reads each WAL sender with its slot, text and JSON numbers alike', () => {
    const state = primary(replicationFromRow(V15, stateRow({ standbys: [standbyRow()], slots: [slotRow()] }), { standbyConfPresent: false }));
    expect(ReplicationState.parse(state)).toEqual(state);
    expect(state).toMatchObject({ serverVersionNum: 150018, inRecovery: false, standbyConfPresent: false, statsVisible: true, serverTime: TIME, currentLsn: '0/5000148' });
    expect(state.standbys).toEqual([
      {
        pid: 4242, applicationName: 'standby_one', clientAddress: '10.231.6.3', state: 'streaming', syncState: 'async', slotName: 'standby_one',
        sentLsn: '0/5000148', writeLsn: '0/5000148', flushLsn: '0/5000148', replayLsn: '0/5000110',
        sentLagBytes: 0, writeLagBytes: 0, flushLagBytes: 0, replayLagBytes: 56,
        writeLagSeconds: 0.000412, flushLagSeconds: 0.001, replayLagSeconds: null, replyAgeSeconds: 0.8,
      },
    ]);
    expect(state.slots).toEqual([
      { slotName: 'standby_one', slotType: 'physical', temporary: false, active: true, activePid: 4242, restartLsn: '0/5000148', retainedWalBytes: 0, walStatus: 'reserved', safeWalSizeBytes: null, inactiveSince: null, invalidationReason: null },
    ]);
  });

  it('shows a slot without a connected standby, with the WAL it keeps', () => {
    const gone = slotRow({ slot_name: 'standby_two', active: false, active_pid: null, restart_lsn: '0/3000000', retained_bytes: '33554760', wal_status: 'extended', safe_wal_size: '-1048576', inactive_since: TIME });
    const state = primary(replicationFromRow(V15, stateRow({ standbys: [standbyRow()], slots: [slotRow(), gone] }), { standbyConfPresent: false }));
    expect(state.standbys.map((s) => s.applicationName)).toEqual(['standby_one']);
    expect(state.slots[1]).toEqual({ slotName: 'standby_two', slotType: 'physical', temporary: false, active: false, activePid: null, restartLsn: '0/3000000', retainedWalBytes: 33554760, walStatus: 'extended', safeWalSizeBytes: -1048576, inactiveSince: TIME, invalidationReason: null });
  });

  it('clamps negative lags and ages (clock skew, a standby ahead of a stale read) to 0', () => {
    const row = standbyRow({ sent_lag_bytes: '-8', write_lag_bytes: -120, replay_lag_bytes: '-0', write_lag_seconds: -0.25, flush_lag_seconds: '-3.5', replay_lag_seconds: '-1e-3', reply_age_seconds: -2.75 });
    const [link] = primary(replicationFromRow(V15, stateRow({ standbys: [row], slots: [slotRow({ retained_bytes: '-40' })] }), { standbyConfPresent: null })).standbys;
    expect(link).toMatchObject({ sentLagBytes: 0, writeLagBytes: 0, replayLagBytes: 0, writeLagSeconds: 0, flushLagSeconds: 0, replayLagSeconds: 0, replyAgeSeconds: 0 });
  });

  it('keeps nulls as unknown: hidden details, no slot, a version without reply_time', () => {
    const hidden = standbyRow({ client_addr: null, state: null, sync_state: null, slot_name: null, sent_lsn: null, write_lsn: null, flush_lsn: null, replay_lsn: null, sent_lag_bytes: null, write_lag_bytes: null, flush_lag_bytes: null, replay_lag_bytes: null, write_lag_seconds: null, flush_lag_seconds: null, reply_age_seconds: null, application_name: null });
    const state = primary(replicationFromRow({ num: 110022, text: '11.22' }, stateRow({ stats_visible: false, standbys: [hidden] }), { standbyConfPresent: false }));
    expect(ReplicationState.parse(state)).toEqual(state);
    expect(state.statsVisible).toBe(false);
    expect(state.slots).toEqual([]);
    expect(state.standbys[0]).toMatchObject({ applicationName: '', clientAddress: null, state: null, slotName: null, sentLagBytes: null, replayLagSeconds: null, replyAgeSeconds: null });
  });

  it('reads byte counts beyond a double exactly and clamps them to the largest exact integer', () => {
    const state = primary(replicationFromRow(V15, stateRow({ slots: [slotRow({ retained_bytes: '123456789012345678901', safe_wal_size: '9007199254740993' })] }), { standbyConfPresent: false }));
    expect(state.slots[0]?.retainedWalBytes).toBe(Number.MAX_SAFE_INTEGER);
    expect(state.slots[0]?.safeWalSizeBytes).toBe(Number.MAX_SAFE_INTEGER);
    expect(ReplicationState.parse(state)).toEqual(state);
    const big = primary(replicationFromRow(V15, stateRow({ slots: [slotRow({ retained_bytes: '4503599627370497' })] }), { standbyConfPresent: false }));
    expect(big.slots[0]?.retainedWalBytes).toBe(4503599627370497);
  });

  it('is a primary with WAL senders and no slot, and off with neither', () => {
    const sender = primary(replicationFromRow(V15, stateRow({ standbys: [standbyRow({ slot_name: null })] }), { standbyConfPresent: false }));
    expect(sender.slots).toEqual([]);
    for (const hint of [false, null]) {
      const off = replicationFromRow(V15, stateRow(), { standbyConfPresent: hint });
      expect(off).toEqual({ role: 'off', serverVersionNum: 150018, serverVersion: V15.text, inRecovery: false, standbyConfPresent: hint, statsVisible: true, serverTime: TIME });
      expect(ReplicationState.parse(off)).toEqual(off);
    }
  });

  it('refuses a primary reading without a current WAL position', () => {
    expect(() => replicationFromRow(V15, stateRow({ current_lsn: null, slots: [slotRow()] }), { standbyConfPresent: false })).toThrow(ConnectError);
  });
});

describe('replicationFromRow on a standby', () => {
  const inRecovery = (over: Record<string, unknown> = {}) =>
    stateRow({ in_recovery: true, current_lsn: null, receiver: receiverRow(), receive_lsn: '0/5000148', replay_lsn: '0/5000148', replay_lag_bytes: '0', last_replay_time: '2026-05-01T09:00:00+00:00', last_replay_age_seconds: 3600.1, replay_paused: false, ...over });

  it('reads the WAL receiver and a caught-up standby as 0 behind, not the age of its last transaction', () => {
    const state = standby(replicationFromRow(V15, inRecovery(), { standbyConfPresent: true }));
    expect(ReplicationState.parse(state)).toEqual(state);
    expect(state).toMatchObject({ condition: 'streaming', inRecovery: true, standbyConfPresent: true, receiveLsn: '0/5000148', replayLsn: '0/5000148', replayLagBytes: 0, replayLagSeconds: 0, replayPaused: false, lastReplayedTransactionTime: '2026-05-01T09:00:00+00:00' });
    expect(state.receiver).toEqual({
      pid: 77, status: 'streaming', slotName: 'standby_one', upstreamHost: '10.231.6.2', upstreamPort: 5432,
      receiveStartLsn: '0/3000000', writtenLsn: '0/5000148', flushedLsn: '0/5000148', latestEndLsn: '0/5000148',
      lastMessageSendAgeSeconds: 0.4, lastMessageReceiptAgeSeconds: 0.39, lastWalReceivedAgeSeconds: 12.5,
    });
  });

  it('counts replay behind receipt in bytes and by the age of the last replayed transaction', () => {
    const state = standby(replicationFromRow(V15, inRecovery({ replay_lsn: '0/4FFF000', replay_lag_bytes: '4424', last_replay_age_seconds: '2.5' }), { standbyConfPresent: true }));
    expect(state).toMatchObject({ replayLagBytes: 4424, replayLagSeconds: 2.5 });
    const skewed = standby(replicationFromRow(V15, inRecovery({ replay_lag_bytes: 4424, last_replay_age_seconds: -4.2 }), { standbyConfPresent: true }));
    expect(skewed.replayLagSeconds).toBe(0);
  });

  it('reads a replay position ahead of the receive position (segment-aligned restart) as caught up', () => {
    const state = standby(replicationFromRow(V15, inRecovery({ receive_lsn: '0/5000000', replay_lag_bytes: '-328' }), { standbyConfPresent: true }));
    expect(state).toMatchObject({ replayLagBytes: 0, replayLagSeconds: 0 });
  });

  it('takes host and port from the connection string until the receiver names its sender, never the password', () => {
    const conninfo = "user=replicator password='s3cret pw\\' x' dbname=replication host=10.231.6.9 port=5433 fallback_application_name=walreceiver";
    const state = standby(replicationFromRow(V15, inRecovery({ receiver: receiverRow({ status: 'starting', sender_host: null, sender_port: null, conninfo }) }), { standbyConfPresent: true }));
    expect(state.condition).toBe('receiver_not_streaming');
    expect(state.receiver).toMatchObject({ upstreamHost: '10.231.6.9', upstreamPort: 5433 });
    expect(JSON.stringify(state)).not.toMatch(/s3cret|password|conninfo/);
  });

  it('says when there is no WAL receiver, or when its status is hidden from this login', () => {
    const none = standby(replicationFromRow(V15, inRecovery({ receiver: null, receive_lsn: null, replay_lag_bytes: null }), { standbyConfPresent: null }));
    expect(none).toMatchObject({ condition: 'no_wal_receiver', receiver: null, receiveLsn: null, replayLsn: '0/5000148', replayLagBytes: null, replayLagSeconds: null });
    const hidden = standby(replicationFromRow(V15, inRecovery({ stats_visible: false, receiver: receiverRow({ status: null, sender_host: null, sender_port: null, conninfo: null, slot_name: null }) }), { standbyConfPresent: true }));
    expect(hidden).toMatchObject({ condition: 'unknown', statsVisible: false });
    expect(hidden.receiver).toMatchObject({ status: null, upstreamHost: null, upstreamPort: null });
    for (const status of ['waiting', 'restarting', 'stopping']) {
      expect(standby(replicationFromRow(V15, inRecovery({ receiver: receiverRow({ status }) }), { standbyConfPresent: true })).condition).toBe('receiver_not_streaming');
    }
  });

  it('is a standby in recovery whatever the hint says', () => {
    for (const hint of [true, false, null]) expect(replicationFromRow(V15, inRecovery(), { standbyConfPresent: hint }).role).toBe('standby');
  });

  it('reports a server with standby.conf that is not in recovery as a broken standby, even with slots of its own', () => {
    const row = stateRow({ slots: [slotRow()], standbys: [standbyRow()], receive_lsn: '0/4000000', replay_lsn: '0/4000000', replay_lag_bytes: '0' });
    const state = standby(replicationFromRow(V15, row, { standbyConfPresent: true }));
    expect(ReplicationState.parse(state)).toEqual(state);
    expect(state).toMatchObject({ condition: 'not_in_recovery', inRecovery: false, receiver: null, replayLagBytes: null, replayLagSeconds: null, receiveLsn: '0/4000000' });
    expect(replicationFromRow(V15, row, { standbyConfPresent: false }).role).toBe('primary');
  });
});

describe('row checks', () => {
  it('refuses numbers that are neither JSON numbers nor numeric text', () => {
    expect(StateRow.safeParse({ ...stateRow(), slots: [slotRow({ retained_bytes: '12 bytes' })] }).success).toBe(false);
    expect(StateRow.safeParse({ ...stateRow(), standbys: [standbyRow({ replay_lag_seconds: true })] }).success).toBe(false);
    expect(StateRow.safeParse({ ...stateRow(), in_recovery: 'f' }).success).toBe(false);
  });

  it('reads the version number as a JSON number or text', () => {
    expect(serverVersion(VersionRow.parse({ version_num: '170010', version: '17.10' }))).toEqual({ num: 170010, text: '17.10' });
    expect(serverVersion(VersionRow.parse({ version_num: 110022, version: '11.22' }))).toEqual({ num: 110022, text: '11.22' });
    expect(VersionRow.safeParse({ version_num: 'seventeen', version: '17' }).success).toBe(false);
    expect(() => serverVersion(VersionRow.parse({ version_num: '0', version: '?' }))).toThrow(ConnectError);
  });
});
