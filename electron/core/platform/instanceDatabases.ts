import { z } from 'zod';
import type { PlatformDatabase } from '../connect/pg/databaseTypes';

export interface InstanceDatabase {
  database: string;
  owner: string;
  bytes: number;
  /** From the manager's instance registry where the platform has one, else from the `<domain>_<instance>` name. */
  domain: string | null;
  instance: string | null;
  /** The app service the instance belongs to; null when only the database name was there to go by. */
  app: string | null;
  source: 'manager' | 'name';
  /** Share of the data partition, when its size is known. */
  sharePercent: number | null;
  /** Larger than the chosen share of the disk. */
  large: boolean;
}

/** The platform's own databases, not instances. */
const SYSTEM_DATABASES = new Set(['postgres', 'manager']);

const DatabaseRow = z.object({ database: z.string(), owner: z.string(), bytes: z.coerce.number().nonnegative() });
const ColumnRow = z.object({ column: z.string() });
const RegistryRow = z.object({ domain: z.string(), name: z.string(), database: z.string(), app: z.string().nullable().optional() });

const DATABASES_SQL = `SELECT d.datname AS database, r.rolname AS owner, pg_database_size(d.oid) AS bytes
  FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
  WHERE d.datallowconn AND NOT d.datistemplate ORDER BY 3 DESC, 1`;
const REGISTRY_COLUMNS_SQL = `SELECT column_name AS column FROM information_schema.columns
  WHERE table_schema = 'public' AND table_name = 'instances' AND current_database() = 'manager'`;

/** Reads the instance registry of the manager database, if the connected database is it and has one. */
async function registry(db: PlatformDatabase): Promise<Map<string, z.output<typeof RegistryRow>> | null> {
  const columns = new Set((await db.query(REGISTRY_COLUMNS_SQL, [], ColumnRow)).map((c) => c.column));
  if (!['domain', 'name', 'database'].every((c) => columns.has(c))) return null;
  const app = columns.has('app') ? 'app' : 'NULL::text AS app';
  const rows = await db.query(`SELECT domain, name, database, ${app} FROM instances`, [], RegistryRow);
  return new Map(rows.map((row) => [row.database, row]));
}

/** `<domain>_<instance>`: a domain has no underscore, so the first one separates the two. */
export function splitInstanceName(database: string): { domain: string; instance: string } | null {
  const cut = database.indexOf('_');
  if (cut <= 0 || cut === database.length - 1) return null;
  const domain = database.slice(0, cut);
  return /^[A-Za-z0-9.-]+$/.test(domain) ? { domain, instance: database.slice(cut + 1) } : null;
}

/**
 * Every instance database with its owner and size, largest first. Connect to the `manager` database to
 * have the registry used; any other database still gives the list by name.
 */
export async function readInstanceDatabases(db: PlatformDatabase, options: { dataPartitionBytes: number | null; largeSharePercent: number }): Promise<InstanceDatabase[]> {
  const [databases, known] = await Promise.all([db.query(DATABASES_SQL, [], DatabaseRow), registry(db)]);
  return databases
    .filter((row) => !SYSTEM_DATABASES.has(row.database))
    .map((row) => {
      const entry = known?.get(row.database);
      const byName = entry ? null : splitInstanceName(row.database);
      const sharePercent = options.dataPartitionBytes ? (row.bytes * 100) / options.dataPartitionBytes : null;
      return {
        database: row.database,
        owner: row.owner,
        bytes: row.bytes,
        domain: entry?.domain ?? byName?.domain ?? null,
        instance: entry?.name ?? byName?.instance ?? null,
        app: entry?.app ?? null,
        source: entry ? ('manager' as const) : ('name' as const),
        sharePercent,
        large: sharePercent !== null && sharePercent >= options.largeSharePercent,
      };
    });
}
