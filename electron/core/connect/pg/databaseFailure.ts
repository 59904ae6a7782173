/** What went wrong talking to PostgreSQL, before it is worded for the user. */
export interface DatabaseFailure {
  /** PostgreSQL's SQLSTATE, when the server reported the error. */
  sqlState?: string;
  kind?: 'not_running' | 'connect_timeout' | 'query_timeout' | 'disconnected' | 'tls_refused' | 'tls_untrusted' | 'tls_failed' | 'network' | 'no_password';
  /** The server's or driver's own words (they never hold the password). */
  message: string;
  errno?: string;
}

const NETWORK_ERRNOS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EADDRNOTAVAIL']);
const CERT_ERRNOS = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_|ERR_TLS_CERT_ALTNAME_INVALID)/;

function field(error: unknown, name: string): string | undefined {
  if (typeof error !== 'object' || error === null || !(name in error)) return undefined;
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Sorts an error thrown by pg (or the socket under it) into a DatabaseFailure. */
export function pgFailure(error: unknown): DatabaseFailure {
  const message = error instanceof Error ? error.message : String(error);
  const code = field(error, 'code');
  if (code && /^[0-9A-Z]{5}$/.test(code) && field(error, 'severity') !== undefined) return { sqlState: code, message };
  if (message === 'timeout expired' || /connection timeout/i.test(message)) return { kind: 'connect_timeout', message };
  if (message === 'Query read timeout') return { kind: 'query_timeout', message };
  if (message === 'The server does not support SSL connections') return { kind: 'tls_refused', message };
  if (code && CERT_ERRNOS.test(code)) return { kind: 'tls_untrusted', message, errno: code };
  if (code && (code.startsWith('ERR_SSL') || code === 'EPROTO')) return { kind: 'tls_failed', message, errno: code };
  if (code && NETWORK_ERRNOS.has(code)) return { kind: 'network', message, errno: code };
  if (/terminated|not queryable|closed/i.test(message)) return { kind: 'disconnected', message };
  return { message };
}
