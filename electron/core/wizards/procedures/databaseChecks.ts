import { byteText } from '../../format/byteText';
import type { PlatformStatus } from '../../contract';
import { AP_PATHS } from '../../platform/platformPaths';
import { command, withErrors } from '../remoteCommand';
import type { RemoteCommand } from '../remoteCommand';
import type { Finding, Precondition, StepContext } from '../wizardTypes';

export interface DatabaseSize {
  name: string;
  bytes: number;
}

/** A PostgreSQL tool as the postgres user, as the wiki runs them (admin-facts P3). */
export const asPostgres = (...argv: string[]): RemoteCommand => command('sudo', '-u', 'postgres', ...argv);

/** `reindexdb -a` for every database, `-d <db>` for one. */
export const reindexCommand = (database: string | null): RemoteCommand => withErrors(database ? asPostgres('reindexdb', '-d', database) : asPostgres('reindexdb', '-a'));

/** `vacuumdb -a -f` for every database, `-d <db> -f` for one: VACUUM FULL writes each table anew and gives the space back. */
export const vacuumCommand = (database: string | null): RemoteCommand => withErrors(database ? asPostgres('vacuumdb', '-d', database, '-f') : asPostgres('vacuumdb', '-a', '-f'));

/** What the wiki checks afterwards: `du -sh /mnt/sda2/pgsql/`. */
export const PGSQL_DU = command('du', '-sh', `${AP_PATHS.pgsql}/`);
const PGSQL_DU_KIB = command('du', '-sk', `${AP_PATHS.pgsql}/`);

const SIZES_SQL = 'SELECT datname, pg_database_size(oid) FROM pg_database WHERE datallowconn ORDER BY 2 DESC, 1';
/** The biggest table's size as VACUUM FULL would write it anew: its size (with indexes and TOAST) times its share of live rows. */
const LIVE_TABLE_SQL =
  "SELECT coalesce(max(pg_total_relation_size(c.oid) * CASE WHEN coalesce(s.n_live_tup, 0) + coalesce(s.n_dead_tup, 0) > 0 THEN s.n_live_tup::float8 / (s.n_live_tup + s.n_dead_tup) ELSE 1 END), 0)::bigint FROM pg_class c LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid WHERE c.relkind IN ('r', 'm')";

/** Databases and sizes from `psql -At` lines `name|bytes` (the name may itself hold a `|`). */
export function parseDatabaseSizes(output: string): DatabaseSize[] {
  const sizes: DatabaseSize[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const bar = line.lastIndexOf('|');
    if (bar <= 0) continue;
    const bytes = Number(line.slice(bar + 1).trim());
    if (Number.isFinite(bytes) && /^\d+$/.test(line.slice(bar + 1).trim())) sizes.push({ name: line.slice(0, bar), bytes });
  }
  return sizes;
}

/** KiB of `du -sk` as bytes; null when the output is not du's. */
export function parseDuKiB(output: string): number | null {
  const match = /^(\d+)\s+\//m.exec(output);
  return match ? Number(match[1]) * 1024 : null;
}

/** Free space VACUUM FULL wants: the new copy of the biggest table and the write-ahead log that records it, plus a margin. */
export const roomNeeded = (largestLiveBytes: number): number => 2 * largestLiveBytes + 32 * 1024 * 1024;

/** "1.2 GiB → 300 MiB (900 MiB freed)" */
export function sizeChange(before: number, after: number): string {
  const delta = before - after;
  return `${byteText(before)} → ${byteText(after)} (${delta >= 0 ? `${byteText(delta)} freed` : `${byteText(-delta)} more`})`;
}

/** The instance databases the monitor saw, biggest first (manager and PostgreSQL's own left out). */
export function biggestInstanceDatabase(status: PlatformStatus | null): string | null {
  const instances = [...(status?.instances ?? [])].filter((i) => !['manager', 'postgres'].includes(i.database)).sort((a, b) => b.bytes - a.bytes);
  return instances[0]?.database ?? null;
}

export async function databaseSizes(ctx: StepContext, opts: { quiet?: boolean } = {}): Promise<DatabaseSize[]> {
  const { output } = await ctx.must(asPostgres('psql', '-X', '-At', '-d', 'postgres', '-c', SIZES_SQL), { quiet: opts.quiet ?? true });
  return parseDatabaseSizes(output);
}

/** Bytes of /mnt/sda2/pgsql/ (du). */
export async function pgsqlBytes(ctx: StepContext): Promise<number> {
  const { output } = await ctx.must(PGSQL_DU_KIB, { quiet: true });
  const bytes = parseDuKiB(output);
  if (bytes === null) throw new Error(`du gave no size for ${AP_PATHS.pgsql}/: ${output.trim().slice(0, 200)}`);
  return bytes;
}

/** Whether the data partition has room for VACUUM FULL of these databases (every database when null). */
export async function vacuumRoom(ctx: StepContext, database: string | null, availableBytes: number): Promise<Finding> {
  const names = database ? [database] : (await databaseSizes(ctx)).map((d) => d.name);
  let largest = 0;
  for (const name of names) {
    const { output } = await ctx.must(asPostgres('psql', '-X', '-At', '-d', name, '-c', LIVE_TABLE_SQL), { quiet: true });
    largest = Math.max(largest, Number(output.trim().split('\n')[0]?.trim() ?? 0) || 0);
  }
  const needed = roomNeeded(largest);
  const where = database ? `"${database}"` : 'the databases';
  return availableBytes >= needed
    ? { ok: true, detail: `${byteText(availableBytes)} free; the biggest table of ${where} needs about ${byteText(needed)} while it is written anew.` }
    : {
        ok: false,
        detail: `Only ${byteText(availableBytes)} free, and the biggest table of ${where} needs about ${byteText(needed)} while VACUUM FULL writes it anew (the Clean up button needs the same room). Free space first: remove old logs and core dumps, delete data in the instance, or resize the VM disk.`,
      };
}

/** A replication standby holds read-only copies of the primary's databases: they are cleaned up on the primary. */
export const notStandby: Precondition = {
  label: 'The platform is not a replication standby',
  async check(ctx) {
    const { output, code } = await ctx.exec(asPostgres('psql', '-X', '-At', '-d', 'postgres', '-c', 'SELECT pg_is_in_recovery()'), { quiet: true });
    const answer = output.trim().split('\n')[0]?.trim();
    if (code !== 0 || (answer !== 't' && answer !== 'f')) return { ok: false, detail: `PostgreSQL did not answer: ${output.trim().slice(0, 200)}` };
    return answer === 'f'
      ? { ok: true, detail: 'Its databases are its own.' }
      : { ok: false, detail: 'This platform is a replication standby: its databases are read-only copies of the primary\'s. Clean up the database on the primary; the standby follows.' };
  },
};
