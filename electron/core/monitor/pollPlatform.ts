import type { Client } from 'ssh2';
import { isConnectError } from '../connect/connectError';
import { connectManager } from '../connect/https/connectManager';
import { probeHttps } from '../connect/https/httpsProbe';
import { openPlatformDatabase } from '../connect/pg/platformDatabase';
import type { DatabaseCredentials } from '../connect/pg/databaseTypes';
import type { RootSession } from '../connect/root/rootSession';
import type { SecretLookup } from '../connect/sshAuth';
import type { SshPool } from '../connect/sshPool';
import type { SshTarget } from '../connect/sshTarget';
import { readInstanceDatabases } from '../platform/instanceDatabases';
import { adminShellOf } from '../platform/probePlatform';
import type { ProbeShell } from '../platform/probePlatform';
import type { InstanceDatabase } from '../platform/instanceDatabases';
import { readReplication } from '../replication/readReplication';
import type { ReplicationState } from '../replication/replicationState';
import type { Reachability } from './accessAlarms';
import type { PlatformView } from './platformView';
import { reachabilityOf } from './reachability';
import type { RootSessions } from './rootSessions';

/** Runs the shell probe as admin (exec) or as root (the root shell); the platform module supplies it. */
export type PlatformProbe<F> = (shell: ProbeShell, signal: AbortSignal) => Promise<{ facts: F; view: PlatformView }>;

/** What the poller needs of one inventory entry. */
export interface PollTarget {
  platformId: string;
  name: string;
  ssh: SshTarget;
  rootPasswordRef: string | null;
  /** The AP Manager password, for its login and version; without it the login is not tried. */
  managerPasswordRef?: string | null;
  database: { user: string; passwordRef: string | null } | null;
  /** The webserver as the console reaches it; null where only SSH reaches the platform (behind a jump host). */
  webserver: { host: string; port: number; pinnedCertSha256: string | null } | null;
  largeInstanceSharePercent: number;
}

export interface WebserverCheck {
  reachable: boolean;
  /** GET / was answered with an HTTP status. */
  answered: boolean;
  certificateNotAfter: number | null;
  certificateSha256: string | null;
  trusted: boolean;
  message: string | null;
}

export interface ManagerCheck {
  login: 'ok' | 'refused' | 'untrusted' | 'failed' | 'not_tried';
  version: string | null;
  message: string | null;
}

export interface PlatformPoll<F> {
  platformId: string;
  at: number;
  durationMs: number;
  reach: Reachability;
  facts: F | null;
  view: PlatformView | null;
  instances: InstanceDatabase[] | null;
  replication: ReplicationState | null;
  webserver: WebserverCheck | null;
  manager: ManagerCheck;
  /** Why some figures are missing, in words for the user. */
  notes: string[];
}

export interface PollDeps<F> {
  pool: SshPool;
  roots: RootSessions;
  secrets: SecretLookup;
  probe: PlatformProbe<F>;
  now?: () => number;
}

const message = (error: unknown, what: string) => (isConnectError(error) ? error.message : `${what} failed unexpectedly; the engine log has the details.`);

async function checkWebserver(target: NonNullable<PollTarget['webserver']>, signal: AbortSignal): Promise<WebserverCheck> {
  const trust = target.pinnedCertSha256 ? { pinnedCertSha256: target.pinnedCertSha256 } : {};
  const result = await probeHttps({ host: target.host, port: target.port, trust, timeoutMs: 10_000, signal });
  if (!result.reachable) return { reachable: false, answered: false, certificateNotAfter: null, certificateSha256: null, trusted: false, message: result.message };
  const leaf = result.chain[0];
  const notAfter = leaf ? Date.parse(leaf.validTo) : Number.NaN;
  return {
    reachable: true,
    answered: 'status' in result.http,
    certificateNotAfter: Number.isFinite(notAfter) ? notAfter : null,
    certificateSha256: leaf?.sha256 ?? null,
    trusted: result.trust.trusted,
    message: 'error' in result.http ? result.http.error : null,
  };
}

/** The AP Manager login (AppWebsocket) and its AppPlatformInfo version, over a certificate the user trusts. */
async function checkManager(target: PollTarget, web: WebserverCheck | null, secrets: SecretLookup, signal: AbortSignal): Promise<ManagerCheck> {
  const password = target.managerPasswordRef ? await secrets(target.managerPasswordRef).catch(() => undefined) : undefined;
  if (!target.webserver || !web?.reachable || password === undefined) return { login: 'not_tried', version: null, message: null };
  if (!web.trusted) return { login: 'untrusted', version: null, message: 'The webserver certificate is not trusted yet: confirm its fingerprint to log in to the AP Manager.' };
  const pin = target.webserver.pinnedCertSha256;
  try {
    const manager = await connectManager({ host: target.webserver.host, port: target.webserver.port, password, trust: pin ? { pinnedCertSha256: pin } : {}, timeoutMs: 15_000, signal });
    const version = manager.version;
    await manager.close().catch(() => undefined);
    return { login: 'ok', version, message: null };
  } catch (error) {
    if (isConnectError(error, 'auth_failed')) return { login: 'refused', version: null, message: error.message };
    if (isConnectError(error, 'certificate_untrusted')) return { login: 'untrusted', version: null, message: error.message };
    return { login: 'failed', version: null, message: message(error, 'The AP Manager login') };
  }
}

async function readDatabase(client: Client, target: PollTarget, root: RootSession | null, view: PlatformView, deps: PollDeps<unknown>, notes: string[]) {
  const password = target.database?.passwordRef ? await deps.secrets(target.database.passwordRef) : undefined;
  const credentials: DatabaseCredentials | undefined = target.database ? { user: target.database.user, ...(password !== undefined ? { password } : {}) } : undefined;
  const db = await openPlatformDatabase({
    client,
    platform: target.name,
    database: 'manager',
    sshUser: target.ssh.hop.username,
    ...(credentials ? { credentials } : {}),
    ...(root ? { root: async () => root } : {}),
  });
  try {
    notes.push(...db.notes);
    const instances = await readInstanceDatabases(db, { dataPartitionBytes: view.disk?.sizeBytes ?? null, largeSharePercent: target.largeInstanceSharePercent }).catch((error: unknown) => {
      notes.push(`Instances could not be read: ${message(error, 'Reading the instances')}`);
      return null;
    });
    const replication = await readReplication(db, { standbyConfPresent: view.standbyConfPresent }).catch((error: unknown) => {
      notes.push(`Replication could not be read: ${message(error, 'Reading the replication state')}`);
      return null;
    });
    return { instances, replication };
  } finally {
    await db.close().catch(() => undefined);
  }
}

/**
 * One poll of one platform: the shell probe in one round trip (as root where a root password is stored),
 * instances and replication from PostgreSQL when it runs, the webserver and its certificate. A part that
 * fails leaves a note and its figures unknown; only the SSH connection itself decides reachability.
 */
export async function pollPlatform<F>(target: PollTarget, deps: PollDeps<F>, signal: AbortSignal): Promise<PlatformPoll<F>> {
  const now = deps.now ?? Date.now;
  const started = now();
  const notes: string[] = [];
  const result = (part: Partial<PlatformPoll<F>> & { reach: Reachability }): PlatformPoll<F> => ({
    platformId: target.platformId, at: started, durationMs: now() - started, facts: null, view: null, instances: null, replication: null, webserver: null, manager: { login: 'not_tried', version: null, message: null }, notes, ...part,
  });
  const web = (target.webserver ? checkWebserver(target.webserver, signal).catch((error: unknown): WebserverCheck => ({ reachable: false, answered: false, certificateNotAfter: null, certificateSha256: null, trusted: false, message: message(error, 'The HTTPS check') })) : Promise.resolve(null)).then(
    async (check) => ({ check, manager: await checkManager(target, check, deps.secrets, signal) }),
  );

  let client: Client;
  try {
    client = (await deps.pool.acquire(target.ssh, { signal })).client;
  } catch (error) {
    return result({ reach: reachabilityOf(error), ...(await webParts(web)) });
  }
  const password = target.rootPasswordRef ? await deps.secrets(target.rootPasswordRef) : undefined;
  const root = await deps.roots.get(target.platformId, client, password, signal, target.name);
  if (!root.session) notes.push(root.problem);
  let probed: { facts: F; view: PlatformView };
  try {
    probed = await deps.probe(root.session ?? adminShellOf(client), signal);
  } catch (error) {
    if (isConnectError(error, 'disconnected') || isConnectError(error, 'timeout')) return result({ reach: reachabilityOf(error), ...(await webParts(web)) });
    notes.push(`The platform's shell probe failed: ${message(error, 'The shell probe')}`);
    return result({ reach: { state: 'ok' }, ...(await webParts(web)) });
  }
  let database: Awaited<ReturnType<typeof readDatabase>> = { instances: null, replication: null };
  if (probed.view.services.postgres !== false) {
    database = await readDatabase(client, target, root.session, probed.view, deps as PollDeps<unknown>, notes).catch((error: unknown) => {
      notes.push(`PostgreSQL could not be read: ${message(error, 'Reading PostgreSQL')}`);
      return { instances: null, replication: null };
    });
  }
  return result({ reach: { state: 'ok' }, facts: probed.facts, view: probed.view, ...database, ...(await webParts(web)) });
}

async function webParts(web: Promise<{ check: WebserverCheck | null; manager: ManagerCheck }>): Promise<{ webserver: WebserverCheck | null; manager: ManagerCheck }> {
  const { check, manager } = await web;
  return { webserver: check, manager };
}
