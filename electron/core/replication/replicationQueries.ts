/**
 * The SQL that reads replication state, per PostgreSQL version (server_version_num). Every statement is
 * read-only, returns rows and can stand as a subquery. Byte counts leave the server as text (numeric
 * LSN differences can exceed a double's exact range); seconds as float8.
 */

/** PostgreSQL 10 renamed xlog to wal; older servers are not read. */
export const MIN_SERVER_VERSION_NUM = 100_000;

export const SERVER_VERSION_STATEMENT = "SELECT current_setting('server_version_num') AS version_num, current_setting('server_version') AS version";

/** Which catalog columns a version has (checked against each major's pg_attribute). */
export interface ReplicationColumns {
  /** pg_stat_wal_receiver.sender_host and sender_port (11). */
  senderHost: boolean;
  /** pg_stat_replication.reply_time (12). */
  replyTime: boolean;
  /** pg_stat_wal_receiver.written_lsn and flushed_lsn replace received_lsn (13). */
  writtenFlushedLsn: boolean;
  /** pg_replication_slots.wal_status and safe_wal_size (13). */
  slotWalStatus: boolean;
  /** pg_replication_slots.inactive_since and invalidation_reason (17). */
  slotInactiveSince: boolean;
}

export function replicationColumns(versionNum: number): ReplicationColumns {
  return {
    senderHost: versionNum >= 110_000,
    replyTime: versionNum >= 120_000,
    writtenFlushedLsn: versionNum >= 130_000,
    slotWalStatus: versionNum >= 130_000,
    slotInactiveSince: versionNum >= 170_000,
  };
}

const ageOf = (timestamp: string) => `extract(epoch FROM (p.at - ${timestamp}))::float8`;
const bytesBetween = (later: string, earlier: string) => `pg_wal_lsn_diff(${later}, ${earlier})::text`;

function standbysSubquery(c: ReplicationColumns): string {
  return `(SELECT coalesce(json_agg(x ORDER BY x.application_name, x.pid), '[]'::json) FROM (
    SELECT r.pid, r.application_name, host(r.client_addr) AS client_addr, r.state, r.sync_state, s.slot_name::text AS slot_name,
      r.sent_lsn::text AS sent_lsn, r.write_lsn::text AS write_lsn, r.flush_lsn::text AS flush_lsn, r.replay_lsn::text AS replay_lsn,
      ${bytesBetween('p.current_lsn', 'r.sent_lsn')} AS sent_lag_bytes,
      ${bytesBetween('p.current_lsn', 'r.write_lsn')} AS write_lag_bytes,
      ${bytesBetween('p.current_lsn', 'r.flush_lsn')} AS flush_lag_bytes,
      ${bytesBetween('p.current_lsn', 'r.replay_lsn')} AS replay_lag_bytes,
      extract(epoch FROM r.write_lag)::float8 AS write_lag_seconds,
      extract(epoch FROM r.flush_lag)::float8 AS flush_lag_seconds,
      extract(epoch FROM r.replay_lag)::float8 AS replay_lag_seconds,
      ${c.replyTime ? ageOf('r.reply_time') : 'NULL::float8'} AS reply_age_seconds
    FROM pg_stat_replication r LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid
  ) x)`;
}

function slotsSubquery(c: ReplicationColumns): string {
  return `(SELECT coalesce(json_agg(x ORDER BY x.slot_name), '[]'::json) FROM (
    SELECT s.slot_name::text AS slot_name, s.slot_type, s.temporary, s.active, s.active_pid, s.restart_lsn::text AS restart_lsn,
      ${bytesBetween('p.current_lsn', 's.restart_lsn')} AS retained_bytes,
      ${c.slotWalStatus ? 's.wal_status' : 'NULL::text'} AS wal_status,
      ${c.slotWalStatus ? 's.safe_wal_size::text' : 'NULL::text'} AS safe_wal_size,
      ${c.slotInactiveSince ? 's.inactive_since' : 'NULL::timestamptz'} AS inactive_since,
      ${c.slotInactiveSince ? 's.invalidation_reason' : 'NULL::text'} AS invalidation_reason
    FROM pg_replication_slots s
  ) x)`;
}

function receiverSubquery(c: ReplicationColumns): string {
  return `(SELECT row_to_json(x) FROM (
    SELECT w.pid, w.status, w.slot_name::text AS slot_name,
      ${c.senderHost ? 'w.sender_host' : 'NULL::text'} AS sender_host,
      ${c.senderHost ? 'w.sender_port' : 'NULL::int'} AS sender_port,
      w.conninfo,
      w.receive_start_lsn::text AS receive_start_lsn,
      ${c.writtenFlushedLsn ? 'w.written_lsn::text' : 'NULL::text'} AS written_lsn,
      ${c.writtenFlushedLsn ? 'w.flushed_lsn::text' : 'w.received_lsn::text'} AS flushed_lsn,
      w.latest_end_lsn::text AS latest_end_lsn,
      ${ageOf('w.last_msg_send_time')} AS last_msg_send_age_seconds,
      ${ageOf('w.last_msg_receipt_time')} AS last_msg_receipt_age_seconds,
      ${ageOf('w.latest_end_time')} AS latest_end_age_seconds
    FROM pg_stat_wal_receiver w LIMIT 1
  ) x)`;
}

/**
 * One row with both sides: this server's role facts, the WAL senders and slots (the primary's side),
 * and the WAL receiver and replay progress (the standby's side). pg_current_wal_lsn() and
 * pg_is_wal_replay_paused() fail on the wrong side, so each is reached only on its own.
 */
export function replicationStatement(versionNum: number): string {
  if (!Number.isInteger(versionNum) || versionNum < MIN_SERVER_VERSION_NUM) {
    throw new RangeError(`Replication state is read from PostgreSQL 10 on, not server_version_num ${versionNum}.`);
  }
  const c = replicationColumns(versionNum);
  return `WITH p AS (
  SELECT pg_is_in_recovery() AS in_recovery, now() AS at,
    CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn() END AS current_lsn
)
SELECT p.in_recovery, p.at AS server_time, p.current_lsn::text AS current_lsn,
  pg_has_role('pg_read_all_stats', 'USAGE') AS stats_visible,
  ${standbysSubquery(c)} AS standbys,
  ${slotsSubquery(c)} AS slots,
  ${receiverSubquery(c)} AS receiver,
  pg_last_wal_receive_lsn()::text AS receive_lsn,
  pg_last_wal_replay_lsn()::text AS replay_lsn,
  ${bytesBetween('pg_last_wal_receive_lsn()', 'pg_last_wal_replay_lsn()')} AS replay_lag_bytes,
  pg_last_xact_replay_timestamp() AS last_replay_time,
  ${ageOf('pg_last_xact_replay_timestamp()')} AS last_replay_age_seconds,
  CASE WHEN p.in_recovery THEN pg_is_wal_replay_paused() END AS replay_paused
FROM p`;
}
