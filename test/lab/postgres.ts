import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { instanceDatabase } from './labSpec';
import type { InstanceSpec } from './labSpec';
import { PGDATA } from './initScripts';
import { inPlatform } from './platformNamespace';
import type { RunResult } from './run';

const PG_ROOT = '/usr/lib/postgresql';

/** The newest PostgreSQL server installed from Debian's packages, or the major version asked for. */
export async function postgresBin(major?: number): Promise<string> {
  const versions = (await readdir(PG_ROOT).catch(() => [] as string[])).map(Number).filter(Number.isInteger).sort((a, b) => b - a);
  const chosen = major ?? versions[0];
  if (chosen === undefined || !versions.includes(chosen)) {
    throw new Error(`PostgreSQL ${major ?? ''} server is not installed (found: ${versions.join(', ') || 'none'}). Install Debian's postgresql package.`);
  }
  return join(PG_ROOT, String(chosen), 'bin');
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Runs SQL as the postgres superuser over the platform's Unix socket. */
export function psqlAsPostgres(platform: string, database: string, sql: string): Promise<RunResult> {
  return inPlatform(platform, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', database, '-f', '-'], { input: sql });
}

const HBA = `# An App Platform accepts local users and, from outside, only replication users over TLS.
local   all          all                    peer
host    all          all      127.0.0.1/32  scram-sha-256
host    all          all      ::1/128       scram-sha-256
hostssl replication  all      0.0.0.0/0     scram-sha-256
`;

const CONF = `listen_addresses = '*'
unix_socket_directories = '/run/postgresql'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
shared_buffers = 16MB
min_wal_size = 32MB
max_wal_size = 64MB
wal_sender_timeout = 5s
wal_receiver_timeout = 5s
password_encryption = 'scram-sha-256'
`;

/** initdb on /mnt/sda2/pgsql with the AP's access rules and a TLS certificate, then S50postgresql start. */
export async function initPostgres(platform: string, pgBin: string): Promise<void> {
  const sh = (script: string) => inPlatform(platform, ['sh', '-ec', script]);
  await sh(`mkdir -p ${PGDATA} && chown postgres:postgres ${PGDATA} && chmod 700 ${PGDATA}`);
  await inPlatform(platform, ['runuser', '-u', 'postgres', '--', join(pgBin, 'initdb'), '-D', PGDATA, '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--auth-local=peer', '--auth-host=scram-sha-256']);
  await inPlatform(platform, ['sh', '-ec', `cat > ${PGDATA}/pg_hba.conf && chown postgres:postgres ${PGDATA}/pg_hba.conf`], { input: HBA });
  await inPlatform(platform, ['sh', '-ec', `cat >> ${PGDATA}/postgresql.conf`], { input: CONF });
  await inPlatform(platform, [
    'runuser', '-u', 'postgres', '--', 'openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '3650',
    '-subj', `/CN=${platform}`, '-keyout', `${PGDATA}/server.key`, '-out', `${PGDATA}/server.crt`,
  ]);
  await inPlatform(platform, ['/etc/init.d/S50postgresql', 'start']);
}

/** The manager database: the config table (name/value) and the instance registry the console reads. */
export async function createManagerDatabase(platform: string): Promise<void> {
  await psqlAsPostgres(platform, 'postgres', 'CREATE ROLE root SUPERUSER LOGIN;\nCREATE DATABASE manager OWNER root;\n');
  await psqlAsPostgres(
    platform,
    'manager',
    `CREATE TABLE config (name text PRIMARY KEY, value text NOT NULL);
CREATE TABLE instances (
  domain text NOT NULL, name text NOT NULL, app text NOT NULL,
  database text NOT NULL UNIQUE, db_user text NOT NULL, running boolean NOT NULL DEFAULT true,
  PRIMARY KEY (domain, name));
ALTER TABLE config OWNER TO root;
ALTER TABLE instances OWNER TO root;
`,
  );
}

/** One instance: its own user and database <domain>_<instance>, filled with about sizeMiB of incompressible rows. */
export async function createInstance(platform: string, instance: InstanceSpec, password: string): Promise<void> {
  const db = instanceDatabase(instance);
  await psqlAsPostgres(platform, 'postgres', `CREATE ROLE ${quoteIdent(db)} LOGIN PASSWORD ${quoteLiteral(password)};\nCREATE DATABASE ${quoteIdent(db)} OWNER ${quoteIdent(db)};\n`);
  // About 3000 bytes on disk per 2 KiB row once TOAST and page overhead are counted.
  const rows = Math.round((instance.sizeMiB * 1024 * 1024) / 3000);
  await psqlAsPostgres(
    platform,
    db,
    `CREATE TABLE data (id bigserial PRIMARY KEY, payload text NOT NULL);
ALTER TABLE data ALTER payload SET STORAGE EXTERNAL;
ALTER TABLE data OWNER TO ${quoteIdent(db)};
INSERT INTO data (payload) SELECT (SELECT string_agg(md5(random()::text || g::text || s::text), '') FROM generate_series(1, 64) s) FROM generate_series(1, ${rows}) g;
`,
  );
  await psqlAsPostgres(
    platform,
    'manager',
    `INSERT INTO instances (domain, name, app, database, db_user) VALUES (${[instance.domain, instance.name, instance.app, db, db].map(quoteLiteral).join(', ')});\n`,
  );
}
