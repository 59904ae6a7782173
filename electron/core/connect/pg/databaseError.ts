import { ConnectError } from '../connectError';
import type { DatabaseFailure } from './databaseFailure';

export interface FailureContext {
  /** Where the database is, for messages: "platform ap1" or "db.example.com:5432". */
  where: string;
  database: string;
  user?: string;
  writable: boolean;
  statementTimeoutMs: number;
  /** What "nothing listens" refers to, e.g. "127.0.0.1:5432 or its Unix socket". */
  endpoint?: string;
  /** Removed from any text that reaches the message, in case a server ever echoes one. */
  secrets?: readonly string[];
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out;
}

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

/** A DatabaseFailure worded as what happened and what to do. */
export function databaseError(failure: DatabaseFailure, ctx: FailureContext): ConnectError {
  const said = redact(failure.message, ctx.secrets).trim();
  const user = ctx.user ? `database user "${ctx.user}"` : 'the database user';
  const details = { database: ctx.database, ...(failure.sqlState ? { sqlState: failure.sqlState } : {}), ...(failure.errno ? { errno: failure.errno } : {}) };
  switch (failure.sqlState) {
    case '28P01':
      return new ConnectError('auth_failed', `PostgreSQL on ${ctx.where} refused the password of ${user}. Check the database password stored for this platform.`, { ...details, reason: 'password' });
    case '28000':
      return new ConnectError('auth_failed', `PostgreSQL on ${ctx.where} does not let ${user} in this way (${said}). Use a database user the platform allows, or store the root password so the console can use psql as root.`, { ...details, reason: 'not_allowed' });
    case '3D000':
      return new ConnectError('remote_failed', `Database "${ctx.database}" does not exist on ${ctx.where}. Check the name (instance databases are named <domain>_<instance>).`, { ...details, reason: 'database_missing' });
    case '57014':
      return new ConnectError('timeout', `The statement on ${ctx.where} ran longer than ${seconds(ctx.statementTimeoutMs)} and PostgreSQL cancelled it. Narrow the query or allow a longer statement timeout.`, { ...details, reason: 'statement_timeout' });
    case '25006':
      return ctx.writable
        ? new ConnectError('remote_failed', `The database "${ctx.database}" on ${ctx.where} is read-only (a replication standby cannot be changed). Make the change on the primary.`, { ...details, reason: 'read_only_server' })
        : new ConnectError('remote_failed', `This statement would change the database "${ctx.database}" on ${ctx.where}, but the console opens databases read-only. Changes are made only by a wizard step.`, { ...details, reason: 'read_only' });
    case '57P03':
      return new ConnectError('unreachable', `PostgreSQL on ${ctx.where} is starting up or shutting down. Wait a moment and try again.`, { ...details, reason: 'starting' });
    case '53300':
      return new ConnectError('remote_failed', `PostgreSQL on ${ctx.where} has no free connection slots. Try again later, or find which app holds too many connections.`, { ...details, reason: 'too_many_connections' });
    case '42501':
      return new ConnectError('remote_failed', `${ctx.user ? `Database user "${ctx.user}"` : 'The database user'} may not do this on ${ctx.where}: ${said}.`, { ...details, reason: 'privilege' });
    default:
      break;
  }
  if (failure.sqlState) {
    return new ConnectError('remote_failed', `PostgreSQL on ${ctx.where} refused the statement: ${said} (SQLSTATE ${failure.sqlState}).`, details);
  }
  switch (failure.kind) {
    case 'not_running':
      return new ConnectError('unreachable', `PostgreSQL is not running on ${ctx.where}: nothing accepts connections on ${ctx.endpoint ?? 'its port or socket'}. Start it (/etc/init.d/S50postgresql start, as root, from a wizard step) and try again.`, { ...details, reason: 'not_running' });
    case 'connect_timeout':
      return new ConnectError('timeout', `PostgreSQL on ${ctx.where} did not complete the login in time. Check that the server is not overloaded and try again.`, { ...details, reason: 'connect_timeout' });
    case 'query_timeout':
      return new ConnectError('timeout', `No answer from PostgreSQL on ${ctx.where} within ${seconds(ctx.statementTimeoutMs)} and a grace period. The link may be stalled; try again.`, { ...details, reason: 'no_answer' });
    case 'disconnected':
      return new ConnectError('disconnected', `The connection to PostgreSQL on ${ctx.where} was lost (${said}). Try again.`, details);
    case 'tls_refused':
      return new ConnectError('protocol', `The database server ${ctx.where} does not offer TLS, but this connection requires it. Enable ssl on the server, or choose sslmode prefer.`, { ...details, reason: 'tls_refused' });
    case 'tls_untrusted':
      return new ConnectError('certificate_untrusted', `The TLS certificate of the database server ${ctx.where} is not trusted (${failure.errno ?? said}). Check the CA certificate configured for this host.`, details);
    case 'tls_failed':
      return new ConnectError('protocol', `The TLS handshake with the database server ${ctx.where} failed (${said}). Check that the port serves PostgreSQL.`, details);
    case 'network':
      return new ConnectError('unreachable', `Could not reach the database server ${ctx.where} (${failure.errno ?? said}). Check the host and port, that PostgreSQL runs there, and that no firewall blocks the port.`, details);
    case 'no_password':
      return new ConnectError('auth_failed', `PostgreSQL on ${ctx.where} asks for the password of ${user}, but none is stored. Store the database password for this platform.`, { ...details, reason: 'password' });
    default:
      return new ConnectError('remote_failed', `Talking to PostgreSQL on ${ctx.where} failed: ${said}. Try again.`, details);
  }
}
