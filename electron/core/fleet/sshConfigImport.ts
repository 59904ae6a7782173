import { isConnectError } from '../connect/connectError';
import { readSshConfigHosts, resolveSshConfigHost } from '../connect/sshConfigFile';
import type { ResolvedSshJump, SshConfigHost, SshConfigOptions, SshJumpSpec } from '../connect/sshConfigFile';
import { endpointLabel } from '../connect/sshTarget';
import { FleetError } from './fleetError';
import { emptyDraft } from './importDraft';
import type { BastionDraftFields, DraftBastion, HostRef, ImportDraft } from './importDraft';
import { nameKey } from './inventoryRules';

export const DEFAULT_SSH_CONFIG_SITE = 'SSH config';

export interface SshConfigImportOptions extends SshConfigOptions {
  /** The site the hosts go into. */
  site: string;
  /** Only these aliases (and the jump hosts they need); all when absent. */
  hosts?: readonly string[];
  /** Whether a key file exists here: the first existing IdentityFile is used, as OpenSSH does. */
  exists(path: string): boolean;
}

function readConfig<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isConnectError(error, 'local_failed')) throw new FleetError('source_invalid', error.message);
    throw error;
  }
}

/**
 * Host aliases of an OpenSSH config as an import. Aliases that other hosts name in ProxyJump become bastions,
 * the others platforms of one site; a ProxyJump hop that is no alias (or overrides its user or port) becomes
 * a bastion named `user@host:port`. Jump hosts keep OpenSSH's meaning (the first hop's own ProxyJump comes first).
 */
export function sshConfigDraft(text: string, options: SshConfigImportOptions): ImportDraft {
  const list = readConfig(() => readSshConfigHosts(text, options));
  const draft = emptyDraft();
  const byAlias = new Map(list.hosts.map((h) => [h.alias, h]));
  const plainAlias = (spec: SshJumpSpec) => byAlias.has(spec.host) && spec.port === undefined && spec.user === undefined;
  const jumpAliases = new Set(list.hosts.flatMap((h) => h.proxyJump.filter(plainAlias).map((spec) => spec.host)));
  for (const skipped of list.skipped) {
    if (!options.hosts || options.hosts.includes(skipped.alias)) {
      draft.rejected.push({ line: null, entity: 'platform', name: skipped.alias, site: options.site, reason: skipped.reason });
    }
  }
  const missing = (options.hosts ?? []).filter((alias) => !byAlias.has(alias) && !list.skipped.some((s) => s.alias === alias));
  if (missing.length > 0) draft.notes.push(`The SSH config has no Host ${missing.join(', ')} (wildcard patterns are not imported).`);

  const keyOf = (files: readonly string[]) => files.find((path) => options.exists(path));
  const bastions = new Map<string, DraftBastion>();
  const addBastion = (name: string, fields: BastionDraftFields, jumps: HostRef[] | undefined) => {
    if (!bastions.has(nameKey(name))) bastions.set(nameKey(name), { line: null, name, fields, ...(jumps ? { jumps } : {}) });
  };

  /** The refs for a host's ProxyJump specs, adding the bastions they need. */
  const jumpRefs = (host: SshConfigHost, seen: readonly string[]): HostRef[] => {
    if (host.proxyJump.length === 0) return [];
    const resolved = resolveSshConfigHost(text, host.alias, options).jumps.slice(-host.proxyJump.length);
    return host.proxyJump.map((spec, i) => refFor(spec, resolved[i], [...seen, host.alias]));
  };
  const refFor = (spec: SshJumpSpec, resolved: ResolvedSshJump | undefined, seen: readonly string[]): HostRef => {
    const alias = byAlias.get(spec.host);
    if (alias && plainAlias(spec)) {
      if (!seen.includes(alias.alias)) addAliasBastion(alias, seen);
      return { name: alias.alias };
    }
    const hop = resolved ?? { host: spec.host, port: spec.port ?? 22, user: spec.user ?? options.username, identityFiles: [] };
    const name = `${hop.user}@${endpointLabel(hop)}`;
    const key = keyOf(hop.identityFiles);
    // An alias with its user or port overridden keeps the alias's own ProxyJump, as OpenSSH does.
    const jumps = alias && !seen.includes(alias.alias) ? jumpRefs(alias, seen) : [];
    addBastion(name, { address: hop.host, sshPort: hop.port, sshUser: hop.user, ...(key ? { credentials: { privateKeyPath: key } } : {}) }, jumps);
    return { name };
  };
  const addAliasBastion = (host: SshConfigHost, seen: readonly string[]) => {
    if (bastions.has(nameKey(host.alias))) return;
    const key = keyOf(host.identityFiles);
    const fields: BastionDraftFields = { address: host.hostName, sshPort: host.port, sshUser: host.user, ...(key ? { credentials: { privateKeyPath: key } } : {}) };
    const entry: DraftBastion = { line: null, name: host.alias, fields };
    bastions.set(nameKey(host.alias), entry);
    try {
      entry.jumps = jumpRefs(host, seen);
    } catch (error) {
      bastions.delete(nameKey(host.alias));
      throw error;
    }
  };

  const selected = options.hosts ? list.hosts.filter((h) => options.hosts?.includes(h.alias)) : list.hosts;
  for (const host of selected) {
    try {
      if (jumpAliases.has(host.alias)) {
        addAliasBastion(host, []);
        continue;
      }
      const jumps = jumpRefs(host, []);
      const key = keyOf(host.identityFiles);
      draft.platforms.push({
        line: null,
        site: options.site,
        name: host.alias,
        fields: { address: host.hostName, sshPort: host.port, sshUser: host.user, ...(key ? { credentials: { privateKeyPath: key } } : {}) },
        jumps,
      });
    } catch (error) {
      if (!isConnectError(error, 'local_failed')) throw error;
      draft.rejected.push({ line: null, entity: jumpAliases.has(host.alias) ? 'bastion' : 'platform', name: host.alias, site: options.site, reason: error.message });
    }
  }
  draft.bastions.push(...bastions.values());
  return draft;
}
