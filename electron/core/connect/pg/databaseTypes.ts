import type { z } from 'zod';
import { ConnectError } from '../connectError';

/** A value bound to a query parameter ($1, $2, …). */
export type SqlValue = string | number | boolean | null;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One result row as JSON: numbers, booleans and null keep their type, other values are their JSON text. */
export type DatabaseRow = Record<string, JsonValue>;

/** How the console reached the database. */
export type DatabaseRoute = 'tcp-tunnel' | 'unix-socket' | 'psql-root' | 'direct';

export interface ExecuteResult {
  /** The command tag's verb, e.g. UPDATE, VACUUM, ALTER DATABASE. */
  command: string;
  /** Rows the command touched, where PostgreSQL reports it. */
  rowCount: number | null;
}

/**
 * One open database connection, whatever the route. Rows come back the same way on every route
 * (PostgreSQL's json rendering), so callers never depend on how the platform was reached.
 */
export interface PlatformDatabase {
  readonly via: DatabaseRoute;
  readonly database: string;
  /** False unless the caller asked for writes; PostgreSQL then refuses every change. */
  readonly writable: boolean;
  /** Whether the link to PostgreSQL itself is TLS (the SSH routes are encrypted by SSH). */
  readonly tls: boolean;
  /** Why earlier routes were not used, for the user to read (never a secret). */
  readonly notes: readonly string[];
  /**
   * Runs one row-returning statement that can stand as a subquery (SELECT, VALUES, TABLE, WITH … SELECT;
   * not SHOW, not INSERT … RETURNING). Parameters are $1, $2, ….
   */
  query(sql: string, params?: readonly SqlValue[]): Promise<DatabaseRow[]>;
  /** The same, each row checked against the schema. */
  query<S extends z.ZodType>(sql: string, params: readonly SqlValue[], rowSchema: S): Promise<Array<z.output<S>>>;
  /** Runs one statement for its effect (DDL, DML without RETURNING, VACUUM). */
  execute(sql: string, params?: readonly SqlValue[]): Promise<ExecuteResult>;
  close(): Promise<void>;
}

export interface DatabaseCredentials {
  user: string;
  /** Absent for peer or trust authentication. */
  password?: string;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_APPLICATION_NAME = 'AP Console';

/** The statement timeout to use: the default, or the caller's if it is a positive number of milliseconds. */
export function statementTimeout(ms: number | undefined): number {
  if (ms === undefined) return DEFAULT_STATEMENT_TIMEOUT_MS;
  if (!(Number.isFinite(ms) && ms >= 1)) throw new ConnectError('local_failed', `A statement timeout must be at least 1 ms (got ${ms}); every database statement of the console is limited.`);
  return Math.round(ms);
}
