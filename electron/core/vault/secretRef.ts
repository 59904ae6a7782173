import { z } from 'zod';
import { VaultError } from './vaultError';

/**
 * An opaque id naming one secret, e.g. `platform:<id>:admin-password`. Refs are stored in the
 * clear next to the ciphertext, so they must never contain a secret themselves.
 */
export const SecretRef = z
  .string()
  .min(3)
  .max(256)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._~@+-]*(:[A-Za-z0-9._~@+-]+)+$/);
export type SecretRef = z.infer<typeof SecretRef>;

export type SecretOwner = 'platform' | 'site' | 'key';

/** Builds the ref for one secret of a platform, site or key, e.g. `secretRef('platform', id, 'admin-password')`. */
export function secretRef(owner: SecretOwner, id: string, name: string): SecretRef {
  return checkSecretRef(`${owner}:${id}:${name}`);
}

/** The ref itself is not echoed: a caller that mixed up arguments might have passed a secret. */
export function checkSecretRef(ref: string): SecretRef {
  const parsed = SecretRef.safeParse(ref);
  if (parsed.success) return parsed.data;
  throw new VaultError(
    'invalid_ref',
    'A secret reference is malformed (expected words joined by colons, e.g. platform:<id>:admin-password). This is a bug in the caller; report it.',
  );
}
