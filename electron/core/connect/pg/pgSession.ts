import type { Duplex } from 'node:stream';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { databaseError } from './databaseError';
import type { FailureContext } from './databaseError';
import { pgFailure } from './databaseFailure';
import type { DatabaseRoute, ExecuteResult, PlatformDatabase, SqlValue } from './databaseTypes';
import { parseRows, queryFunction, rowsStatement } from './rowsStatement';

export interface PgSessionOptions {
  via: DatabaseRoute;
  database: string;
  user: string;
  password?: string;
  write: boolean;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  applicationName: string;
  notes: readonly string[];
  /** Where, for messages. */
  where: string;
  /** The transport: an SSH channel (no local port), or host and port for a direct TCP connection. */
  stream?: () => Duplex;
  host: string;
  port: number;
  ssl: false | ConnectionOptions;
}

/** Time beyond the statement timeout before the console gives up waiting for an answer. */
const ANSWER_GRACE_MS = 5_000;
const CLOSE_WAIT_MS = 2_000;

class NoPasswordStored extends Error {}

/** Connects pg (read-only unless asked to write, with a statement timeout) and returns the query API on it. */
export async function openPgSession(options: PgSessionOptions): Promise<PlatformDatabase> {
  const ctx: FailureContext = {
    where: options.where,
    database: options.database,
    user: options.user,
    writable: options.write,
    statementTimeoutMs: options.statementTimeoutMs,
    secrets: options.password ? [options.password] : [],
  };
  const client = new pg.Client({
    ...(options.stream ? { stream: options.stream } : {}),
    host: options.host,
    port: options.port,
    user: options.user,
    database: options.database,
    // A function, so pg never falls back to PGPASSWORD or ~/.pgpass of the console's own machine.
    password: () => {
      if (options.password === undefined) throw new NoPasswordStored('no password');
      return options.password;
    },
    ssl: options.ssl,
    application_name: options.applicationName,
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + ANSWER_GRACE_MS,
    connectionTimeoutMillis: options.connectTimeoutMs,
    ...(options.write ? {} : { options: '-c default_transaction_read_only=on' }),
  });
  let lost: Error | undefined;
  client.on('error', (error: Error) => {
    lost ??= error;
  });
  const fail = (error: unknown) => databaseError(error instanceof NoPasswordStored ? { kind: 'no_password', message: '' } : pgFailure(error), ctx);

  try {
    await client.connect();
  } catch (error) {
    client.end().catch(() => undefined);
    throw fail(error);
  }

  const run = async <R extends pg.QueryResultRow>(text: string, params: readonly SqlValue[]): Promise<pg.QueryResult<R>> => {
    if (lost) throw databaseError({ kind: 'disconnected', message: lost.message }, ctx);
    try {
      return await client.query<R>(text, [...params]);
    } catch (error) {
      throw fail(error);
    }
  };

  return {
    via: options.via,
    database: options.database,
    writable: options.write,
    tls: options.ssl !== false,
    notes: options.notes,
    query: queryFunction(async (sql, params) => {
      const result = await run<{ apc_rows: unknown }>(rowsStatement(sql), params);
      return parseRows(result.rows[0]?.apc_rows);
    }),
    async execute(sql, params = []): Promise<ExecuteResult> {
      const result = await run(sql, params);
      return { command: result.command, rowCount: result.rowCount ?? null };
    },
    async close() {
      const ended = client.end().catch(() => undefined);
      const waited = await Promise.race([ended.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CLOSE_WAIT_MS).unref())]);
      if (!waited) client.connection.stream.destroy();
    },
  };
}
