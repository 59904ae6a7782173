import { randomBytes } from 'node:crypto';
import { access, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDirectDatabase } from '../../../electron/core/connect/pg/directDatabase';
import type { PlatformDatabase } from '../../../electron/core/connect/pg/databaseTypes';
import { quoteArg } from '../../../electron/core/connect/shellQuote';
import { run } from '../../lab/run';
import { freePort } from '../../support/freePort';

const NODE_MODULES = fileURLToPath(new URL('../../../node_modules/', import.meta.url));
const DEBIAN_15 = '/usr/lib/postgresql/15/bin';

/** A PostgreSQL major with the server binaries to run it. pg_basebackup and psql are Debian's 15 (the only client tools here). */
export interface PostgresRelease {
  major: number;
  bin: string;
}

export const RELEASES: readonly PostgresRelease[] = [
  { major: 11, bin: join(NODE_MODULES, 'pg11/native/bin') },
  { major: 13, bin: join(NODE_MODULES, 'pg13/native/bin') },
  { major: 15, bin: DEBIAN_15 },
  { major: 17, bin: join(NODE_MODULES, 'pg17/native/bin') },
];

const PG_BASEBACKUP = join(DEBIAN_15, 'pg_basebackup');
const PSQL = join(DEBIAN_15, 'psql');
/** The newest server major Debian's pg_basebackup 15 streams from. */
const BASEBACKUP_MAX_MAJOR = 15;

export const REPLICATION_USER = 'replicator';
export const CONSOLE_USER = 'console';
export const PLAIN_USER = 'plain';
const ADMIN_USER = 'apc_admin';

const CONF = `wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
max_connections = 30
shared_buffers = 16MB
min_wal_size = 32MB
max_wal_size = 64MB
wal_sender_timeout = 5s
wal_receiver_timeout = 5s
wal_retrieve_retry_interval = 1s
hot_standby = on
password_encryption = 'scram-sha-256'
fsync = off
`;

const HBA = `local all all trust
local replication all trust
host all all 127.0.0.1/32 scram-sha-256
host replication all 127.0.0.1/32 scram-sha-256
`;

const asPostgres = (program: string, args: readonly string[], input?: string) => run('runuser', ['-u', 'postgres', '--', program, ...args], input === undefined ? {} : { input });

/** One server of a pair, run as the postgres OS user on 127.0.0.1 with its socket in the pair's folder. */
export interface LocalServer {
  readonly name: string;
  readonly port: number;
  readonly data: string;
  /** psql as the postgres superuser over the socket: what the server itself says, tuples only, unaligned. */
  sql(text: string): Promise<string>;
  start(): Promise<void>;
  stop(): Promise<void>;
  promote(): Promise<void>;
  /** A read-only connection of the console, as an external database host is reached. */
  open(user?: string): Promise<PlatformDatabase>;
}

export interface ReplicationPair {
  release: PostgresRelease;
  primary: LocalServer;
  standby: LocalServer;
  standbyName: string;
  /** The replication user's password; it is in the standby's primary_conninfo. */
  replicationPassword: string;
  /** How the standby was made: pg_basebackup -R, or the low-level backup API where pg_basebackup 15 cannot stream. */
  madeBy: 'pg_basebackup' | 'backup_api';
  /** Stops both servers and removes every file; safe to call at any point, and more than once. */
  remove(): Promise<void>;
}

export async function startReplicationPair(release: PostgresRelease): Promise<ReplicationPair> {
  const dir = await mkdtemp(join(tmpdir(), `apc-repl-${release.major}-`));
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  await chown(dir, uid, gid);
  const password = randomBytes(12).toString('hex');
  const replicationPassword = `repl ${randomBytes(12).toString('hex')}`;
  const started = new Set<LocalServer>();

  const server = (name: string, port: number): LocalServer => {
    const data = join(dir, name);
    const options = ['-p', String(port), '-k', dir, '-h', '127.0.0.1'].map(quoteArg).join(' ');
    const self: LocalServer = {
      name,
      port,
      data,
      async sql(text) {
        const { stdout } = await asPostgres(PSQL, ['-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-f', '-'], text);
        return stdout.trim();
      },
      async start() {
        // Known before pg_ctl returns, so a start that fails halfway is still stopped by remove().
        started.add(self);
        await asPostgres(join(release.bin, 'pg_ctl'), ['-D', data, '-l', join(dir, `${name}.log`), '-o', options, '-w', '-t', '60', 'start']);
      },
      async stop() {
        await asPostgres(join(release.bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
        started.delete(self);
      },
      async promote() {
        await asPostgres(join(release.bin, 'pg_ctl'), ['-D', data, '-w', '-t', '60', 'promote']);
      },
      open: (user = CONSOLE_USER) => openDirectDatabase({ host: `127.0.0.1:${port}`, user, password, database: 'postgres', ssl: 'disable', applicationName: 'AP Console test' }),
    };
    return self;
  };

  const remove = async () => {
    for (const s of [...started]) {
      await asPostgres(join(release.bin, 'pg_ctl'), ['-D', s.data, '-m', 'immediate', '-w', '-t', '30', 'stop']).catch(() => undefined);
      started.delete(s);
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const primary = server('primary', await freePort());
    const standby = server('standby', await freePort());
    const standbyName = `standby_${release.major}`;
    await asPostgres(join(release.bin, 'initdb'), ['-D', primary.data, '-U', 'postgres', '--no-locale', '-E', 'UTF8', '--auth-local=trust', '--auth-host=scram-sha-256']);
    await writeFile(join(primary.data, 'pg_hba.conf'), HBA);
    await writeFile(join(primary.data, 'postgresql.conf'), `${await readFile(join(primary.data, 'postgresql.conf'), 'utf8')}\n${CONF}`);
    await primary.start();
    const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
    await primary.sql(`CREATE ROLE ${REPLICATION_USER} REPLICATION LOGIN PASSWORD ${literal(replicationPassword)};
CREATE ROLE ${CONSOLE_USER} LOGIN PASSWORD ${literal(password)} IN ROLE pg_read_all_stats;
CREATE ROLE ${PLAIN_USER} LOGIN PASSWORD ${literal(password)};
CREATE ROLE ${ADMIN_USER} SUPERUSER LOGIN PASSWORD ${literal(password)};
SELECT pg_create_physical_replication_slot(${literal(standbyName)}, true);
CREATE TABLE probe (id serial PRIMARY KEY, note text);`);
    const conninfo = `host=127.0.0.1 port=${primary.port} user=${REPLICATION_USER} password='${replicationPassword}' application_name=${standbyName}`;
    let madeBy: ReplicationPair['madeBy'];
    if (release.major <= BASEBACKUP_MAX_MAJOR) {
      await asPostgres(PG_BASEBACKUP, ['-d', conninfo, '-D', standby.data, '-R', '-S', standbyName, '-X', 'stream', '-c', 'fast']);
      // pg_basebackup 15 writes every option of its own libpq (sslsni, …), which an older server's libpq refuses: keep only ours.
      const recoveryFile = join(standby.data, release.major >= 12 ? 'postgresql.auto.conf' : 'recovery.conf');
      const written = await readFile(recoveryFile, 'utf8');
      if (!/^primary_conninfo = /m.test(written) || !/^primary_slot_name = /m.test(written)) throw new Error(`pg_basebackup -R wrote no primary_conninfo and primary_slot_name to ${recoveryFile}`);
      await writeFile(recoveryFile, written.replace(/^primary_conninfo = .*$/m, () => `primary_conninfo = ${literal(conninfo)}`));
      madeBy = 'pg_basebackup';
    } else {
      await backupThroughApi(primary, standby, password);
      await writeFile(join(standby.data, 'standby.signal'), '');
      const auto = await readFile(join(standby.data, 'postgresql.auto.conf'), 'utf8');
      await writeFile(join(standby.data, 'postgresql.auto.conf'), `${auto}primary_conninfo = ${literal(conninfo)}\nprimary_slot_name = ${literal(standbyName)}\n`);
      await run('chown', ['-R', 'postgres:postgres', standby.data]);
      madeBy = 'backup_api';
    }
    await standby.start();
    return { release, primary, standby, standbyName, replicationPassword, madeBy, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/**
 * A base backup without pg_basebackup: pg_backup_start in a session of its own, a copy of the data
 * folder (without WAL, slots and the postmaster's files), pg_backup_stop, and its backup_label.
 */
async function backupThroughApi(primary: LocalServer, standby: LocalServer, password: string): Promise<void> {
  const admin = await openDirectDatabase({ host: `127.0.0.1:${primary.port}`, user: ADMIN_USER, password, database: 'postgres', ssl: 'disable', write: true });
  try {
    await admin.query("SELECT pg_backup_start('apc standby', true)::text AS lsn");
    // Files may change or vanish while the server runs: that is what the backup label and WAL replay are for.
    await run('runuser', ['-u', 'postgres', '--', 'cp', '-a', primary.data, standby.data], { allowFailure: true });
    await access(join(standby.data, 'global', 'pg_control'));
    await run('sh', ['-ec', 'cd "$1" && rm -f postmaster.pid postmaster.opts backup_label && rm -rf pg_wal pg_replslot && mkdir -p pg_wal/archive_status pg_replslot', 'sh', standby.data]);
    const [stop] = await admin.query('SELECT labelfile FROM pg_backup_stop(false)');
    if (typeof stop?.labelfile !== 'string') throw new Error('pg_backup_stop returned no backup label');
    await writeFile(join(standby.data, 'backup_label'), stop.labelfile, { mode: 0o600 });
  } finally {
    await admin.close();
  }
}

/** A WAL position as a number of bytes. */
export function lsnBytes(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  if (hi === undefined || lo === undefined) throw new Error(`not an LSN: ${lsn}`);
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/** The WAL segment files in a data folder's pg_wal, as PostgreSQL names them (24 hex digits). */
export async function walSegmentCount(data: string): Promise<number> {
  const { stdout } = await run('ls', ['-1', join(data, 'pg_wal')]);
  return stdout.split('\n').filter((name) => /^[0-9A-F]{24}$/.test(name)).length;
}

/** Polls until `check` holds (for hooks, where expect.poll is not available). */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
