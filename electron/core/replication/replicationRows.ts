import { z } from 'zod';
import { ConnectError } from '../connect/connectError';
import { conninfoAddress } from './conninfoAddress';
import type { ReplicationSlot, ReplicationState, StandbyCondition, StandbyConnection, WalReceiver } from './replicationState';
import { NumberOrText, countOf, integerOf, secondsOf } from './rowNumbers';

const Text = z.string().nullable();
const Int = z.number().int().nullable();

export const VersionRow = z.object({ version_num: NumberOrText, version: z.string() });
export type VersionRow = z.output<typeof VersionRow>;

const StandbyRow = z.object({
  pid: z.number().int(),
  application_name: Text,
  client_addr: Text,
  state: Text,
  sync_state: Text,
  slot_name: Text,
  sent_lsn: Text,
  write_lsn: Text,
  flush_lsn: Text,
  replay_lsn: Text,
  sent_lag_bytes: NumberOrText,
  write_lag_bytes: NumberOrText,
  flush_lag_bytes: NumberOrText,
  replay_lag_bytes: NumberOrText,
  write_lag_seconds: NumberOrText,
  flush_lag_seconds: NumberOrText,
  replay_lag_seconds: NumberOrText,
  reply_age_seconds: NumberOrText,
});

const SlotRow = z.object({
  slot_name: z.string(),
  slot_type: Text,
  temporary: z.boolean().nullable(),
  active: z.boolean().nullable(),
  active_pid: Int,
  restart_lsn: Text,
  retained_bytes: NumberOrText,
  wal_status: Text,
  safe_wal_size: NumberOrText,
  inactive_since: Text,
  invalidation_reason: Text,
});

const ReceiverRow = z.object({
  pid: z.number().int(),
  status: Text,
  slot_name: Text,
  sender_host: Text,
  sender_port: Int,
  conninfo: Text,
  receive_start_lsn: Text,
  written_lsn: Text,
  flushed_lsn: Text,
  latest_end_lsn: Text,
  last_msg_send_age_seconds: NumberOrText,
  last_msg_receipt_age_seconds: NumberOrText,
  latest_end_age_seconds: NumberOrText,
});

/** The one row of replicationStatement. */
export const StateRow = z.object({
  in_recovery: z.boolean(),
  server_time: z.string(),
  current_lsn: Text,
  stats_visible: z.boolean(),
  standbys: z.array(StandbyRow),
  slots: z.array(SlotRow),
  receiver: ReceiverRow.nullable(),
  receive_lsn: Text,
  replay_lsn: Text,
  replay_lag_bytes: NumberOrText,
  last_replay_time: Text,
  last_replay_age_seconds: NumberOrText,
  replay_paused: z.boolean().nullable(),
});
export type StateRow = z.output<typeof StateRow>;

export interface ReplicationHints {
  /** Whether /home/root/standby.conf exists; null when the caller could not tell. */
  standbyConfPresent: boolean | null;
}

function standbyConnection(row: z.output<typeof StandbyRow>): StandbyConnection {
  return {
    pid: row.pid,
    applicationName: row.application_name ?? '',
    clientAddress: row.client_addr,
    state: row.state,
    syncState: row.sync_state,
    slotName: row.slot_name,
    sentLsn: row.sent_lsn,
    writeLsn: row.write_lsn,
    flushLsn: row.flush_lsn,
    replayLsn: row.replay_lsn,
    sentLagBytes: countOf(row.sent_lag_bytes),
    writeLagBytes: countOf(row.write_lag_bytes),
    flushLagBytes: countOf(row.flush_lag_bytes),
    replayLagBytes: countOf(row.replay_lag_bytes),
    writeLagSeconds: secondsOf(row.write_lag_seconds),
    flushLagSeconds: secondsOf(row.flush_lag_seconds),
    replayLagSeconds: secondsOf(row.replay_lag_seconds),
    replyAgeSeconds: secondsOf(row.reply_age_seconds),
  };
}

function replicationSlot(row: z.output<typeof SlotRow>): ReplicationSlot {
  return {
    slotName: row.slot_name,
    slotType: row.slot_type ?? 'physical',
    temporary: row.temporary ?? false,
    active: row.active ?? false,
    activePid: row.active_pid,
    restartLsn: row.restart_lsn,
    retainedWalBytes: countOf(row.retained_bytes),
    walStatus: row.wal_status,
    safeWalSizeBytes: integerOf(row.safe_wal_size),
    inactiveSince: row.inactive_since,
    invalidationReason: row.invalidation_reason,
  };
}

function walReceiver(row: z.output<typeof ReceiverRow>): WalReceiver {
  // sender_host is empty or null until the receiver has connected; the connection string still names the primary.
  const fromConninfo = conninfoAddress(row.conninfo);
  return {
    pid: row.pid,
    status: row.status,
    slotName: row.slot_name,
    upstreamHost: row.sender_host || fromConninfo.host,
    upstreamPort: row.sender_port ?? fromConninfo.port,
    receiveStartLsn: row.receive_start_lsn,
    writtenLsn: row.written_lsn,
    flushedLsn: row.flushed_lsn,
    latestEndLsn: row.latest_end_lsn,
    lastMessageSendAgeSeconds: secondsOf(row.last_msg_send_age_seconds),
    lastMessageReceiptAgeSeconds: secondsOf(row.last_msg_receipt_age_seconds),
    lastWalReceivedAgeSeconds: secondsOf(row.latest_end_age_seconds),
  };
}

function standbyCondition(row: StateRow): StandbyCondition {
  if (!row.in_recovery) return 'not_in_recovery';
  if (!row.receiver) return 'no_wal_receiver';
  if (row.receiver.status === null) return 'unknown';
  return row.receiver.status === 'streaming' ? 'streaming' : 'receiver_not_streaming';
}

/** The server's version from its version row. */
export function serverVersion(row: VersionRow): { num: number; text: string } {
  const num = integerOf(row.version_num);
  if (num === null || num <= 0) throw new ConnectError('protocol', `PostgreSQL reported server_version_num "${String(row.version_num)}", which is not a version number.`);
  return { num, text: row.version };
}

/**
 * The replication model from the version and the state row. In recovery: a standby. Not in recovery but
 * with standby.conf: a standby that was promoted or lost replication, never a healthy primary. Otherwise a
 * primary when it has slots or WAL senders, else off.
 */
export function replicationFromRow(version: { num: number; text: string }, row: StateRow, hints: ReplicationHints): ReplicationState {
  const facts = {
    serverVersionNum: version.num,
    serverVersion: version.text,
    inRecovery: row.in_recovery,
    standbyConfPresent: hints.standbyConfPresent,
    statsVisible: row.stats_visible,
    serverTime: row.server_time,
  };
  if (row.in_recovery || hints.standbyConfPresent === true) {
    const condition = standbyCondition(row);
    const replayLagBytes = condition === 'not_in_recovery' ? null : countOf(row.replay_lag_bytes);
    let replayLagSeconds: number | null = null;
    if (replayLagBytes === 0) replayLagSeconds = 0;
    else if (replayLagBytes !== null) replayLagSeconds = secondsOf(row.last_replay_age_seconds);
    return {
      role: 'standby',
      ...facts,
      condition,
      receiver: row.receiver && row.in_recovery ? walReceiver(row.receiver) : null,
      receiveLsn: row.receive_lsn,
      replayLsn: row.replay_lsn,
      replayLagBytes,
      replayLagSeconds,
      lastReplayedTransactionTime: row.last_replay_time,
      replayPaused: row.replay_paused,
    };
  }
  if (row.standbys.length === 0 && row.slots.length === 0) return { role: 'off', ...facts };
  if (row.current_lsn === null) throw new ConnectError('protocol', 'PostgreSQL is not in recovery but reported no current WAL position. Read the replication state again.');
  return {
    role: 'primary',
    ...facts,
    currentLsn: row.current_lsn,
    standbys: row.standbys.map(standbyConnection),
    slots: row.slots.map(replicationSlot),
  };
}
