import { z } from 'zod';
import { ConnectError } from '../connectError';
import { normalizeFingerprint, sameFingerprint } from './certificateFingerprint';
import type { CertificateInfo } from './certificateInfo';

/** What the user decided to trust for a platform's webserver besides the CA-verified chain. */
export const CertificateTrust = z.strictObject({
  /** SHA-256 of the server certificate (DER) the user accepted; hex, with or without colons. */
  pinnedCertSha256: z
    .string()
    .refine((text) => normalizeFingerprint(text) !== null, 'a SHA-256 fingerprint: 64 hex digits, colons allowed')
    .optional(),
});
export type CertificateTrust = z.output<typeof CertificateTrust>;

export interface TrustVerdict {
  trusted: boolean;
  /** The chain verifies against the CA store and names this host. */
  chainValid: boolean;
  /** OpenSSL's or Node's reason when it does not, e.g. DEPTH_ZERO_SELF_SIGNED_CERT. */
  chainError: string | null;
  pinConfigured: boolean;
  /** The server certificate is the one the user pinned. */
  pinMatches: boolean;
}

export function evaluateTrust(leaf: CertificateInfo | undefined, chainValid: boolean, chainError: string | null, trust: CertificateTrust = {}): TrustVerdict {
  const pin = trust.pinnedCertSha256;
  const pinMatches = leaf !== undefined && pin !== undefined && sameFingerprint(leaf.sha256, pin);
  return { trusted: chainValid || pinMatches, chainValid, chainError, pinConfigured: pin !== undefined, pinMatches };
}

function whyUntrusted(leaf: CertificateInfo, verdict: TrustVerdict): string {
  if (verdict.pinConfigured) return 'it is not the certificate you trusted before (it changed since)';
  if (leaf.selfSigned) return 'it is self-signed';
  return `it does not verify (${verdict.chainError ?? 'unknown reason'})`;
}

/** The error that lets the UI offer "trust this certificate": the fingerprint and what to compare it with. */
export function untrustedCertificateError(url: string, leaf: CertificateInfo | undefined, verdict: TrustVerdict, trust: CertificateTrust = {}): ConnectError {
  if (leaf === undefined) {
    return new ConnectError('certificate_untrusted', `${url} presented no certificate. Check that the address belongs to an App Platform.`, { url, chainError: verdict.chainError });
  }
  return new ConnectError(
    'certificate_untrusted',
    `The certificate of ${url} is not trusted: ${whyUntrusted(leaf, verdict)}. Compare its SHA-256 fingerprint ${leaf.sha256} with the one the App Platform shows, and trust it only if they match.`,
    {
      url,
      sha256: leaf.sha256,
      subject: leaf.subject,
      issuer: leaf.issuer,
      validTo: leaf.validTo,
      selfSigned: leaf.selfSigned,
      chainError: verdict.chainError,
      ...(trust.pinnedCertSha256 === undefined ? {} : { pinnedSha256: trust.pinnedCertSha256 }),
    },
  );
}
