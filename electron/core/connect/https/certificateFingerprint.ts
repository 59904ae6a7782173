import { createHash } from 'node:crypto';

/** Lowercase hex SHA-256 of a DER certificate. */
export function sha256Fingerprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

/** `AB:CD:…`, as browsers and OpenSSL show a certificate fingerprint. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

/**
 * A SHA-256 fingerprint as typed or pasted by a user, in lowercase hex without separators:
 * accepts `AB:CD:…`, `abcd…`, spaces, and a leading `SHA256:`/`SHA-256` label. null when it is not one.
 */
export function normalizeFingerprint(text: string): string | null {
  const hex = text
    .trim()
    .replace(/^sha-?256(\s*fingerprint)?\s*[:=]?\s*/i, '')
    .replace(/[\s:-]/g, '')
    .toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

export function sameFingerprint(a: string, b: string): boolean {
  const left = normalizeFingerprint(a);
  return left !== null && left === normalizeFingerprint(b);
}
