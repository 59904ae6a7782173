import { command, secret } from '../remoteCommand';
import type { RemoteCommand } from '../remoteCommand';

/** An external database host as the AP Manager takes it: a DNS name, IPv4 or IPv6, with an optional :port (IPv6 with a port in brackets). */
export interface DatabaseHost {
  host: string;
  port: number;
  /** As entered on the instance. */
  text: string;
}

const NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

export function parseDatabaseHost(value: string): DatabaseHost | null {
  const text = value.trim();
  let host = text;
  let port = '5432';
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1] ?? '';
    port = bracketed[2] ?? port;
    if (!IPV6.test(host) || !host.includes(':')) return null;
  } else if ((text.match(/:/g) ?? []).length > 1) {
    if (!IPV6.test(text)) return null;
  } else {
    const [name = '', p] = text.split(':');
    host = name;
    if (p !== undefined) port = p;
    if (!NAME.test(host)) return null;
  }
  const n = Number(port);
  if (!/^\d{1,5}$/.test(port) || n < 1 || n > 65535) return null;
  return { host, port: n, text };
}

/** "double quotes" around an SQL identifier. */
export const sqlIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** 'single quotes' around an SQL string (standard_conforming_strings, the default since PostgreSQL 9.1). */
export const sqlLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

const conninfoValue = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A libpq connection string: a database name that looks like one (`host=…`) cannot be taken for options. */
export function conninfo(parts: { host?: string; port?: number; user?: string; dbname: string }): string {
  const pairs: string[] = [];
  if (parts.host !== undefined) pairs.push(`host=${conninfoValue(parts.host)}`);
  if (parts.port !== undefined) pairs.push(`port=${parts.port}`);
  if (parts.user !== undefined) pairs.push(`user=${conninfoValue(parts.user)}`);
  pairs.push(`dbname=${conninfoValue(parts.dbname)}`);
  return pairs.join(' ');
}

/** Every table of the database with its exact row count, one `schema.table|count` line each. */
export const COUNT_ROWS_SQL =
  "SELECT format('%I.%I', table_schema, table_name), (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text " +
  "FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1";

export function readRowCounts(output: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of output.split('\n')) {
    const at = line.lastIndexOf('|');
    if (at <= 0) continue;
    const n = Number(line.slice(at + 1).trim());
    if (Number.isInteger(n)) counts[line.slice(0, at).trim()] = n;
  }
  return counts;
}

/** Tables whose counts differ (or that one side lacks), as sentences. */
export function countDifferences(source: Record<string, number>, target: Record<string, number>): string[] {
  const tables = [...new Set([...Object.keys(source), ...Object.keys(target)])].sort();
  return tables.flatMap((t) => {
    if (!(t in target)) return [`${t} is missing on the external host`];
    if (!(t in source)) return [`${t} is only on the external host`];
    return source[t] === target[t] ? [] : [`${t}: ${source[t]} rows on the App Platform, ${target[t]} on the external host`];
  });
}

const PSQL_READ = ['-X', '-A', '-t', '-F', '|', '-v', 'ON_ERROR_STOP=1'];

/** psql as postgres on the App Platform's own server. */
export const localPsql = (dbname: string, sql: string) => command('sudo', '-u', 'postgres', 'psql', ...PSQL_READ, '-d', conninfo({ dbname }), '-c', sql);

/** psql on the external host, the password in PGPASSWORD. */
export function remotePsql(host: DatabaseHost, user: string, password: string, dbname: string, sql: string): RemoteCommand {
  return command('env', secret(`PGPASSWORD=${password}`), 'psql', ...PSQL_READ, '-d', conninfo({ host: host.host, port: host.port, user, dbname }), '-c', sql);
}
