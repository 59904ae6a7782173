import type { DatabaseFailure } from './databaseFailure';
import type { PsqlMarkers } from './psqlCommand';

export type PsqlOutcome = { body: string } | { failure: DatabaseFailure };

const ERROR_LINE = /(?:^|\n)[^\n]*?\b(?:ERROR|FATAL|PANIC):\s+([0-9A-Z]{5}):\s+([^\n]*)/;
const CONNECT_PATTERNS: Array<[RegExp, Omit<DatabaseFailure, 'message'>]> = [
  [/database "[^"\n]*" does not exist/, { sqlState: '3D000' }],
  [/password authentication failed/, { sqlState: '28P01' }],
  [/Peer authentication failed|no pg_hba\.conf entry|role "[^"\n]*" does not exist|authentication failed/, { sqlState: '28000' }],
  [/the database system is (starting up|shutting down|in recovery mode|not yet accepting)/, { sqlState: '57P03' }],
  [/too many clients|remaining connection slots/, { sqlState: '53300' }],
];
const NOT_RUNNING = /(could not connect to server|connection to server [^\n]* failed)[^\n]*?:?\s*(No such file or directory|Connection refused)|Is the server running/;
const NO_PSQL = /psql: (command )?not found|psql: No such file|can't execute 'psql'|env: .?psql.?: No such file/;

/** The line psql printed about a failed connection, without the hint lines under it. */
function connectLine(text: string): string {
  const line = text.split('\n').find((l) => /psql:|FATAL:/.test(l)) ?? '';
  return line.replace(/^.*?(FATAL:\s+)/, '').replace(/^psql:\s*(error:\s*)?/, '').trim();
}

/**
 * Reads what psql printed (stdout and stderr may be mixed, a terminal may have added CRs): the text
 * between the markers, or the failure. Only psql's error line is kept: context lines could quote the
 * statement and its inlined values.
 */
export function readPsqlOutput(raw: string, code: number | null, markers: PsqlMarkers): PsqlOutcome {
  const text = raw.replace(/\r/g, '');
  const start = text.indexOf(`${markers.start}\n`);
  const end = text.lastIndexOf(`\n${markers.end}`);
  if (code === 0 && start >= 0 && end >= start + markers.start.length) {
    return { body: text.slice(start + markers.start.length + 1, end + 1) };
  }
  const error = ERROR_LINE.exec(text);
  if (error) return { failure: { sqlState: error[1], message: (error[2] ?? '').trim() } };
  if (NO_PSQL.test(text) || code === 127) return { failure: { message: 'psql is not available to root on the platform' } };
  for (const [pattern, failure] of CONNECT_PATTERNS) {
    if (pattern.test(text)) return { failure: { ...failure, message: connectLine(text) } };
  }
  if (NOT_RUNNING.test(text)) return { failure: { kind: 'not_running', message: connectLine(text) } };
  const said = connectLine(text);
  return { failure: { message: said || `psql ended with exit code ${code ?? 'unknown'} and printed no error` } };
}

/** The command tag psql printed for a statement without rows ("UPDATE 3", "INSERT 0 1", "ALTER DATABASE"), read as pg reads it. */
export function readCommandTag(body: string): { command: string; rowCount: number | null } {
  const lines = body.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const tag = [...lines].reverse().find((l) => /^[A-Z]+( [A-Z]+)*( \d+){0,2}$/.test(l));
  if (!tag) return { command: 'SELECT', rowCount: null };
  const numbers = tag.match(/\d+/g) ?? [];
  const last = numbers[numbers.length - 1];
  return { command: tag.split(' ')[0] ?? '', rowCount: last === undefined ? null : Number(last) };
}
