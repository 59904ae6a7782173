import { readFile, readdir, readlink } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PlatformDatabase } from '../../../electron/core/connect/pg/databaseTypes';
import { openPlatformDatabase } from '../../../electron/core/connect/pg/platformDatabase';
import type { PlatformDatabaseOptions } from '../../../electron/core/connect/pg/platformDatabase';
import { openRootSession } from '../../../electron/core/connect/root/rootSession';
import type { RootSession } from '../../../electron/core/connect/root/rootSession';
import { connectTarget } from '../../../electron/core/connect/sshConnect';
import type { SshLink } from '../../../electron/core/connect/sshConnect';
import { startPostgres, stopPostgres } from '../../lab/faults';
import { instanceDatabase } from '../../lab/labSpec';
import { PGDATA } from '../../lab/initScripts';
import { inPlatform } from '../../lab/platformNamespace';
import { psqlAsPostgres } from '../../lab/postgres';
import { isRoot, startConnectLab } from './connectLab';
import type { ConnectLab } from './connectLab';
import { caught } from '../../support/caughtConnectError';

const CONSOLE_USER = 'apc_console';
const CONSOLE_PASSWORD = "console pw 'x' $1";
const INSTANCE = { domain: 'example.com', name: 'files', app: 'innovaphone-files', sizeMiB: 4 };

/** psql as the lab's postgres superuser, tuples only: what the platform itself says, independent of the code under test. */
async function labSql(platform: string, database: string, sql: string): Promise<string> {
  const { stdout } = await psqlAsPostgres(platform, database, `\\pset tuples_only on\n\\pset format unaligned\n${sql}\n`);
  return stdout.trim();
}

/** Listening TCP sockets owned by this process (a local port forward would show up here). */
async function ownListeningSockets(): Promise<string[]> {
  const inodes = new Set<string>();
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match?.[1]) inodes.add(match[1]);
  }
  const listening: string[] = [];
  for (const table of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    const lines = (await readFile(table, 'utf8')).split('\n').slice(1);
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && cols[9] && inodes.has(cols[9])) listening.push(cols[1] ?? '');
    }
  }
  return listening;
}

async function setupConsoleRole(platform: string): Promise<void> {
  await psqlAsPostgres(platform, 'postgres', `CREATE ROLE ${CONSOLE_USER} LOGIN PASSWORD '${CONSOLE_PASSWORD.replace(/'/g, "''")}' IN ROLE pg_read_all_stats;\n`);
  await psqlAsPostgres(platform, 'manager', `GRANT SELECT ON instances TO ${CONSOLE_USER};\nCREATE TABLE console_probe (note text);\nALTER TABLE console_probe OWNER TO ${CONSOLE_USER};\n`);
}

/**
 * The sizes match what the platform's postgres user reads: the same databases, and sizes equal up to
 * what background work (autovacuum, checkpoints) may change in between.
 */
async function expectLabSizes(platform: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  const lab = (await labSql(platform, 'postgres', "SELECT datname || '|' || pg_database_size(datname) FROM pg_database WHERE datallowconn ORDER BY datname;")).split('\n').map((line) => line.split('|'));
  expect(rows.map((r) => r.datname)).toEqual(lab.map(([name]) => name));
  rows.forEach((row, i) => {
    expect(typeof row.bytes).toBe('number');
    expect(Math.abs(Number(row.bytes) - Number(lab[i]?.[1]))).toBeLessThanOrEqual(256 * 1024);
  });
}

/** Replaces the platform's pg_hba.conf and makes PostgreSQL read it again. */
async function setHba(platform: string, text: string): Promise<void> {
  await inPlatform(platform, ['sh', '-ec', 'cat > "$1"', 'sh', `${PGDATA}/pg_hba.conf`], { input: text });
  await labSql(platform, 'postgres', 'SELECT pg_reload_conf();');
}

describe.skipIf(!isRoot)('PostgreSQL of lab platforms over SSH', () => {
  let lab: ConnectLab;
  const links = new Map<string, SshLink>();
  const roots = new Map<string, Promise<RootSession>>();
  const credentials = { user: CONSOLE_USER, password: CONSOLE_PASSWORD };
  const wrongPassword = { user: 'root', password: 'root has no database password' };
  /** The platform's root session, opened once and shared, as the console's session layer would. */
  const rootOf = (platform: string) => () => {
    let session = roots.get(platform);
    if (!session) {
      const link = links.get(platform);
      if (!link) throw new Error(`no SSH link to ${platform}`);
      session = openRootSession(link.client, 'iplinux', { platformId: platform });
      roots.set(platform, session);
    }
    return session;
  };
  const open = (platform: string, extra: Partial<PlatformDatabaseOptions> = {}): Promise<PlatformDatabase> => {
    const link = links.get(platform);
    if (!link) throw new Error(`no SSH link to ${platform}`);
    return openPlatformDatabase({ client: link.client, platform, database: 'manager', credentials, ...extra });
  };
  const using = async <T>(db: Promise<PlatformDatabase>, work: (db: PlatformDatabase) => Promise<T>): Promise<T> => {
    const opened = await db;
    try {
      return await work(opened);
    } finally {
      await opened.close();
    }
  };

  beforeAll(async () => {
    lab = await startConnectLab({
      platforms: [
        { name: 'pg-open', instances: [INSTANCE] },
        { name: 'pg-drop', sshServer: 'dropbear' },
      ],
    });
    for (const name of ['pg-open', 'pg-drop']) {
      await setupConsoleRole(name);
      const target = lab.target(name);
      await lab.trust(target);
      links.set(name, await connectTarget(target, lab.connectOptions()));
    }
  });
  afterAll(async () => {
    for (const session of roots.values()) (await session.catch(() => undefined))?.close();
    for (const link of links.values()) link.close();
    await lab?.stop();
  });

  for (const platform of ['pg-open', 'pg-drop']) {
    it(`${platform}: reads database sizes through a channel to 127.0.0.1:5432, with no local port`, async () => {
      await using(open(platform, { database: 'postgres' }), async (db) => {
        expect(db.via).toBe('tcp-tunnel');
        expect(db.writable).toBe(false);
        const sizes = await db.query('SELECT datname, pg_database_size(datname) AS bytes FROM pg_database WHERE datallowconn ORDER BY datname', [], z.object({ datname: z.string(), bytes: z.number().int().positive() }));
        await expectLabSizes(platform, sizes);
        const self = await db.query("SELECT host(inet_client_addr()) AS client, current_setting('application_name') AS app, current_setting('statement_timeout') AS timeout");
        expect(self).toEqual([{ client: '127.0.0.1', app: 'AP Console', timeout: '15s' }]);
        expect(await ownListeningSockets()).toEqual([]);
      });
    });
  }

  it('pg-open: the instance database is as large as the data the lab put in it', async () => {
    await using(open('pg-open', { database: 'postgres' }), async (db) => {
      const [row] = await db.query('SELECT pg_database_size($1) AS bytes', [instanceDatabase(INSTANCE)]);
      expect(Number(row?.bytes)).toBeGreaterThan(INSTANCE.sizeMiB * 1024 * 1024);
    });
  });

  it("pg-open: reads the manager database's instances table", async () => {
    await using(open('pg-open'), async (db) => {
      const rows = await db.query('SELECT domain, name, app, database, running FROM instances ORDER BY domain, name');
      expect(rows).toEqual([{ domain: INSTANCE.domain, name: INSTANCE.name, app: INSTANCE.app, database: instanceDatabase(INSTANCE), running: true }]);
    });
  });

  it('pg-open: a statement running past the statement timeout is cancelled', async () => {
    await using(open('pg-open', { statementTimeoutMs: 500 }), async (db) => {
      const started = Date.now();
      const error = await caught(db.query('SELECT pg_sleep(5)'));
      expect(error.code).toBe('timeout');
      expect(error.message).toContain('500 ms');
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await db.query('SELECT 1 AS after')).toEqual([{ after: 1 }]);
    });
  });

  it('pg-open: writes are refused by default and allowed with write: true', async () => {
    const refused = await using(open('pg-open'), (db) => caught(db.execute('INSERT INTO console_probe VALUES ($1)', ['by default'])));
    expect(refused.code).toBe('remote_failed');
    expect(refused.details.reason).toBe('read_only');
    expect(refused.message).toMatch(/wizard step/);
    expect(await labSql('pg-open', 'manager', 'SELECT count(*) FROM console_probe;')).toBe('0');

    const result = await using(open('pg-open', { write: true }), (db) => db.execute('INSERT INTO console_probe VALUES ($1)', ['from a wizard']));
    expect(result).toEqual({ command: 'INSERT', rowCount: 1 });
    expect(await labSql('pg-open', 'manager', 'SELECT note FROM console_probe;')).toBe('from a wizard');
    await labSql('pg-open', 'manager', 'DELETE FROM console_probe;');
  });

  it("pg-open: over the Unix socket, peer authentication sees the SSH login's user", async () => {
    await psqlAsPostgres('pg-open', 'postgres', 'CREATE ROLE admin LOGIN;\nGRANT SELECT ON ALL TABLES IN SCHEMA public TO admin;\n');
    try {
      await using(open('pg-open', { credentials: undefined, sshUser: 'admin' }), async (db) => {
        expect(db.via).toBe('unix-socket');
        expect(await db.query('SELECT current_user AS who, inet_client_addr() AS client')).toEqual([{ who: 'admin', client: null }]);
      });
    } finally {
      await psqlAsPostgres('pg-open', 'postgres', 'DROP ROLE admin;\n');
    }
  });

  it('pg-drop: dropbear does not forward Unix sockets, and the notes say so', async () => {
    const error = await caught(open('pg-drop', { credentials: undefined, sshUser: 'admin' }));
    expect(error.code).toBe('auth_failed');
    expect(error.message).toMatch(/root password/);
    expect(String(error.details.notes)).toMatch(/does not forward to PostgreSQL's Unix socket/);
  });

  it('pg-open: a wrong database password is reported as such, without the password', async () => {
    const error = await caught(open('pg-open', { credentials: { user: CONSOLE_USER, password: 'not-it-0815' } }));
    expect(error.code).toBe('auth_failed');
    expect(error.message).toMatch(/Check the database password/);
    expect(error.message).toMatch(/root password/);
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain('not-it-0815');
  });

  it('pg-open: a missing database is named', async () => {
    const error = await caught(open('pg-open', { database: 'no_such_db' }));
    expect(error.details.reason).toBe('database_missing');
    expect(error.message).toContain('"no_such_db" does not exist on platform pg-open');
  });

  it('pg-open: without a pg_hba entry for 127.0.0.1 the refusal is explained', async () => {
    const original = (await inPlatform('pg-open', ['cat', `${PGDATA}/pg_hba.conf`])).stdout;
    await setHba('pg-open', original.split('\n').filter((line) => !line.startsWith('host ')).join('\n'));
    try {
      const error = await caught(open('pg-open'));
      expect(error.code).toBe('auth_failed');
      expect(error.message).toContain('no pg_hba.conf entry');
    } finally {
      await setHba('pg-open', original);
    }
  });

  it('pg-open: with PostgreSQL stopped, says that it is not running, on every route', async () => {
    await stopPostgres('pg-open');
    try {
      for (const extra of [{}, { root: rootOf('pg-open') }, { credentials: undefined, root: rootOf('pg-open') }]) {
        const error = await caught(open('pg-open', extra));
        expect(error.code).toBe('unreachable');
        expect(error.message).toMatch(/^PostgreSQL is not running on platform pg-open/);
      }
    } finally {
      await startPostgres('pg-open');
    }
  });

  for (const platform of ['pg-open', 'pg-drop']) {
    it(`${platform}: falls back to psql as root when PostgreSQL refuses the stored login`, async () => {
      await using(open(platform, { credentials: wrongPassword, root: rootOf(platform) }), async (db) => {
        expect(db.via).toBe('psql-root');
        expect(db.notes.join(' ')).toMatch(/refused the password of database user "root"/);
        const sizes = await db.query('SELECT datname, pg_database_size(datname) AS bytes FROM pg_database WHERE datallowconn ORDER BY datname');
        await expectLabSizes(platform, sizes);
        expect(await db.query('SELECT current_user AS who')).toEqual([{ who: 'root' }]);
      });
    });
  }

  it('pg-open: rows have the same types through psql as through pg', async () => {
    const sql = "SELECT domain, name, running, length(database) AS n, 12345678901::bigint AS big, 1.5::numeric AS num, NULL::text AS nothing, ARRAY[1,2] AS list, '{\"k\": [true]}'::jsonb AS doc FROM instances";
    const viaPg = await using(open('pg-open'), (db) => db.query(sql));
    const viaPsql = await using(open('pg-open', { credentials: undefined, root: rootOf('pg-open') }), async (db) => {
      expect(db.via).toBe('psql-root');
      return db.query(sql);
    });
    expect(viaPsql).toEqual(viaPg);
    expect(viaPg[0]).toMatchObject({ running: true, big: 12345678901, num: 1.5, nothing: null, list: [1, 2], doc: { k: [true] } });
  });

  it('pg-open: psql keeps hostile parameter values intact', async () => {
    const values = ["it's", 'back\\slash \\\'', '$1 $$ $q$', 'line\nbreak\r\ttab', '"quoted"', 'ünïcödé €', '-- comment', '/* c */', '\u001f\u001e', "'); DROP TABLE instances; --", ''];
    await using(open('pg-open', { credentials: undefined, root: rootOf('pg-open') }), async (db) => {
      for (const value of values) {
        expect(await db.query('SELECT $1::text AS v, $2::int AS n, $3::boolean AS b, $4::text AS z', [value, 42, false, null])).toEqual([{ v: value, n: 42, b: false, z: null }]);
      }
    });
    expect(await labSql('pg-open', 'manager', 'SELECT count(*) FROM instances;')).toBe('1');
  });

  it('pg-open: through psql, the statement timeout fires and the session stays usable', async () => {
    await using(open('pg-open', { credentials: undefined, root: rootOf('pg-open'), statementTimeoutMs: 500 }), async (db) => {
      const started = Date.now();
      const error = await caught(db.query('SELECT pg_sleep(5)'));
      expect(error.code).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await db.query('SELECT 3 AS after')).toEqual([{ after: 3 }]);
    });
  });

  it('pg-open: through psql, writes are refused by default and allowed with write: true', async () => {
    const viaRoot = { credentials: undefined, root: rootOf('pg-open') };
    const refused = await using(open('pg-open', viaRoot), (db) => caught(db.execute('INSERT INTO console_probe VALUES ($1)', ['by default'])));
    expect(refused.details.reason).toBe('read_only');
    expect(refused.message).toMatch(/wizard step/);
    expect(await labSql('pg-open', 'manager', 'SELECT count(*) FROM console_probe;')).toBe('0');

    const result = await using(open('pg-open', { ...viaRoot, write: true }), (db) => db.execute('INSERT INTO console_probe VALUES ($1), ($2)', ["wizard's", 'step']));
    expect(result).toEqual({ command: 'INSERT', rowCount: 2 });
    expect(await labSql('pg-open', 'manager', 'SELECT note FROM console_probe ORDER BY note;')).toBe("step\nwizard's");
    await labSql('pg-open', 'manager', 'DELETE FROM console_probe;');
  });

  it('pg-open: without a pg_hba entry for 127.0.0.1, psql as root is the way in', async () => {
    const original = (await inPlatform('pg-open', ['cat', `${PGDATA}/pg_hba.conf`])).stdout;
    await setHba('pg-open', original.split('\n').filter((line) => !line.startsWith('host ')).join('\n'));
    try {
      await using(open('pg-open', { root: rootOf('pg-open') }), async (db) => {
        expect(db.via).toBe('psql-root');
        expect(db.notes.join(' ')).toContain('no pg_hba.conf entry');
        expect(await db.query('SELECT count(*)::int AS n FROM instances')).toEqual([{ n: 1 }]);
      });
    } finally {
      await setHba('pg-open', original);
    }
  });

  it('pg-open: through psql, a missing database is named', async () => {
    const error = await caught(open('pg-open', { database: 'no_such_db', credentials: undefined, root: rootOf('pg-open') }));
    expect(error.details.reason).toBe('database_missing');
    expect(error.message).toContain('"no_such_db" does not exist on platform pg-open');
  });
});
