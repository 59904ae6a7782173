import { describe, expect, it } from 'vitest';
import { pgFailure } from '../../electron/core/connect/pg/databaseFailure';

describe('pgFailure', () => {
  it('sorts driver and socket errors', () => {
    expect(pgFailure(new Error('timeout expired')).kind).toBe('connect_timeout');
    expect(pgFailure(new Error('Query read timeout')).kind).toBe('query_timeout');
    expect(pgFailure(new Error('The server does not support SSL connections')).kind).toBe('tls_refused');
    expect(pgFailure(new Error('Connection terminated unexpectedly')).kind).toBe('disconnected');
    expect(pgFailure(Object.assign(new Error('connect ECONNREFUSED ::1:1'), { code: 'ECONNREFUSED' }))).toMatchObject({ kind: 'network', errno: 'ECONNREFUSED' });
    expect(pgFailure(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).kind).toBe('tls_untrusted');
  });

  it('does not take a Node errno for a SQLSTATE', () => {
    expect(pgFailure(Object.assign(new Error('x'), { code: 'EPIPE' })).sqlState).toBeUndefined();
  });
});
