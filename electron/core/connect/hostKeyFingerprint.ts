import { createHash } from 'node:crypto';

/** OpenSSH's fingerprint of a host key blob: `SHA256:` and unpadded base64. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa, …). */
export function hostKeyType(key: Buffer): string {
  if (key.length < 4) throw new Error('The host key is too short to be an SSH public key.');
  const length = key.readUInt32BE(0);
  if (length < 1 || length > 64 || key.length < 4 + length) throw new Error('The host key does not start with a key type.');
  const type = key.subarray(4, 4 + length).toString('latin1');
  if (!/^[A-Za-z0-9@._-]+$/.test(type)) throw new Error('The host key names an unreadable key type.');
  return type;
}
