import type { z } from 'zod';
import { isConnectError } from '../connect/connectError';
import { probeHttps } from '../connect/https/httpsProbe';
import { openPlatformDatabase } from '../connect/pg/platformDatabase';
import type { DatabaseRoute } from '../connect/pg/databaseTypes';
import { openRootSession } from '../connect/root/rootSession';
import type { RootSession } from '../connect/root/rootSession';
import { connectTarget } from '../connect/sshConnect';
import type { ConnectOptions, SshLink } from '../connect/sshConnect';
import { endpointLabel } from '../connect/sshTarget';
import type { ConnectionCheck } from '../contract';
import { adminShellOf } from '../platform/probePlatform';
import type { PlatformProbe, PollTarget } from './pollPlatform';

export type Check = z.output<typeof ConnectionCheck>;
type Step = Check['step'];

export interface ConnectionTestDeps {
  /** The pool's own connect settings: host key pins and the secret lookup. */
  connect: Pick<ConnectOptions, 'pinsFor' | 'secrets'>;
  /** The shell probe, to learn whether PostgreSQL runs. */
  probe: PlatformProbe<unknown>;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 90_000;
const WEB_TIMEOUT_MS = 10_000;
const ROUTES: Record<DatabaseRoute, string> = {
  'tcp-tunnel': 'over 127.0.0.1:5432 with the stored database user',
  'unix-socket': "over PostgreSQL's Unix socket",
  'psql-root': 'through psql as root',
  direct: 'directly',
};

const notTried = (step: Step, message: string): Check => ({ step, ok: null, message });

/** The checks when SSH failed: nothing after it can be tried. */
export const sshFailed = (message: string): Check[] => [
  { step: 'ssh', ok: false, message },
  ...(['root', 'database', 'webserver'] as const).map((step) => notTried(step, 'Not tried: SSH failed.')),
];

/**
 * Logs in to a platform as the inventory says, on a connection of its own (the pooled one stays as it is):
 * SSH on every hop with host keys verified, su root, PostgreSQL, the webserver. Each step says how it went
 * in a sentence with what to do; later steps after an SSH failure are not tried.
 */
export async function testConnection(target: PollTarget, deps: ConnectionTestDeps, signal?: AbortSignal): Promise<Check[]> {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const limit = AbortSignal.timeout(timeoutMs);
  const within = signal ? AbortSignal.any([limit, signal]) : limit;
  const failure = (error: unknown, what: string) => {
    if (limit.aborted) return `${what} did not finish within ${Math.round(timeoutMs / 1000)} s. Check the network path to ${target.name} and try again.`;
    return isConnectError(error) ? error.message : `${what} failed unexpectedly; the engine log has the details.`;
  };

  let link: SshLink;
  try {
    link = await connectTarget(target.ssh, { ...deps.connect, signal: within });
  } catch (error) {
    return sshFailed(failure(error, 'The SSH login'));
  }
  let root: RootSession | null = null;
  try {
    const checks: Check[] = [sshCheck(target)];
    const rooted = await rootCheck(target, link, deps, within, failure);
    root = rooted.session;
    checks.push(rooted.check);
    checks.push(await databaseCheck(target, link, root, deps, within, failure));
    checks.push(await webserverCheck(target, within, failure));
    return checks;
  } finally {
    root?.close();
    link.close();
  }
}

function sshCheck(target: PollTarget): Check {
  const { hop, jumps } = target.ssh;
  const via = jumps.length === 0 ? '' : ` through ${jumps.length === 1 ? 'its jump host' : `its ${jumps.length} jump hosts`} (${jumps.map((j) => j.id).join(' > ')})`;
  return { step: 'ssh', ok: true, message: `Logged in as ${hop.username} on ${target.name} (${endpointLabel(hop)})${via}; every host key matched its pin.` };
}

type Failure = (error: unknown, what: string) => string;

async function rootCheck(target: PollTarget, link: SshLink, deps: ConnectionTestDeps, signal: AbortSignal, failure: Failure): Promise<{ check: Check; session: RootSession | null }> {
  const none = { check: notTried('root', `No root password is stored for ${target.name}: store it in the platform's credentials so the console can work as root.`), session: null };
  if (!target.rootPasswordRef) return none;
  let password: string | undefined;
  try {
    password = await deps.connect.secrets(target.rootPasswordRef);
  } catch (error) {
    return { check: { step: 'root', ok: false, message: failure(error, 'Reading the root password') }, session: null };
  }
  if (password === undefined) return none;
  try {
    const session = await openRootSession(link.client, password, { platformId: target.name, signal });
    return { check: { step: 'root', ok: true, message: `su root on ${target.name} accepted the stored root password.` }, session };
  } catch (error) {
    return { check: { step: 'root', ok: false, message: failure(error, 'su root') }, session: null };
  }
}

/** Whether PostgreSQL runs, as the shell probe sees it; null when the probe cannot tell. */
async function postgresRuns(link: SshLink, root: RootSession | null, deps: ConnectionTestDeps, signal: AbortSignal): Promise<boolean | null> {
  try {
    return (await deps.probe(root ?? adminShellOf(link.client), signal)).view.services.postgres;
  } catch {
    return null;
  }
}

async function databaseCheck(target: PollTarget, link: SshLink, root: RootSession | null, deps: ConnectionTestDeps, signal: AbortSignal, failure: Failure): Promise<Check> {
  if ((await postgresRuns(link, root, deps, signal)) === false) return notTried('database', `PostgreSQL does not run on ${target.name}, so there is no database to log in to.`);
  try {
    const password = target.database?.passwordRef ? await deps.connect.secrets(target.database.passwordRef) : undefined;
    const db = await openPlatformDatabase({
      client: link.client,
      platform: target.name,
      database: 'manager',
      sshUser: target.ssh.hop.username,
      ...(target.database ? { credentials: { user: target.database.user, ...(password !== undefined ? { password } : {}) } } : {}),
      ...(root ? { root: async () => root } : {}),
    });
    try {
      await db.query('select 1 as ok');
      return { step: 'database', ok: true, message: `PostgreSQL on ${target.name} answered ${ROUTES[db.via]}.` };
    } finally {
      await db.close().catch(() => undefined);
    }
  } catch (error) {
    return { step: 'database', ok: false, message: failure(error, 'The PostgreSQL login') };
  }
}

async function webserverCheck(target: PollTarget, signal: AbortSignal, failure: Failure): Promise<Check> {
  const web = target.webserver;
  if (!web) return notTried('webserver', `Not tried: ${target.name} sits behind jump hosts, where only SSH reaches it.`);
  try {
    const trust = web.pinnedCertSha256 ? { pinnedCertSha256: web.pinnedCertSha256 } : {};
    const result = await probeHttps({ host: web.host, port: web.port, trust, timeoutMs: WEB_TIMEOUT_MS, signal });
    if (!result.reachable) return { step: 'webserver', ok: false, message: result.message };
    if ('error' in result.http) {
      return { step: 'webserver', ok: false, message: `${result.url} accepted TLS but gave no HTTP answer (${result.http.error}). Check the webserver on ${target.name}, e.g. with Restart services.` };
    }
    const trusted = result.trust.trusted
      ? 'its certificate is trusted.'
      : 'its certificate is not trusted yet: confirm its fingerprint on the platform page to log in to the AP Manager.';
    return { step: 'webserver', ok: true, message: `The webserver at ${result.url} answers (HTTP ${result.http.status}); ${trusted}` };
  } catch (error) {
    return { step: 'webserver', ok: false, message: failure(error, 'The HTTPS check') };
  }
}
