import type { Client } from 'ssh2';
import type { AuditLog } from '../audit/auditLog';
import { ConnectError } from '../connect/connectError';
import { openRootSession } from '../connect/root/rootSession';
import type { RootSession } from '../connect/root/rootSession';
import type { SecretLookup } from '../connect/sshAuth';
import type { RootAccess } from '../connect/transfer/transferTypes';
import { FleetError } from '../fleet/fleetError';
import type { InventoryStore } from '../fleet/inventoryStore';
import type { MonitorService } from '../monitor/monitorService';
import { RootSessions } from '../monitor/rootSessions';
import { auditedRoot } from '../audit/auditedRoot';
import type { AuditContext } from '../audit/auditedRoot';

export interface PlatformIdentity {
  id: string;
  name: string;
  siteName: string;
  address: string;
}

/** A platform's pooled connection and a root shell on it, with every root command audited. */
export interface PlatformLink {
  platform: PlatformIdentity;
  client: Client;
  root: RootAccess;
}

export interface PlatformAccessDeps {
  monitor: Pick<MonitorService, 'acquireClient'>;
  inventory: InventoryStore;
  secrets: SecretLookup;
  audit: AuditLog;
  onAuditError?: (error: unknown) => void;
}

export interface PlatformAccess {
  identity(platformId: string): Promise<PlatformIdentity>;
  /** The shared root shell of the platform, for short commands (lists, deletes). */
  shared(platformId: string, purpose: string, signal?: AbortSignal): Promise<PlatformLink>;
  /** A root shell of its own on the pooled connection, for long work (a follow, a job); the caller closes it. */
  dedicated(platformId: string, purpose: string, signal?: AbortSignal): Promise<PlatformLink & { session: RootSession }>;
  audit(platformId: string, purpose: string): AuditContext;
  close(): void;
}

const noRoot = (name: string) =>
  new ConnectError('root_auth_failed', `No root password is stored for ${name}, and its logs and core dumps are root's: store the root password in the platform's credentials and try again.`);

/** How retrieval reaches a platform: the monitor's pooled connection and root sessions of its own beside the polls' one. */
export function createPlatformAccess(deps: PlatformAccessDeps): PlatformAccess {
  const roots = new RootSessions();
  const audit = (platformId: string, purpose: string): AuditContext => ({ audit: deps.audit, platformId, purpose, onAuditError: deps.onAuditError });

  const identity = async (platformId: string): Promise<PlatformIdentity> => {
    const inventory = await deps.inventory.read();
    const platform = inventory.platforms.find((p) => p.id === platformId);
    if (!platform) throw new FleetError('not_found', `There is no platform with id ${platformId} in the inventory. Reload the fleet.`);
    const site = inventory.sites.find((s) => s.id === platform.siteId);
    return { id: platform.id, name: platform.name, siteName: site?.name ?? 'no site', address: platform.address };
  };

  const password = async (ref: string | null, name: string) => {
    const value = ref === null ? undefined : await deps.secrets(ref);
    if (value === undefined) throw noRoot(name);
    return value;
  };

  return {
    identity,
    audit,
    async shared(platformId, purpose, signal) {
      const platform = await identity(platformId);
      const pooled = await deps.monitor.acquireClient(platformId, signal);
      const outcome = await roots.get(platformId, pooled.client, await password(pooled.rootPasswordRef, platform.name), signal, platform.name);
      if (outcome.session === null) throw new ConnectError('root_auth_failed', outcome.problem);
      return { platform, client: pooled.client, root: auditedRoot(outcome.session, audit(platformId, purpose)) };
    },
    async dedicated(platformId, purpose, signal) {
      const platform = await identity(platformId);
      const pooled = await deps.monitor.acquireClient(platformId, signal);
      const session = await openRootSession(pooled.client, await password(pooled.rootPasswordRef, platform.name), { platformId: platform.name, signal });
      return { platform, client: pooled.client, session, root: auditedRoot(session, audit(platformId, purpose)) };
    },
    close: () => roots.close(),
  };
}
