import { join } from 'node:path';
import { z } from 'zod';
import { createJsonFileStore } from '../storage/jsonFileStore';
import { ConnectError } from './connectError';
import { hostKeyFingerprint, hostKeyType } from './hostKeyFingerprint';
import { HostKeyPin } from './hostKeyPin';
import type { HostKeyDecision } from './hostKeyPin';

const HostKeyFile = z.strictObject({ version: z.literal(1), pins: z.array(HostKeyPin) });

export interface HostKeyStore {
  list(): Promise<HostKeyPin[]>;
  pinsFor(id: string): Promise<HostKeyPin[]>;
  /** Pins a key the user confirmed. Refuses when the id already has another key of that type: that needs `replace`. */
  accept(decision: Pick<HostKeyDecision, 'id' | 'host' | 'port' | 'key'>): Promise<HostKeyPin>;
  /** Drops every pin of the id and pins the new key; `expectedFingerprint` guards against replacing with a key the user never saw. */
  replace(decision: Pick<HostKeyDecision, 'id' | 'host' | 'port' | 'key'>, expectedFingerprint: string): Promise<HostKeyPin>;
  remove(id: string): Promise<void>;
  /** Adds pins (from known_hosts); a key already pinned for the id is kept once. */
  add(pins: readonly HostKeyPin[]): Promise<number>;
  problem(): string | null;
}

export function makePin(decision: Pick<HostKeyDecision, 'id' | 'host' | 'port' | 'key'>, now = new Date()): HostKeyPin {
  const blob = Buffer.from(decision.key, 'base64');
  return { id: decision.id, host: decision.host, port: decision.port, keyType: hostKeyType(blob), fingerprint: hostKeyFingerprint(blob), key: blob.toString('base64'), pinnedAt: now.toISOString() };
}

/** Host keys the user accepted, per platform or bastion id, in `host-keys.json` of the data folder. */
export function createHostKeyStore(dataDir: string): HostKeyStore {
  const file = createJsonFileStore(join(dataDir, 'host-keys.json'), HostKeyFile, () => ({ version: 1 as const, pins: [] }));

  return {
    list: async () => (await file.read()).pins,
    pinsFor: async (id) => (await file.read()).pins.filter((pin) => pin.id === id),
    accept: async (decision) => {
      const pin = makePin(decision);
      await file.update((current) => {
        const same = current.pins.filter((p) => p.id === pin.id && p.keyType === pin.keyType);
        if (same.some((p) => p.key === pin.key)) return current;
        if (same.length > 0) {
          throw new ConnectError('host_key_changed', `${pin.id} already has a pinned ${pin.keyType} key (${same[0]?.fingerprint}). Replace the pinned key explicitly if the new one (${pin.fingerprint}) is right.`, {
            id: pin.id,
            fingerprint: pin.fingerprint,
            previousFingerprint: same[0]?.fingerprint,
          });
        }
        return { ...current, pins: [...current.pins, pin] };
      });
      return pin;
    },
    replace: async (decision, expectedFingerprint) => {
      const pin = makePin(decision);
      if (pin.fingerprint !== expectedFingerprint) {
        throw new ConnectError('verify_failed', `The key offered (${pin.fingerprint}) is not the one confirmed (${expectedFingerprint}). Connect again and compare the fingerprint.`);
      }
      await file.update((current) => ({ ...current, pins: [...current.pins.filter((p) => p.id !== pin.id), pin] }));
      return pin;
    },
    remove: async (id) => {
      await file.update((current) => ({ ...current, pins: current.pins.filter((p) => p.id !== id) }));
    },
    add: async (pins) => {
      let added = 0;
      await file.update((current) => {
        const next = [...current.pins];
        for (const pin of pins) {
          if (next.some((p) => p.id === pin.id && p.key === pin.key)) continue;
          next.push(pin);
          added++;
        }
        return { ...current, pins: next };
      });
      return added;
    },
    problem: () => file.problem(),
  };
}
