import { BRIDGE_ADDRESS, PREFIX_LENGTH } from './labPaths';
import { PGDATA } from './initScripts';
import { inPlatform } from './platformNamespace';
import { psqlAsPostgres, quoteIdent, quoteLiteral } from './postgres';

const MARK = '# lab: external database host';

/** The lab network as a CIDR (10.x.0.0/16). */
export function labNetwork(): string {
  const [a, b] = BRIDGE_ADDRESS.split('.');
  return `${a}.${b}.0.0/${PREFIX_LENGTH}`;
}

/**
 * Makes a full lab platform's PostgreSQL an external database host for the others: password logins from the lab network
 * (pg_hba.conf, as P19 describes for an AP) and an administrator (a superuser, as postgres is on most database hosts).
 */
export async function openExternalPostgres(name: string, admin: { user: string; password: string }): Promise<void> {
  const hba = `${PGDATA}/pg_hba.conf`;
  await inPlatform(name, ['sh', '-ec', 'grep -qF "$2" "$1" || printf "%s\\n%s\\n" "$2" "host all all $3 scram-sha-256" >> "$1"', 'sh', hba, MARK, labNetwork()]);
  await psqlAsPostgres(name, 'postgres', `CREATE ROLE ${quoteIdent(admin.user)} LOGIN SUPERUSER PASSWORD ${quoteLiteral(admin.password)};\n`);
  await inPlatform(name, ['/etc/init.d/S50postgresql', 'restart']);
}

/** The databases on a platform's PostgreSQL with their owners. */
export async function databasesOf(name: string): Promise<Record<string, string>> {
  const { stdout } = await inPlatform(name, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-A', '-t', '-F', '|', '-d', 'postgres', '-c', 'SELECT datname, pg_get_userbyid(datdba) FROM pg_database']);
  return Object.fromEntries(stdout.trim().split('\n').filter(Boolean).map((line) => line.split('|') as [string, string]));
}

/** Row counts of every table of a database, read as postgres on the platform itself. */
export async function rowCounts(name: string, database: string): Promise<Record<string, number>> {
  const sql = "SELECT format('%I.%I', schemaname, relname) FROM pg_stat_user_tables ORDER BY 1";
  const run = (q: string) => inPlatform(name, ['runuser', '-u', 'postgres', '--', 'psql', '-X', '-A', '-t', '-d', database, '-c', q]);
  const tables = (await run(sql)).stdout.trim().split('\n').filter(Boolean);
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await run(`SELECT count(*) FROM ${table}`)).stdout.trim());
  return counts;
}
