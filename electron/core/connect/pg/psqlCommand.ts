import { randomBytes } from 'node:crypto';

export interface PsqlMarkers {
  start: string;
  end: string;
}

export interface PsqlCommandOptions {
  database: string;
  /** The one statement to run (parameters already inlined). */
  statement: string;
  statementTimeoutMs: number;
  write: boolean;
  applicationName: string;
  markers: PsqlMarkers;
}

/** Two fresh markers; the command only ever holds each one split in two, so an echoed command line never matches. */
export function newMarkers(): PsqlMarkers {
  return { start: randomBytes(12).toString('hex'), end: randomBytes(12).toString('hex') };
}

/** SELECT printing the marker, written so the marker itself does not appear in the SQL text. */
function markerSelect(marker: string): string {
  const half = marker.length >> 1;
  return `SELECT '${marker.slice(0, half)}' || '${marker.slice(half)}'`;
}

/** A libpq connection string naming only the database, so a name holding "=" is never read as options. */
export function dbnameConninfo(database: string): string {
  return `dbname='${database.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * psql as root, run as argv (each element quoted by the shell quoting helper): settings through
 * PGOPTIONS, unaligned tuples-only output, the statement framed by two marker lines, stop on error,
 * SQLSTATE in error lines.
 */
export function psqlArgv(options: PsqlCommandOptions): string[] {
  const settings = [`-c statement_timeout=${options.statementTimeoutMs}`, '-c client_min_messages=error'];
  if (!options.write) settings.push('-c default_transaction_read_only=on');
  return [
    'env',
    `PGOPTIONS=${settings.join(' ')}`,
    `PGAPPNAME=${options.applicationName}`,
    'psql', '-X', '-A', '-t',
    '-v', 'ON_ERROR_STOP=1',
    '-v', 'VERBOSITY=verbose',
    '-d', dbnameConninfo(options.database),
    '-c', markerSelect(options.markers.start),
    '-c', options.statement,
    '-c', markerSelect(options.markers.end),
  ];
}
