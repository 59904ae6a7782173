import { join } from 'node:path';
import { z } from 'zod';
import { createJsonFileStore } from '../../storage/jsonFileStore';
import { normalizeFingerprint } from './certificateFingerprint';

const WebserverPin = z.strictObject({ platformId: z.string().min(1), sha256: z.string(), pinnedAt: z.iso.datetime({ offset: true }) });
export type WebserverPin = z.output<typeof WebserverPin>;
const PinFile = z.strictObject({ version: z.literal(1), pins: z.array(WebserverPin) });

export interface WebserverPinStore {
  all(): Promise<WebserverPin[]>;
  /** Trusts this certificate (SHA-256 of its DER) for the platform's webserver, in place of any before. */
  trust(platformId: string, sha256: string): Promise<WebserverPin>;
  forget(platformId: string): Promise<void>;
}

/**
 * The webserver certificates the user trusted, per platform: an AP's default certificate is self-signed, so
 * HTTPS to it (the AP Manager login) is trusted only once the user accepted its fingerprint.
 */
export function createWebserverPinStore(dataDir: string): WebserverPinStore {
  const file = createJsonFileStore(join(dataDir, 'webserver-pins.json'), PinFile, () => ({ version: 1 as const, pins: [] }));
  return {
    all: async () => (await file.read()).pins,
    async trust(platformId, sha256) {
      const normalized = normalizeFingerprint(sha256);
      if (normalized === null) throw new Error('A certificate fingerprint is 64 hex digits (SHA-256), colons allowed.');
      const pin = { platformId, sha256: normalized, pinnedAt: new Date().toISOString() };
      await file.update((doc) => ({ ...doc, pins: [...doc.pins.filter((p) => p.platformId !== platformId), pin] }));
      return pin;
    },
    async forget(platformId) {
      await file.update((doc) => ({ ...doc, pins: doc.pins.filter((p) => p.platformId !== platformId) }));
    },
  };
}
