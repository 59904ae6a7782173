import { createHmac } from 'node:crypto';
import { hostKeyFingerprint, hostKeyType } from './hostKeyFingerprint';

/** One name a known_hosts line applies to: a host and port as written, or OpenSSH's salted hash of one. */
export type KnownHostName =
  | { kind: 'plain'; host: string; port: number }
  /** `|1|salt|hash`: HMAC-SHA1 keyed with the salt over the name, both base64. */
  | { kind: 'hashed'; salt: string; hash: string };

/** A usable host key line of a known_hosts file. */
export interface KnownHostEntry {
  /** 1-based line number in the file. */
  line: number;
  names: KnownHostName[];
  keyType: string;
  /** The public key blob, base64. */
  key: string;
  fingerprint: string;
  comment?: string;
}

export interface KnownHostsSkip {
  line: number;
  reason: string;
}

export interface ParsedKnownHosts {
  entries: KnownHostEntry[];
  skipped: KnownHostsSkip[];
}

const SHA1_LENGTH = 20;
const CERTIFICATE_TYPE = /-cert-v0\d@openssh\.com$/;

/** Removes the brackets some callers keep around IPv6 addresses. */
export function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** The name OpenSSH looks a host up by (and hashes): `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  const name = bareHost(host).toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** HMAC-SHA1 of a known_hosts name with a salt, as `|1|salt|hash` entries store it. */
export function hashKnownHostsName(salt: Buffer, name: string): Buffer {
  return createHmac('sha1', salt).update(name).digest();
}

/** Base64 exactly as OpenSSH writes it; anything else is refused rather than guessed at. */
export function decodeStrictBase64(text: string): Buffer | null {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const decoded = Buffer.from(text, 'base64');
  return decoded.toString('base64') === text ? decoded : null;
}

/** OpenSSH's pattern syntax: `*` any run of characters, `?` exactly one. */
function patternMatches(pattern: string, name: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(name);
}

type NameResult = { name: KnownHostName } | { reason: string } | { negated: string };

function parseName(pattern: string): NameResult {
  if (pattern.length === 0) return { reason: 'an empty host name in the list was ignored' };
  if (pattern.startsWith('|')) {
    const parts = /^\|1\|([^|]+)\|([^|]+)$/.exec(pattern);
    const salt = parts?.[1] === undefined ? null : decodeStrictBase64(parts[1]);
    const hash = parts?.[2] === undefined ? null : decodeStrictBase64(parts[2]);
    if (!parts || !salt || !hash || salt.length !== SHA1_LENGTH || hash.length !== SHA1_LENGTH) {
      return { reason: 'a hashed host name is unreadable (expected |1|salt|hash)' };
    }
    return { name: { kind: 'hashed', salt: salt.toString('base64'), hash: hash.toString('base64') } };
  }
  if (pattern.startsWith('!')) return { negated: pattern.slice(1).toLowerCase() };
  if (/[*?]/.test(pattern)) return { reason: `"${pattern}" is a wildcard pattern; only exact host names can be pinned` };
  if (pattern.startsWith('[')) {
    const bracketed = /^\[([^[\]]+)\]:(\d{1,5})$/.exec(pattern);
    const port = Number(bracketed?.[2]);
    if (!bracketed?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) {
      return { reason: `"${pattern}" is not a valid [host]:port name` };
    }
    return { name: { kind: 'plain', host: bracketed[1].toLowerCase(), port } };
  }
  if (/[[\]]/.test(pattern)) return { reason: `"${pattern}" is not a valid host name` };
  return { name: { kind: 'plain', host: pattern.toLowerCase(), port: 22 } };
}

interface HostsField {
  names: KnownHostName[];
  reasons: string[];
}

function parseHostsField(field: string): HostsField {
  const names: KnownHostName[] = [];
  const reasons: string[] = [];
  const negations: string[] = [];
  for (const pattern of field.split(',')) {
    const result = parseName(pattern);
    if ('name' in result) names.push(result.name);
    else if ('reason' in result) reasons.push(result.reason);
    else {
      negations.push(result.negated);
      reasons.push(`"!${result.negated}" is a negated pattern; only exact host names can be pinned`);
    }
  }
  // A name that a negation on the same line excludes is not one OpenSSH would use this key for.
  const kept = names.filter((name) => {
    if (name.kind !== 'plain') return true;
    const lookup = knownHostsName(name.host, name.port);
    const excluded = negations.some((pattern) => patternMatches(pattern, lookup));
    if (excluded) reasons.push(`"${lookup}" is excluded by a negated pattern on the same line`);
    return !excluded;
  });
  return { names: kept, reasons };
}

type KeyResult = { keyType: string; blob: Buffer } | { reason: string };

function parseKey(typeField: string, keyField: string): KeyResult {
  const blob = decodeStrictBase64(keyField);
  if (!blob) return { reason: 'the key is not valid base64' };
  let blobType: string;
  try {
    blobType = hostKeyType(blob);
  } catch (error) {
    return { reason: error instanceof Error ? error.message : 'the key is unreadable' };
  }
  if (blobType !== typeField) return { reason: `the line says ${typeField} but the key is ${blobType}` };
  if (CERTIFICATE_TYPE.test(blobType)) return { reason: `${blobType} is a certificate, not a host key` };
  return { keyType: blobType, blob };
}

/**
 * Reads an OpenSSH known_hosts file. Lines that cannot become a pin (markers, wildcards, negations,
 * unreadable keys) are reported in `skipped`; a key marked `@revoked` anywhere is never returned.
 */
export function parseKnownHosts(text: string): ParsedKnownHosts {
  const entries: KnownHostEntry[] = [];
  const skipped: KnownHostsSkip[] = [];
  const revoked = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);

  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/[ \t]+/);
    const marker = fields[0]?.startsWith('@') ? fields.shift() : undefined;
    const [hosts, typeField, keyField, ...comment] = fields;

    if (marker === '@revoked') {
      const key = typeField && keyField ? parseKey(typeField, keyField) : null;
      if (key && 'blob' in key) revoked.set(key.blob.toString('base64'), line);
      skipped.push({ line, reason: 'a @revoked key is never imported' });
      return;
    }
    if (marker === '@cert-authority') {
      skipped.push({ line, reason: 'a @cert-authority line names a certificate authority, not a host key' });
      return;
    }
    if (marker !== undefined) {
      skipped.push({ line, reason: `the marker ${marker} is unknown` });
      return;
    }
    if (!hosts || !typeField || !keyField) {
      skipped.push({ line, reason: 'expected host names, a key type and a key' });
      return;
    }
    if (/^\d+$/.test(typeField)) {
      skipped.push({ line, reason: 'an SSH protocol 1 key is not supported' });
      return;
    }
    const key = parseKey(typeField, keyField);
    if ('reason' in key) {
      skipped.push({ line, reason: key.reason });
      return;
    }
    const { names, reasons } = parseHostsField(hosts);
    for (const reason of reasons) skipped.push({ line, reason });
    if (names.length === 0) {
      if (reasons.length === 0) skipped.push({ line, reason: 'no host name on this line can be pinned' });
      return;
    }
    const entry: KnownHostEntry = { line, names, keyType: key.keyType, key: key.blob.toString('base64'), fingerprint: hostKeyFingerprint(key.blob) };
    if (comment.length > 0) entry.comment = comment.join(' ');
    entries.push(entry);
  });

  const usable = entries.filter((entry) => {
    const revokedOn = revoked.get(entry.key);
    if (revokedOn === undefined) return true;
    skipped.push({ line: entry.line, reason: `the key is marked @revoked on line ${revokedOn}` });
    return false;
  });
  skipped.sort((a, b) => a.line - b.line);
  return { entries: usable, skipped };
}
