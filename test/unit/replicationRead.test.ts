import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../electron/core/connect/connectError';
import type { DatabaseRow, PlatformDatabase } from '../../electron/core/connect/pg/databaseTypes';
import { queryFunction } from '../../electron/core/connect/pg/rowsStatement';
import { readReplication } from '../../electron/core/replication/readReplication';
import { SERVER_VERSION_STATEMENT, replicationStatement } from '../../electron/core/replication/replicationQueries';
import { STANDBY_CONF_PATH, standbyConfPresent } from '../../electron/core/replication/standbyConf';

const STATE_ROW: DatabaseRow = {
  in_recovery: false, server_time: '2026-05-01T10:00:00+00:00', current_lsn: '0/3000060', stats_visible: true,
  standbys: [], slots: [{ slot_name: 'sb', slot_type: 'physical', temporary: false, active: false, active_pid: null, restart_lsn: '0/3000000', retained_bytes: '96', wal_status: null, safe_wal_size: null, inactive_since: null, invalidation_reason: null }],
  receiver: null, receive_lsn: null, replay_lsn: null, replay_lag_bytes: null, last_replay_time: null, last_replay_age_seconds: null, replay_paused: null,
};

/** A database answering the version statement with `version` and any other statement with `state`. */
function fakeDatabase(version: DatabaseRow[], state: DatabaseRow[]): { db: PlatformDatabase; asked: string[] } {
  const asked: string[] = [];
  const db: PlatformDatabase = {
    via: 'direct', database: 'postgres', writable: false, tls: false, notes: [],
    query: queryFunction(async (sql) => {
      asked.push(sql);
      return sql === SERVER_VERSION_STATEMENT ? version : state;
    }),
    execute: async () => ({ command: 'SELECT', rowCount: null }),
    close: async () => undefined,
  };
  return { db, asked };
}

describe('readReplication', () => {
  it('asks the version first, then the statement built for that version', async () => {
    const { db, asked } = fakeDatabase([{ version_num: '110022', version: '11.22' }], [STATE_ROW]);
    const state = await readReplication(db, { standbyConfPresent: false });
    expect(asked).toEqual([SERVER_VERSION_STATEMENT, replicationStatement(110022)]);
    expect(state).toMatchObject({ role: 'primary', serverVersionNum: 110022, serverVersion: '11.22', slots: [{ slotName: 'sb', retainedWalBytes: 96 }] });
  });

  it('refuses a server before PostgreSQL 10 with a reason and what to do, without asking more', async () => {
    const { db, asked } = fakeDatabase([{ version_num: '90624', version: '9.6.24' }], [STATE_ROW]);
    const error = await readReplication(db, { standbyConfPresent: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).details).toMatchObject({ reason: 'unsupported_version', serverVersionNum: 90624 });
    expect((error as ConnectError).message).toMatch(/9\.6\.24.*update the platform's image/);
    expect(asked).toEqual([SERVER_VERSION_STATEMENT]);
  });

  it('reports rows of an unexpected shape, or none, as protocol errors', async () => {
    const odd = await readReplication(fakeDatabase([{ version_num: 150018, version: '15.18' }], [{ ...STATE_ROW, slots: 'none' }]).db, { standbyConfPresent: false }).catch((e: unknown) => e);
    expect(odd).toBeInstanceOf(ConnectError);
    expect((odd as ConnectError).code).toBe('protocol');
    const none = await readReplication(fakeDatabase([{ version_num: 150018, version: '15.18' }], []).db, { standbyConfPresent: false }).catch((e: unknown) => e);
    expect((none as ConnectError).code).toBe('protocol');
    const noVersion = await readReplication(fakeDatabase([], []).db, { standbyConfPresent: false }).catch((e: unknown) => e);
    expect((noVersion as ConnectError).code).toBe('protocol');
  });
});

describe('standbyConfPresent', () => {
  const runner = (code: number) => {
    const ran: unknown[] = [];
    return { ran, root: { run: async (argv: readonly string[] | { shell: string }) => (ran.push(argv), { output: '', code }) } };
  };

  it('asks test -f as root and reads its exit code', async () => {
    const yes = runner(0);
    expect(await standbyConfPresent(yes.root)).toBe(true);
    expect(yes.ran).toEqual([['test', '-f', STANDBY_CONF_PATH]]);
    expect(await standbyConfPresent(runner(1).root)).toBe(false);
    expect(await standbyConfPresent(runner(2).root)).toBeNull();
    expect(await standbyConfPresent(runner(127).root)).toBeNull();
  });
});
