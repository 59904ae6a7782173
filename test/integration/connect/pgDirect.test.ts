import { execFile } from 'node:child_process';
import { chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDirectDatabase } from '../../../electron/core/connect/pg/directDatabase';
import type { DirectDatabaseOptions } from '../../../electron/core/connect/pg/directDatabase';
import { postgresBin } from '../../lab/postgres';
import { isRoot } from './connectLab';
import { caught } from '../../support/caughtConnectError';
import { freePort } from '../../support/freePort';

const run = promisify(execFile);
const PASSWORD = 'direct pw \'"$1';

/** A PostgreSQL of its own on 127.0.0.1 and ::1, run as the postgres OS user, with or without TLS. */
interface TestServer {
  port: number;
  dir: string;
  cert?: string;
  asPostgres(sql: string): Promise<string>;
  setHba(lines: string): Promise<void>;
  stop(): Promise<void>;
}

async function startServer(tls: boolean): Promise<TestServer> {
  const bin = await postgresBin();
  const dir = await mkdtemp(join(tmpdir(), 'apc-pg-direct-'));
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  await chown(dir, uid, gid);
  const data = join(dir, 'data');
  const asUser = (file: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', file, ...args]);
  await asUser(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--no-locale', '-E', 'UTF8', '--auth-local=trust', '--auth-host=scram-sha-256']);
  const port = await freePort();
  const conf = [`port = ${port}`, `listen_addresses = '127.0.0.1,::1'`, `unix_socket_directories = '${dir}'`, "password_encryption = 'scram-sha-256'"];
  let cert: string | undefined;
  if (tls) {
    await asUser('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=apc-test-db', '-keyout', join(data, 'server.key'), '-out', join(data, 'server.crt')]);
    cert = await readFile(join(data, 'server.crt'), 'utf8');
    conf.push('ssl = on');
  }
  await writeFile(join(data, 'postgresql.auto.conf'), `${conf.join('\n')}\n`);
  await asUser(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
  const asPostgres = async (sql: string) => (await asUser('psql', ['-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-c', sql])).stdout.trim();
  await asPostgres(`CREATE ROLE console LOGIN PASSWORD '${PASSWORD.replace(/'/g, "''")}'; CREATE TABLE probe (id int); GRANT SELECT, INSERT ON probe TO console;`);
  return {
    port,
    dir,
    ...(cert ? { cert } : {}),
    asPostgres,
    async setHba(lines) {
      await writeFile(join(data, 'pg_hba.conf'), `local all all trust\n${lines}\n`);
      await asUser(join(bin, 'pg_ctl'), ['-D', data, 'reload']);
      await new Promise((resolve) => setTimeout(resolve, 300));
    },
    async stop() {
      await asUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const OWN_TLS = 'SELECT ssl, host(inet_client_addr()) AS client FROM pg_stat_ssl WHERE pid = pg_backend_pid()';

describe.skipIf(!isRoot)('direct connections to an external PostgreSQL', () => {
  let plain: TestServer;
  let secure: TestServer;
  const options = (server: TestServer, extra: Partial<DirectDatabaseOptions> = {}): DirectDatabaseOptions => ({
    host: `127.0.0.1:${server.port}`,
    user: 'console',
    password: PASSWORD,
    database: 'postgres',
    ...extra,
  });

  beforeAll(async () => {
    [plain, secure] = await Promise.all([startServer(false), startServer(true)]);
  });
  afterAll(async () => {
    await Promise.all([plain?.stop(), secure?.stop()]);
  });

  it('sslmode prefer goes on without TLS when the server offers none, and says so', async () => {
    const db = await openDirectDatabase(options(plain));
    try {
      expect(db.via).toBe('direct');
      expect(db.tls).toBe(false);
      expect(db.notes.join(' ')).toMatch(/does not offer TLS/);
      expect(await db.query(OWN_TLS)).toEqual([{ ssl: false, client: '127.0.0.1' }]);
    } finally {
      await db.close();
    }
  });

  it('sslmode prefer uses TLS when the server offers it', async () => {
    const db = await openDirectDatabase(options(secure));
    try {
      expect(db.tls).toBe(true);
      expect(await db.query(OWN_TLS)).toEqual([{ ssl: true, client: '127.0.0.1' }]);
    } finally {
      await db.close();
    }
  });

  it('reaches ::1 written as [::1]:port and as a bare address with a port option', async () => {
    for (const extra of [{ host: `[::1]:${secure.port}` }, { host: '::1', port: secure.port }]) {
      const db = await openDirectDatabase(options(secure, extra));
      try {
        expect(await db.query(OWN_TLS)).toEqual([{ ssl: true, client: '::1' }]);
      } finally {
        await db.close();
      }
    }
  });

  it('sslmode require refuses a server without TLS', async () => {
    const error = await caught(openDirectDatabase(options(plain, { ssl: 'require' })));
    expect(error.code).toBe('protocol');
    expect(error.message).toMatch(/does not offer TLS/);
  });

  it('checks the certificate against a given CA and refuses another CA', async () => {
    const db = await openDirectDatabase(options(secure, { ssl: 'require', ca: secure.cert ?? '' }));
    expect(await db.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).toEqual([{ ssl: true }]);
    await db.close();
    const other = await startServer(true);
    try {
      const error = await caught(openDirectDatabase(options(secure, { ssl: 'prefer', ca: other.cert ?? '' })));
      expect(error.code).toBe('certificate_untrusted');
    } finally {
      await other.stop();
    }
  });

  it('sslmode disable stays plain even when the server offers TLS', async () => {
    const db = await openDirectDatabase(options(secure, { ssl: 'disable' }));
    try {
      expect(db.tls).toBe(false);
      expect(await db.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).toEqual([{ ssl: false }]);
    } finally {
      await db.close();
    }
  });

  it('refuses a wrong password without repeating it', async () => {
    const error = await caught(openDirectDatabase(options(plain, { password: 'wrong-pw-4711' })));
    expect(error.code).toBe('auth_failed');
    expect(error.message).toMatch(/database user "console".*Check the database password/);
    expect(error.message).not.toContain('wrong-pw-4711');
  });

  it('says the host is unreachable when nothing listens on the port', async () => {
    const error = await caught(openDirectDatabase(options(plain, { host: `127.0.0.1:${await freePort()}` })));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('stops a statement at the statement timeout', async () => {
    const db = await openDirectDatabase(options(plain, { statementTimeoutMs: 500 }));
    try {
      const started = Date.now();
      const error = await caught(db.query('SELECT pg_sleep(5)'));
      expect(error.code).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await db.query('SELECT 2 AS still_usable')).toEqual([{ still_usable: 2 }]);
    } finally {
      await db.close();
    }
  });

  it('is read-only unless writes are asked for', async () => {
    const readOnly = await openDirectDatabase(options(plain));
    const refused = await caught(readOnly.execute('INSERT INTO probe VALUES ($1)', [7]));
    await readOnly.close();
    expect(refused.details.reason).toBe('read_only');
    expect(refused.message).toMatch(/wizard step/);
    expect(await plain.asPostgres('SELECT count(*) FROM probe')).toBe('0');

    const writable = await openDirectDatabase(options(plain, { write: true }));
    try {
      expect(await writable.execute('INSERT INTO probe VALUES ($1)', [7])).toEqual({ command: 'INSERT', rowCount: 1 });
    } finally {
      await writable.close();
    }
    expect(await plain.asPostgres('SELECT id FROM probe')).toBe('7');
  });

  it('sslmode prefer retries without TLS when the server admits the user only without TLS', async () => {
    await secure.setHba('hostnossl all all 127.0.0.1/32 scram-sha-256');
    try {
      const db = await openDirectDatabase(options(secure));
      expect(db.tls).toBe(false);
      expect(db.notes.join(' ')).toMatch(/refused this user over TLS/);
      expect(await db.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).toEqual([{ ssl: false }]);
      await db.close();
      const required = await caught(openDirectDatabase(options(secure, { ssl: 'require' })));
      expect(required.code).toBe('auth_failed');
      expect(required.message).toContain('no pg_hba.conf entry');
    } finally {
      await secure.setHba('host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256');
    }
  });
});
