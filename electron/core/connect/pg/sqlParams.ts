import pg from 'pg';
import { ConnectError } from '../connectError';
import type { SqlValue } from './databaseTypes';

const IDENT = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/** A parameter as an SQL literal, exactly what PostgreSQL gets as a text parameter of unknown type. */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  return pg.escapeLiteral(String(value));
}

/** Where a quoted part that starts at `start` ends (index after its closing quote). */
function skipQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslashEscapes && ch === '\\') i += 2;
    else if (ch === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  throw new ConnectError('local_failed', 'The SQL statement has an unterminated quoted string or identifier.');
}

function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  throw new ConnectError('local_failed', 'The SQL statement has an unterminated comment.');
}

/**
 * Replaces $1, $2, … outside strings, identifiers, comments and dollar quotes with quoted literals,
 * for routes that cannot bind parameters (psql). Every value goes through pg's escapeLiteral.
 */
export function inlineParams(sql: string, params: readonly SqlValue[]): string {
  let out = '';
  let i = 0;
  const used = new Set<number>();
  while (i < sql.length) {
    const ch = sql[i] ?? '';
    let end = i + 1;
    if (ch === "'") {
      const escaped = i > 0 && /[eE]/.test(sql[i - 1] ?? '') && !IDENT.test(sql[i - 2] ?? '');
      end = skipQuoted(sql, i, "'", escaped);
    } else if (ch === '"') end = skipQuoted(sql, i, '"', false);
    else if (sql.startsWith('--', i)) {
      const eol = sql.indexOf('\n', i);
      end = eol < 0 ? sql.length : eol + 1;
    } else if (sql.startsWith('/*', i)) end = skipBlockComment(sql, i);
    else if (IDENT.test(ch) && ch !== '$') {
      while (end < sql.length && IDENT.test(sql[end] ?? '')) end += 1;
    } else if (ch === '$') {
      const number = /^\$(\d+)/.exec(sql.slice(i));
      const tag = DOLLAR_TAG.exec(sql.slice(i));
      if (number) {
        const index = Number(number[1]);
        if (index < 1 || index > params.length) {
          throw new ConnectError('local_failed', `The SQL statement uses $${index} but ${params.length} parameter(s) were given.`);
        }
        used.add(index);
        out += sqlLiteral(params[index - 1] ?? null);
        i += number[0].length;
        continue;
      }
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        if (close < 0) throw new ConnectError('local_failed', 'The SQL statement has an unterminated dollar-quoted string.');
        end = close + tag[0].length;
      }
    }
    out += sql.slice(i, end);
    i = end;
  }
  if (used.size !== params.length) {
    throw new ConnectError('local_failed', `The SQL statement uses ${used.size} of the ${params.length} parameter(s) given; every parameter must appear as $n.`);
  }
  return out;
}
