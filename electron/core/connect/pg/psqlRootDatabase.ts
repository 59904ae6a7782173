import type { RootSession } from '../root/rootSession';
import { databaseError } from './databaseError';
import type { FailureContext } from './databaseError';
import type { DatabaseRow, ExecuteResult, PlatformDatabase, SqlValue } from './databaseTypes';
import { newMarkers, psqlArgv } from './psqlCommand';
import { readCommandTag, readPsqlOutput } from './psqlOutput';
import { parseRows, queryFunction, rowsStatement } from './rowsStatement';
import { inlineParams } from './sqlParams';

/** What the psql route needs of a root session: run one command as root, get its output and exit code. */
export type RootRunner = Pick<RootSession, 'run'>;

export interface PsqlRootOptions {
  root: RootRunner;
  database: string;
  write: boolean;
  statementTimeoutMs: number;
  applicationName: string;
  where: string;
  notes: readonly string[];
}

/** Time for psql to start and connect, beyond the statement timeout, before the root session gives up. */
const PSQL_GRACE_MS = 10_000;

/**
 * The database through psql run by root (as the wiki's own procedures do): every statement is one psql
 * call; parameters are inlined as quoted literals; PostgreSQL's own statement timeout and read-only
 * setting apply as on the pg routes.
 */
export async function openPsqlRootDatabase(options: PsqlRootOptions): Promise<PlatformDatabase> {
  const ctx: FailureContext = {
    where: options.where,
    database: options.database,
    user: 'root',
    writable: options.write,
    statementTimeoutMs: options.statementTimeoutMs,
    endpoint: 'its Unix socket (psql as root could not connect)',
  };
  let queue: Promise<unknown> = Promise.resolve();

  const runStatement = (statement: string): Promise<string> => {
    const step = queue.then(async () => {
      const markers = newMarkers();
      const argv = psqlArgv({ ...options, statement, markers });
      const { output, code } = await options.root.run(argv, { timeoutMs: options.statementTimeoutMs + PSQL_GRACE_MS });
      const outcome = readPsqlOutput(output, code, markers);
      if ('failure' in outcome) throw databaseError(outcome.failure, ctx);
      return outcome.body;
    });
    queue = step.catch(() => undefined);
    return step;
  };

  const fetchRows = async (sql: string, params: readonly SqlValue[]): Promise<DatabaseRow[]> => parseRows((await runStatement(rowsStatement(inlineParams(sql, params)))).trim());

  // One round trip now, so a stopped server or a missing database is reported when opening, as on the pg routes.
  await fetchRows('SELECT 1 AS ok', []);

  return {
    via: 'psql-root',
    database: options.database,
    writable: options.write,
    tls: false,
    notes: options.notes,
    query: queryFunction(fetchRows),
    async execute(sql, params = []): Promise<ExecuteResult> {
      return readCommandTag(await runStatement(inlineParams(sql, params)));
    },
    async close() {
      await queue;
    },
  };
}
