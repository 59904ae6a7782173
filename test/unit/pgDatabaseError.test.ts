import { describe, expect, it } from 'vitest';
import { databaseError, redact } from '../../electron/core/connect/pg/databaseError';
import type { FailureContext } from '../../electron/core/connect/pg/databaseError';
import { pgFailure } from '../../electron/core/connect/pg/databaseFailure';

const ctx: FailureContext = { where: 'platform ap1', database: 'manager', user: 'console', writable: false, statementTimeoutMs: 500, secrets: ['s3cret-pw'] };

/** An error shaped as pg-protocol's DatabaseError. */
function serverError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

describe('databaseError', () => {
  it('words a refused password as a database password problem, without the password', () => {
    const error = databaseError(pgFailure(serverError('28P01', 'password authentication failed for user "console"')), ctx);
    expect(error.code).toBe('auth_failed');
    expect(error.message).toMatch(/Check the database password/);
    expect(error.details.reason).toBe('password');
  });

  it('says that a missing pg_hba entry can be bypassed with the root password', () => {
    const error = databaseError(pgFailure(serverError('28000', 'no pg_hba.conf entry for host "127.0.0.1", user "console", database "manager", no encryption')), ctx);
    expect(error.code).toBe('auth_failed');
    expect(error.message).toContain('no pg_hba.conf entry');
    expect(error.message).toMatch(/root password/);
  });

  it('reports a statement timeout as timeout with the limit', () => {
    const error = databaseError(pgFailure(serverError('57014', 'canceling statement due to statement timeout')), ctx);
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('500 ms');
  });

  it('says a change needs a wizard step on a read-only connection, and names the standby otherwise', () => {
    const failure = pgFailure(serverError('25006', 'cannot execute INSERT in a read-only transaction'));
    expect(databaseError(failure, ctx).message).toMatch(/wizard step/);
    expect(databaseError(failure, ctx).details.reason).toBe('read_only');
    expect(databaseError(failure, { ...ctx, writable: true }).message).toMatch(/standby/);
  });

  it('names a missing database', () => {
    const error = databaseError(pgFailure(serverError('3D000', 'database "nope" does not exist')), { ...ctx, database: 'nope' });
    expect(error.message).toContain('Database "nope" does not exist on platform ap1');
    expect(error.details.reason).toBe('database_missing');
  });

  it('says PostgreSQL is not running when nothing listens', () => {
    const error = databaseError({ kind: 'not_running', message: '' }, { ...ctx, endpoint: '127.0.0.1:5432' });
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/^PostgreSQL is not running on platform ap1/);
  });

  it('removes stored secrets from anything the server said', () => {
    const error = databaseError(pgFailure(serverError('42601', 'syntax error at or near "s3cret-pw"')), ctx);
    expect(error.message).not.toContain('s3cret-pw');
    expect(error.message).toContain('SQLSTATE 42601');
  });
});

describe('redact', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redact('a pw b pw', ['pw', ''])).toBe('a *** b ***');
  });
});
