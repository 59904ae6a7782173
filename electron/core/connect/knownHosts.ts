import { randomBytes } from 'node:crypto';
import { ConnectError } from './connectError';
import { hostKeyFingerprint, hostKeyType } from './hostKeyFingerprint';
import { HostKeyPin } from './hostKeyPin';
import type { HostKeyEndpoint } from './hostKeyPin';
import { bareHost, decodeStrictBase64, hashKnownHostsName, knownHostsName } from './knownHostsParse';
import type { KnownHostEntry } from './knownHostsParse';

export { parseKnownHosts, knownHostsName } from './knownHostsParse';
export type { KnownHostEntry, KnownHostName, KnownHostsSkip, ParsedKnownHosts } from './knownHostsParse';

const SALT_LENGTH = 20;

/** The entries OpenSSH would use for `host` on `port`, plain or hashed. */
export function findKnownHostKeys(entries: readonly KnownHostEntry[], host: string, port: number): KnownHostEntry[] {
  const wanted = knownHostsName(host, port);
  return entries.filter((entry) =>
    entry.names.some((name) =>
      name.kind === 'plain'
        ? knownHostsName(name.host, name.port) === wanted
        : hashKnownHostsName(Buffer.from(name.salt, 'base64'), wanted).toString('base64') === name.hash,
    ),
  );
}

/** Pins for every endpoint that the entries know a key for; one pin per distinct key. */
export function importPins(
  entries: readonly KnownHostEntry[],
  endpoints: readonly (HostKeyEndpoint & { id: string })[],
  now: Date,
): HostKeyPin[] {
  const pins: HostKeyPin[] = [];
  for (const endpoint of endpoints) {
    for (const entry of findKnownHostKeys(entries, endpoint.host, endpoint.port)) {
      if (pins.some((pin) => pin.id === endpoint.id && pin.host === endpoint.host && pin.port === endpoint.port && pin.key === entry.key)) continue;
      const blob = Buffer.from(entry.key, 'base64');
      pins.push(
        HostKeyPin.parse({
          id: endpoint.id,
          host: endpoint.host,
          port: endpoint.port,
          keyType: hostKeyType(blob),
          fingerprint: hostKeyFingerprint(blob),
          key: entry.key,
          pinnedAt: now.toISOString(),
        }),
      );
    }
  }
  return pins;
}

function refuse(pin: HostKeyPin, what: string): never {
  throw new ConnectError('local_failed', `The pinned key of ${pin.id} cannot be written to known_hosts: ${what}. Remove the pin and connect again to pin the key afresh.`, {
    id: pin.id,
  });
}

function hostField(pin: HostKeyPin, hashed: boolean): string {
  const host = bareHost(pin.host);
  if (host === '' || /[\s,*?![\]|#@]/.test(host)) refuse(pin, `the host "${pin.host}" is not a plain host name or address`);
  const name = knownHostsName(host, pin.port);
  if (!hashed) return name;
  const salt = randomBytes(SALT_LENGTH);
  return `|1|${salt.toString('base64')}|${hashKnownHostsName(salt, name).toString('base64')}`;
}

/** known_hosts lines for the pins, one per pin; hashed names use a fresh random salt each. */
export function formatKnownHosts(pins: readonly HostKeyPin[], options: { hashed: boolean }): string {
  const lines = pins.map((pin) => {
    const blob = decodeStrictBase64(pin.key);
    if (!blob) refuse(pin, 'the key is not valid base64');
    let keyType: string;
    try {
      keyType = hostKeyType(blob);
    } catch {
      refuse(pin, 'the key is not an SSH public key');
    }
    if (keyType !== pin.keyType) refuse(pin, `the pin says ${pin.keyType} but the key is ${keyType}`);
    return `${hostField(pin, options.hashed)} ${keyType} ${pin.key}`;
  });
  return lines.map((line) => `${line}\n`).join('');
}
