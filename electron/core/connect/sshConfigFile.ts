import { SSHConfig } from 'ssh-config';
import { ConnectError } from './connectError';
import { SshTarget, endpointLabel } from './sshTarget';
import type { SshHopInput, SshTargetInput } from './sshTarget';

/** Who reads the config: fills `~`, `%d`, `%u` and the default user as OpenSSH would. */
export interface SshConfigOptions {
  homeDir: string;
  username: string;
}

/** One hop of a ProxyJump value as written; missing parts come from that host's own config. */
export interface SshJumpSpec {
  host: string;
  port?: number;
  user?: string;
}

/** A concrete `Host` alias of an SSH config with what OpenSSH would compute for it. */
export interface SshConfigHost {
  alias: string;
  hostName: string;
  port: number;
  user: string;
  /** ProxyJump, outermost first; empty for none. */
  proxyJump: SshJumpSpec[];
  /** IdentityFile with `~` and tokens filled in; OpenSSH's defaults when none is set. */
  identityFiles: string[];
}

export interface SshConfigHostList {
  hosts: SshConfigHost[];
  /** Aliases whose settings cannot be used, and why. */
  skipped: { alias: string; reason: string }[];
}

export interface ResolvedSshJump {
  host: string;
  port: number;
  user: string;
  /** Set when the hop is a Host alias of the config. */
  alias?: string;
  identityFiles: string[];
}

export interface ResolvedSshHost {
  alias: string;
  host: string;
  port: number;
  user: string;
  identityFiles: string[];
  /** Bastions in front of the host, outermost first. */
  jumps: ResolvedSshJump[];
}

/** The keys OpenSSH tries when no IdentityFile is set, limited to the types the SSH client here can use. */
const DEFAULT_IDENTITY_FILES = ['~/.ssh/id_rsa', '~/.ssh/id_ecdsa', '~/.ssh/id_ed25519'];
const MAX_JUMPS = 8;

function configError(message: string): ConnectError {
  return new ConnectError('local_failed', message);
}

function parseConfig(text: string): SSHConfig {
  if (text.includes('\0')) throw configError('The SSH config is not a text file. Choose your ~/.ssh/config (a text file) and try again.');
  let config: SSHConfig;
  try {
    config = SSHConfig.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'unreadable';
    throw configError(`The SSH config cannot be read (${detail}). Fix the line in the file and try again.`);
  }
  // Host name canonicalisation would run DNS look-ups while reading; it is not followed here.
  for (const line of config) {
    if ('config' in line) {
      for (let i = line.config.length - 1; i >= 0; i--) {
        const sub = line.config[i];
        if (sub && 'param' in sub && /^CanonicalizeHostName$/i.test(sub.param)) line.config.splice(i, 1);
      }
    }
  }
  return config;
}

function hostPatterns(config: SSHConfig): string[] {
  const patterns: string[] = [];
  for (const line of config) {
    if (!('param' in line) || !/^host$/i.test(line.param)) continue;
    const values = typeof line.value === 'string' ? [line.value] : line.value.map((part) => part.val);
    patterns.push(...values);
  }
  return patterns;
}

/** Host aliases that name one host: no wildcards, no negations; first appearance wins. */
function concreteAliases(config: SSHConfig): string[] {
  const aliases: string[] = [];
  for (const pattern of hostPatterns(config)) {
    if (pattern === '' || /[*?]/.test(pattern) || pattern.startsWith('!') || aliases.includes(pattern)) continue;
    aliases.push(pattern);
  }
  return aliases;
}

function hostError(alias: string, problem: string): ConnectError {
  return configError(`Host ${alias} in the SSH config ${problem}. Fix it in the file and try again.`);
}

function parsePort(alias: string, text: string, what: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw hostError(alias, `has ${what} "${text}", which is not a port number (1-65535)`);
  return port;
}

function parseJumpSpec(alias: string, spec: string): SshJumpSpec {
  let rest = spec;
  if (/^ssh:\/\//i.test(rest)) rest = rest.slice('ssh://'.length).replace(/\/$/, '');
  const at = rest.lastIndexOf('@');
  const user = at >= 0 ? rest.slice(0, at) : undefined;
  const hostPort = rest.slice(at + 1);
  if (user === '') throw hostError(alias, `has a ProxyJump hop "${spec}" with an empty user name`);
  const bracketed = /^\[([^[\]]+)\](?::([^:]*))?$/.exec(hostPort);
  let host: string;
  let portText: string | undefined;
  if (bracketed?.[1]) {
    host = bracketed[1];
    portText = bracketed[2];
  } else if (hostPort.split(':').length === 2) {
    [host = '', portText] = hostPort.split(':');
  } else {
    // No colon, or a bare IPv6 address.
    host = hostPort;
  }
  if (host === '' || /[\s/[\]@,]/.test(host)) throw hostError(alias, `has a ProxyJump hop "${spec}" without a usable host`);
  const jump: SshJumpSpec = { host };
  if (portText !== undefined) jump.port = parsePort(alias, portText, `a ProxyJump hop "${spec}" with port`);
  if (user !== undefined) jump.user = user;
  return jump;
}

/** A ProxyJump value: `none`, or comma-separated `[user@]host[:port]` (or `ssh://` URIs), outermost first. */
export function parseProxyJump(alias: string, value: string): SshJumpSpec[] {
  if (value.toLowerCase() === 'none') return [];
  return value.split(',').map((spec) => parseJumpSpec(alias, spec));
}

function expandTokens(alias: string, text: string, what: string, tokens: Record<string, string>): string {
  if (text.includes('${')) throw hostError(alias, `uses an environment variable in ${what} "${text}", which cannot be filled in here`);
  return text.replace(/%(.?)/g, (_, token: string) => {
    const value = tokens[token];
    if (value === undefined) throw hostError(alias, `uses "%${token}" in ${what} "${text}", which cannot be filled in here`);
    return value;
  });
}

function expandTilde(alias: string, path: string, options: SshConfigOptions): string {
  const tilde = /^~([^/\\]*)(.*)$/s.exec(path);
  if (!tilde) return path;
  const [, user = '', rest = ''] = tilde;
  if (user !== '' && user !== options.username) {
    throw hostError(alias, `has IdentityFile "${path}" in the home folder of another user (${user})`);
  }
  return `${options.homeDir.replace(/[\\/]+$/, '')}${rest}`;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

interface ComputedHost {
  hostName: string;
  port: number;
  user: string;
  proxyJump: SshJumpSpec[];
  identityFiles: string[];
}

/** What OpenSSH computes for connecting to `name` (Host and Match sections, first value wins). */
function computeHost(config: SSHConfig, name: string, options: SshConfigOptions, override: Omit<SshJumpSpec, 'host'> = {}): ComputedHost {
  const computed = config.compute({ Host: name }, { ignoreCase: true, matchExec: false });
  const hostName = expandTokens(name, single(computed.hostname) ?? name, 'HostName', { '%': '%', h: name });
  const portText = single(computed.port);
  const port = override.port ?? (portText === undefined ? 22 : parsePort(name, portText, 'Port'));
  const user = override.user ?? single(computed.user) ?? options.username;
  const jumpText = single(computed.proxyjump);
  const proxyJump = jumpText === undefined ? [] : parseProxyJump(name, jumpText);
  const proxyCommand = single(computed.proxycommand);
  if (proxyCommand !== undefined && proxyCommand.toLowerCase() !== 'none') {
    throw hostError(name, jumpText === undefined ? 'uses ProxyCommand, which cannot be followed here; use ProxyJump instead' : 'sets both ProxyJump and ProxyCommand; keep only ProxyJump');
  }
  const configured = computed.identityfile;
  const written = configured === undefined ? DEFAULT_IDENTITY_FILES : Array.isArray(configured) ? configured : [configured];
  const tokens = { '%': '%', d: options.homeDir, u: options.username, h: hostName, r: user, p: String(port), n: name };
  const identityFiles = written.map((file) => expandTilde(name, expandTokens(name, file, 'IdentityFile', tokens), options));
  return { hostName, port, user, proxyJump, identityFiles };
}

/** The concrete Host aliases of an SSH config text with their computed settings. Include files are not followed. */
export function readSshConfigHosts(text: string, options: SshConfigOptions): SshConfigHostList {
  const config = parseConfig(text);
  const list: SshConfigHostList = { hosts: [], skipped: [] };
  for (const alias of concreteAliases(config)) {
    try {
      list.hosts.push({ alias, ...computeHost(config, alias, options) });
    } catch (error) {
      if (!(error instanceof ConnectError)) throw error;
      list.skipped.push({ alias, reason: error.message });
    }
  }
  return list;
}

/**
 * Resolves an alias as `ssh alias` would reach it. Like OpenSSH, only the first ProxyJump hop's own
 * ProxyJump is followed (the later hops are reached through the earlier ones).
 */
export function resolveSshConfigHost(text: string, alias: string, options: SshConfigOptions): ResolvedSshHost {
  const config = parseConfig(text);
  const aliases = concreteAliases(config);
  if (!aliases.includes(alias)) {
    const known = aliases.length === 0 ? 'It has no Host aliases' : `Its aliases are: ${aliases.slice(0, 10).join(', ')}${aliases.length > 10 ? ', …' : ''}`;
    throw configError(`The SSH config has no Host ${alias}. ${known}. Pick one of those or add the host to the file.`);
  }

  const hop = (spec: SshJumpSpec, computed: ComputedHost): ResolvedSshJump => {
    const jump: ResolvedSshJump = { host: computed.hostName, port: computed.port, user: computed.user, identityFiles: computed.identityFiles };
    if (aliases.includes(spec.host)) jump.alias = spec.host;
    return jump;
  };

  const chain = (specs: SshJumpSpec[], path: string[]): ResolvedSshJump[] => {
    const [first, ...later] = specs;
    if (!first) return [];
    if (path.some((name) => name.toLowerCase() === first.host.toLowerCase())) {
      throw configError(`The SSH config's ProxyJump settings loop: ${[...path, first.host].join(' → ')}. Break the loop in the file and try again.`);
    }
    const firstComputed = computeHost(config, first.host, options, first);
    return [
      ...chain(firstComputed.proxyJump, [...path, first.host]),
      hop(first, firstComputed),
      ...later.map((spec) => hop(spec, computeHost(config, spec.host, options, spec))),
    ];
  };

  const target = computeHost(config, alias, options);
  return { alias, host: target.hostName, port: target.port, user: target.user, identityFiles: target.identityFiles, jumps: chain(target.proxyJump, [alias]) };
}

function withKey(hop: SshHopInput, identityFiles: readonly string[], exists: (path: string) => boolean): SshHopInput {
  const key = identityFiles.find((path) => exists(path));
  return key === undefined ? hop : { ...hop, privateKeyPath: key };
}

/**
 * The SSH target for a resolved alias. The host is pinned under `ids.platform`, each bastion under its
 * alias or `host:port`; the first IdentityFile that `exists` is used as the key.
 */
export function toSshTarget(resolved: ResolvedSshHost, ids: { platform: string }, exists: (path: string) => boolean): SshTargetInput {
  if (resolved.jumps.length > MAX_JUMPS) {
    throw configError(`Host ${resolved.alias} in the SSH config needs ${resolved.jumps.length} jump hosts; at most ${MAX_JUMPS} are supported. Shorten its ProxyJump chain.`);
  }
  const target: SshTargetInput = {
    hop: withKey({ id: ids.platform, host: resolved.host, port: resolved.port, username: resolved.user }, resolved.identityFiles, exists),
    jumps: resolved.jumps.map((jump) => withKey({ id: jump.alias ?? endpointLabel(jump), host: jump.host, port: jump.port, username: jump.user }, jump.identityFiles, exists)),
  };
  const checked = SshTarget.safeParse(target);
  if (!checked.success) {
    throw configError(`Host ${resolved.alias} in the SSH config does not make a usable SSH target (${checked.error.issues[0]?.message ?? 'invalid'}). Fix it in the file and try again.`);
  }
  return target;
}
