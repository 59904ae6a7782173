import { describe, expect, it } from 'vitest';
import { rowsStatement } from '../../electron/core/connect/pg/rowsStatement';
import { MIN_SERVER_VERSION_NUM, SERVER_VERSION_STATEMENT, replicationColumns, replicationStatement } from '../../electron/core/replication/replicationQueries';

const VERSIONS = [100023, 110022, 120020, 130023, 140015, 150018, 160009, 170010, 180001];
const selected = (sql: string, expression: string, alias: string) => new RegExp(`${expression.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+AS ${alias}\\b`).test(sql);

describe('replicationColumns', () => {
  it('names the columns each major version has', () => {
    expect(replicationColumns(100023)).toEqual({ senderHost: false, replyTime: false, writtenFlushedLsn: false, slotWalStatus: false, slotInactiveSince: false });
    expect(replicationColumns(110022)).toEqual({ senderHost: true, replyTime: false, writtenFlushedLsn: false, slotWalStatus: false, slotInactiveSince: false });
    expect(replicationColumns(120020)).toEqual({ senderHost: true, replyTime: true, writtenFlushedLsn: false, slotWalStatus: false, slotInactiveSince: false });
    expect(replicationColumns(130000)).toEqual({ senderHost: true, replyTime: true, writtenFlushedLsn: true, slotWalStatus: true, slotInactiveSince: false });
    expect(replicationColumns(160009)).toEqual({ senderHost: true, replyTime: true, writtenFlushedLsn: true, slotWalStatus: true, slotInactiveSince: false });
    expect(replicationColumns(170000)).toEqual({ senderHost: true, replyTime: true, writtenFlushedLsn: true, slotWalStatus: true, slotInactiveSince: true });
  });
});

describe('replicationStatement', () => {
  it.each(VERSIONS)('%i: uses no xlog names, writes nothing and stands as a subquery', (version) => {
    const sql = replicationStatement(version);
    expect(sql).not.toMatch(/xlog|location/i);
    expect(sql).not.toMatch(/\b(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|TRUNCATE|pg_create|pg_drop|pg_switch_wal)\b/i);
    expect(sql).not.toContain(';');
    expect(sql).toMatch(/^WITH p AS \(/);
    expect(rowsStatement(sql)).toContain(`FROM (\n${sql}\n) AS apc_row`);
  });

  it.each(VERSIONS)('%i: reaches pg_current_wal_lsn only off recovery and pg_is_wal_replay_paused only in recovery', (version) => {
    const sql = replicationStatement(version);
    expect(sql.match(/pg_current_wal_lsn\(\)/g)).toHaveLength(1);
    expect(sql).toContain('CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn() END AS current_lsn');
    expect(sql.match(/pg_is_wal_replay_paused\(\)/g)).toHaveLength(1);
    expect(sql).toContain('CASE WHEN p.in_recovery THEN pg_is_wal_replay_paused() END AS replay_paused');
  });

  it.each(VERSIONS)('%i: sends byte differences as text and seconds as float8', (version) => {
    const sql = replicationStatement(version);
    for (const [later, earlier, alias] of [
      ['p.current_lsn', 'r.sent_lsn', 'sent_lag_bytes'],
      ['p.current_lsn', 'r.write_lsn', 'write_lag_bytes'],
      ['p.current_lsn', 'r.flush_lsn', 'flush_lag_bytes'],
      ['p.current_lsn', 'r.replay_lsn', 'replay_lag_bytes'],
      ['p.current_lsn', 's.restart_lsn', 'retained_bytes'],
      ['pg_last_wal_receive_lsn()', 'pg_last_wal_replay_lsn()', 'replay_lag_bytes'],
    ]) {
      expect(selected(sql, `pg_wal_lsn_diff(${later}, ${earlier})::text`, alias ?? '')).toBe(true);
    }
    expect(selected(sql, 'extract(epoch FROM r.replay_lag)::float8', 'replay_lag_seconds')).toBe(true);
    expect(selected(sql, 'extract(epoch FROM (p.at - w.latest_end_time))::float8', 'latest_end_age_seconds')).toBe(true);
    expect(sql).toContain('LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid');
  });

  it('11 and 12 read received_lsn as the flushed position; 13 on written_lsn and flushed_lsn', () => {
    for (const version of [100023, 110022, 120020]) {
      const sql = replicationStatement(version);
      expect(selected(sql, 'w.received_lsn::text', 'flushed_lsn')).toBe(true);
      expect(selected(sql, 'NULL::text', 'written_lsn')).toBe(true);
      expect(sql).not.toMatch(/written_lsn::|flushed_lsn::/);
    }
    for (const version of [130023, 150018, 170010]) {
      const sql = replicationStatement(version);
      expect(selected(sql, 'w.written_lsn::text', 'written_lsn')).toBe(true);
      expect(selected(sql, 'w.flushed_lsn::text', 'flushed_lsn')).toBe(true);
      expect(sql).not.toContain('received_lsn');
    }
  });

  it('reads reply_time from 12, wal_status and safe_wal_size from 13, inactive_since from 17', () => {
    const v11 = replicationStatement(110022);
    expect(v11).not.toMatch(/r\.reply_time|s\.wal_status|s\.safe_wal_size|s\.inactive_since|s\.invalidation_reason/);
    expect(selected(v11, 'NULL::float8', 'reply_age_seconds')).toBe(true);
    expect(selected(v11, 'NULL::text', 'wal_status')).toBe(true);
    expect(selected(v11, 'NULL::text', 'safe_wal_size')).toBe(true);

    const v12 = replicationStatement(120020);
    expect(selected(v12, 'extract(epoch FROM (p.at - r.reply_time))::float8', 'reply_age_seconds')).toBe(true);
    expect(v12).not.toMatch(/s\.wal_status/);

    const v13 = replicationStatement(130023);
    expect(selected(v13, 's.wal_status', 'wal_status')).toBe(true);
    expect(selected(v13, 's.safe_wal_size::text', 'safe_wal_size')).toBe(true);
    expect(selected(v13, 'NULL::timestamptz', 'inactive_since')).toBe(true);

    const v17 = replicationStatement(170010);
    expect(selected(v17, 's.inactive_since', 'inactive_since')).toBe(true);
    expect(selected(v17, 's.invalidation_reason', 'invalidation_reason')).toBe(true);
  });

  it('reads sender_host and sender_port from 11 and always the connection string for older servers', () => {
    expect(selected(replicationStatement(100023), 'NULL::text', 'sender_host')).toBe(true);
    expect(selected(replicationStatement(100023), 'NULL::int', 'sender_port')).toBe(true);
    expect(selected(replicationStatement(110022), 'w.sender_host', 'sender_host')).toBe(true);
    expect(selected(replicationStatement(110022), 'w.sender_port', 'sender_port')).toBe(true);
    for (const version of VERSIONS) expect(replicationStatement(version)).toContain('w.conninfo,');
  });

  it('refuses servers before 10 and non-numbers', () => {
    expect(MIN_SERVER_VERSION_NUM).toBe(100000);
    for (const version of [90624, 0, -1, Number.NaN, 110022.5]) expect(() => replicationStatement(version)).toThrow(RangeError);
  });

  it('asks the version without SHOW, so it stands as a subquery too', () => {
    expect(SERVER_VERSION_STATEMENT).toMatch(/^SELECT current_setting\('server_version_num'\) AS version_num, current_setting\('server_version'\) AS version$/);
  });
});
