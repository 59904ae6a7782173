import { z } from 'zod';
import { ConnectError } from '../connectError';
import type { DatabaseRow, PlatformDatabase, SqlValue } from './databaseTypes';

/**
 * Wraps a row-returning statement so PostgreSQL renders its rows as one JSON array. Every route runs
 * the same wrapper, so a row is typed the same whether it came over pg or through psql.
 */
export function rowsStatement(sql: string): string {
  const body = sql.replace(/[\s;]+$/, '');
  if (body.trim() === '') throw new ConnectError('local_failed', 'The SQL statement is empty.');
  return `SELECT coalesce(json_agg(apc_row), '[]'::json) AS apc_rows FROM (\n${body}\n) AS apc_row`;
}

const Rows = z.array(z.record(z.string(), z.json()));

/** The rows from the wrapper's JSON (parsed already by pg, or text from psql). */
export function parseRows(value: unknown): DatabaseRow[] {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new ConnectError('protocol', 'PostgreSQL returned rows that are not valid JSON; the output may have been cut off. Try again.');
    }
  }
  const rows = Rows.safeParse(parsed);
  if (!rows.success) throw new ConnectError('protocol', 'PostgreSQL returned rows in an unexpected shape. Try again.');
  return rows.data as DatabaseRow[];
}

/** Checks each row against the caller's schema; says which row and field did not fit. */
export function checkRows<S extends z.ZodType>(rows: readonly DatabaseRow[], schema: S): Array<z.output<S>> {
  return rows.map((row, index) => {
    const checked = schema.safeParse(row);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      throw new ConnectError('protocol', `Row ${index + 1} of the result does not have the expected shape${where}: ${issue?.message ?? 'invalid'}. The platform may run a version this console does not know.`);
    }
    return checked.data;
  });
}

/** The query method of a PlatformDatabase, given how a route fetches rows. */
export function queryFunction(fetchRows: (sql: string, params: readonly SqlValue[]) => Promise<DatabaseRow[]>): PlatformDatabase['query'] {
  function query(sql: string, params?: readonly SqlValue[]): Promise<DatabaseRow[]>;
  function query<S extends z.ZodType>(sql: string, params: readonly SqlValue[], rowSchema: S): Promise<Array<z.output<S>>>;
  async function query(sql: string, params: readonly SqlValue[] = [], rowSchema?: z.ZodType): Promise<unknown[]> {
    const rows = await fetchRows(sql, params);
    return rowSchema ? checkRows(rows, rowSchema) : rows;
  }
  return query;
}
