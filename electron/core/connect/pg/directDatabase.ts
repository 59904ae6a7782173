import type { ConnectionOptions } from 'node:tls';
import { isConnectError } from '../connectError';
import { endpointText, parseDatabaseHost } from './databaseHost';
import { DEFAULT_APPLICATION_NAME, DEFAULT_CONNECT_TIMEOUT_MS, statementTimeout } from './databaseTypes';
import type { PlatformDatabase } from './databaseTypes';
import { openPgSession } from './pgSession';
import type { PgSessionOptions } from './pgSession';

/** libpq's meaning: prefer tries TLS and goes on without it; require insists; disable never tries. */
export type SslMode = 'prefer' | 'require' | 'disable';

export interface DirectDatabaseOptions {
  /** "db.example.com", "10.0.0.5:5433", "2001:db8::5" or "[2001:db8::5]:5433". */
  host: string;
  /** Used when `host` carries no port. */
  port?: number;
  user: string;
  password?: string;
  database: string;
  ssl?: SslMode;
  /** PEM of the CA the server certificate must chain to; without it TLS encrypts but does not authenticate (as libpq's prefer and require). */
  ca?: string | Buffer;
  write?: boolean;
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  applicationName?: string;
}

function tlsOptions(ca: DirectDatabaseOptions['ca']): ConnectionOptions {
  // With a CA: verify the chain, not the name (libpq's verify-ca); external hosts are often reached by address.
  return ca ? { ca, rejectUnauthorized: true, checkServerIdentity: () => undefined } : { rejectUnauthorized: false };
}

/** A database on an external host (an instance's "external database host"), over TCP with the chosen sslmode. */
export async function openDirectDatabase(options: DirectDatabaseOptions): Promise<PlatformDatabase> {
  const endpoint = parseDatabaseHost(options.host, options.port);
  const mode = options.ssl ?? 'prefer';
  const statementTimeoutMs = statementTimeout(options.statementTimeoutMs);
  const base = (ssl: PgSessionOptions['ssl'], notes: string[]): PgSessionOptions => ({
    via: 'direct',
    database: options.database,
    user: options.user,
    ...(options.password !== undefined ? { password: options.password } : {}),
    write: options.write ?? false,
    statementTimeoutMs,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    applicationName: options.applicationName ?? DEFAULT_APPLICATION_NAME,
    notes,
    where: endpointText(endpoint),
    host: endpoint.host,
    port: endpoint.port,
    ssl,
  });
  if (mode === 'disable') return openPgSession(base(false, []));
  if (mode === 'require') return openPgSession(base(tlsOptions(options.ca), []));
  try {
    return await openPgSession(base(tlsOptions(options.ca), []));
  } catch (error) {
    // As libpq: go on without TLS when the server offers none, or when its rules admit this user only without TLS.
    const noTls = isConnectError(error, 'protocol') && error.details.reason === 'tls_refused';
    const onlyPlain = isConnectError(error, 'auth_failed') && error.details.reason === 'not_allowed';
    if (!noTls && !onlyPlain) throw error;
    const why = noTls ? 'The server does not offer TLS; connected without it.' : 'The server refused this user over TLS; connected without it.';
    return openPgSession(base(false, [why]));
  }
}
