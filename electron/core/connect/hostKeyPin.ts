import { z } from 'zod';

/** Where a host key was seen: the address and port the SSH client dialled for one hop. */
export const HostKeyEndpoint = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
});
export type HostKeyEndpoint = z.infer<typeof HostKeyEndpoint>;

/** A host key the user accepted for one SSH endpoint (a platform or a bastion). */
export const HostKeyPin = HostKeyEndpoint.extend({
  /** The platform or bastion id the pin belongs to. */
  id: z.string().min(1),
  keyType: z.string().min(1),
  fingerprint: z.string().startsWith('SHA256:'),
  /** The public key blob, base64 (as in known_hosts). */
  key: z.string().min(1),
  pinnedAt: z.iso.datetime({ offset: true }),
});
export type HostKeyPin = z.infer<typeof HostKeyPin>;

/** What the user is asked when a host key is new or changed. */
export interface HostKeyDecision {
  id: string;
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  key: string;
  /** The pinned fingerprint, when the key changed. */
  previousFingerprint?: string;
}
