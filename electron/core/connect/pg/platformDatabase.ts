import type { Client, ClientChannel } from 'ssh2';
import { ConnectError, isConnectError } from '../connectError';
import { ChannelSocket } from './channelSocket';
import { databaseError } from './databaseError';
import { DEFAULT_PG_PORT } from './databaseHost';
import { DEFAULT_APPLICATION_NAME, DEFAULT_CONNECT_TIMEOUT_MS, statementTimeout } from './databaseTypes';
import type { DatabaseCredentials, PlatformDatabase } from './databaseTypes';
import { openSocketChannel, openTcpChannel } from './forwardChannel';
import { openPgSession } from './pgSession';
import { openPsqlRootDatabase } from './psqlRootDatabase';
import type { RootRunner } from './psqlRootDatabase';

/** Where PostgreSQL puts its socket: Debian and the lab use /run/postgresql, a stock build /tmp. */
export const SOCKET_DIRECTORIES = ['/run/postgresql', '/var/run/postgresql', '/tmp'] as const;

export interface PlatformDatabaseOptions {
  /** The authenticated SSH client of the platform (as admin). */
  client: Client;
  /** The platform's name, for messages. */
  platform: string;
  database: string;
  /** A database user and password the platform allows (stored by the user); tried over 127.0.0.1, then the socket. */
  credentials?: DatabaseCredentials;
  /** The SSH login; over the Unix socket PostgreSQL's peer authentication sees this user. */
  sshUser?: string;
  /** The platform's root session, for psql as root when PostgreSQL refuses the routes above. Stays the caller's. */
  root?: () => Promise<RootRunner>;
  /** Only wizard steps pass true; otherwise PostgreSQL refuses every change. */
  write?: boolean;
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  applicationName?: string;
  port?: number;
  socketDirectories?: readonly string[];
}

interface Attempt {
  /** PostgreSQL answered but refused the login. */
  refusedLogin?: ConnectError;
  /** Nothing listened where this route looked. */
  nothingListens: boolean;
}

/**
 * Opens a platform database over SSH, trying in turn: pg through a direct-tcpip channel to
 * 127.0.0.1:5432 with the stored database user; pg through the Unix socket (OpenSSH only); psql run by
 * root. A login refused on one route moves on to the next; anything else (statement errors, a missing
 * database) is reported at once.
 *
 * On an AP, pg_hba admits only local connections (and replication users from outside); there is no
 * database role for admin, and the instance users' passwords are known to the AP Manager only. So the
 * first two routes serve a database user the partner created and stored (or an `admin` role for peer
 * authentication); psql as root over the socket, as the wiki's own procedures use it, is the way in
 * that always works.
 */
export async function openPlatformDatabase(options: PlatformDatabaseOptions): Promise<PlatformDatabase> {
  const port = options.port ?? DEFAULT_PG_PORT;
  const statementTimeoutMs = statementTimeout(options.statementTimeoutMs);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const where = `platform ${options.platform}`;
  const notes: string[] = [];
  const session = (via: 'tcp-tunnel' | 'unix-socket', user: string, channel: ClientChannel) =>
    openPgSession({
      via,
      database: options.database,
      user,
      ...(options.credentials?.password !== undefined ? { password: options.credentials.password } : {}),
      write: options.write ?? false,
      statementTimeoutMs,
      connectTimeoutMs,
      applicationName: options.applicationName ?? DEFAULT_APPLICATION_NAME,
      notes: [...notes],
      where,
      stream: () => new ChannelSocket(channel),
      host: via === 'tcp-tunnel' ? '127.0.0.1' : 'localhost',
      port,
      ssl: false,
    });

  const loginRefused = (error: unknown): ConnectError | undefined => (isConnectError(error, 'auth_failed') ? error : undefined);

  const tryTcp = async (): Promise<PlatformDatabase | Attempt> => {
    if (!options.credentials) return { nothingListens: false };
    const opened = await openTcpChannel(options.client, '127.0.0.1', port, connectTimeoutMs);
    if ('refusal' in opened) {
      notes.push(opened.refusal === 'nothing_listens' ? `Nothing accepts TCP connections on 127.0.0.1:${port}.` : `The SSH server did not forward to 127.0.0.1:${port} (${opened.message}).`);
      return { nothingListens: opened.refusal === 'nothing_listens' };
    }
    try {
      return await session('tcp-tunnel', options.credentials.user, opened.channel);
    } catch (error) {
      const refused = loginRefused(error);
      if (!refused) throw error;
      notes.push(`Over 127.0.0.1:${port}: ${refused.message}`);
      return { refusedLogin: refused, nothingListens: false };
    }
  };

  const trySocket = async (): Promise<PlatformDatabase | Attempt> => {
    const user = options.credentials?.user ?? options.sshUser;
    if (!user) return { nothingListens: false };
    for (const dir of options.socketDirectories ?? SOCKET_DIRECTORIES) {
      const opened = await openSocketChannel(options.client, `${dir}/.s.PGSQL.${port}`, connectTimeoutMs);
      if ('refusal' in opened) {
        if (opened.refusal === 'nothing_listens') continue;
        notes.push(`The SSH server does not forward to PostgreSQL's Unix socket (${opened.message}).`);
        return { nothingListens: false };
      }
      try {
        return await session('unix-socket', user, opened.channel);
      } catch (error) {
        const refused = loginRefused(error);
        if (!refused) throw error;
        notes.push(`Over the Unix socket ${dir}: ${refused.message}`);
        return { refusedLogin: refused, nothingListens: false };
      }
    }
    notes.push(`No PostgreSQL socket in ${(options.socketDirectories ?? SOCKET_DIRECTORIES).join(', ')}.`);
    return { nothingListens: true };
  };

  const tcp = await tryTcp();
  if ('query' in tcp) return tcp;
  const socket = await trySocket();
  if ('query' in socket) return socket;

  if (options.root) {
    const root = await options.root();
    return openPsqlRootDatabase({
      root,
      database: options.database,
      write: options.write ?? false,
      statementTimeoutMs,
      applicationName: options.applicationName ?? DEFAULT_APPLICATION_NAME,
      where,
      notes: [...notes],
    });
  }
  const ctx = { where, database: options.database, writable: options.write ?? false, statementTimeoutMs };
  const refused = tcp.refusedLogin ?? socket.refusedLogin;
  if ((tcp.nothingListens || socket.nothingListens) && !refused) {
    throw databaseError({ kind: 'not_running', message: '' }, { ...ctx, endpoint: `127.0.0.1:${port} or its Unix socket` });
  }
  if (refused) {
    throw new ConnectError(refused.code, `${refused.message} Without the root password the console has no other way in.`, { ...refused.details, notes: [...notes] });
  }
  throw new ConnectError('auth_failed', `The console has no way into PostgreSQL on ${where}: store a database user and password the platform allows, or the root password so the console can use psql as root.`, { notes: [...notes] });
}
