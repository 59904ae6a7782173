import { ConnectError } from './connectError';
import { hostKeyFingerprint, hostKeyType } from './hostKeyFingerprint';
import type { HostKeyDecision, HostKeyPin } from './hostKeyPin';
import { endpointLabel, hopName } from './sshTarget';

export interface HostKeyCheck {
  /** For ssh2's `hostVerifier`: true only for a pinned key. */
  verify(key: Buffer): boolean;
  /** Why the key was refused, once `verify` said no. */
  refusal(): ConnectError | undefined;
}

/** Checks a hop's host key against its pins; an unknown or changed key becomes a decision for the user. */
export function hostKeyCheck(hop: { id: string; name?: string | undefined; host: string; port: number }, pins: readonly HostKeyPin[]): HostKeyCheck {
  let refused: ConnectError | undefined;
  return {
    verify(key) {
      const offered = key.toString('base64');
      if (pins.some((pin) => pin.key === offered)) return true;
      let keyType: string;
      try {
        keyType = hostKeyType(key);
      } catch {
        refused = new ConnectError('protocol', `${endpointLabel(hop)} sent a host key that cannot be read. Check that it is an SSH server.`);
        return false;
      }
      const decision: HostKeyDecision = { id: hop.id, host: hop.host, port: hop.port, keyType, fingerprint: hostKeyFingerprint(key), key: offered };
      const previous = pins.find((pin) => pin.keyType === keyType) ?? pins[0];
      if (previous) {
        decision.previousFingerprint = previous.fingerprint;
        refused = new ConnectError(
          'host_key_changed',
          `Host key changed for ${hopName(hop)} (${endpointLabel(hop)}): pinned ${previous.keyType} ${previous.fingerprint}, now offered ${keyType} ${decision.fingerprint}. ` +
            'The connection was stopped. If the platform was reinstalled or its key rotated, replace the pinned key; otherwise treat this as an attack.',
          { decision },
        );
      } else {
        refused = new ConnectError('host_key_unknown', `${hopName(hop)} (${endpointLabel(hop)}) offers an unknown ${keyType} host key ${decision.fingerprint}. Confirm the fingerprint to pin it.`, { decision });
      }
      return false;
    },
    refusal: () => refused,
  };
}

const ALGORITHMS_BY_KEY_TYPE: Record<string, string[]> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

export const HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/** Host key algorithms with the pinned types first, so a server with several keys shows the pinned one. */
export function preferredHostKeyAlgorithms(pins: readonly HostKeyPin[]): string[] {
  const pinned = pins.flatMap((pin) => ALGORITHMS_BY_KEY_TYPE[pin.keyType] ?? [pin.keyType]).filter((a) => HOST_KEY_ALGORITHMS.includes(a));
  return [...new Set([...pinned, ...HOST_KEY_ALGORITHMS])];
}
