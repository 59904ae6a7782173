import { ConnectError } from '../connectError';
import { CertificateTrust } from './certificateTrust';
import { HttpsEndpoint } from './httpsEndpoint';
import type { HttpsEndpointInput } from './httpsEndpoint';

/** The caller's host and port, checked; a bad address is the user's to correct. */
export function parseEndpoint(options: HttpsEndpointInput): HttpsEndpoint {
  const parsed = HttpsEndpoint.safeParse({ host: options.host, port: options.port });
  if (!parsed.success) throw new ConnectError('local_failed', `"${String(options.host)}" with port ${String(options.port ?? 443)} is not a valid host name or IP address and port. Correct the platform's address.`);
  return parsed.data;
}

export function parseTrust(trust: unknown): CertificateTrust {
  const parsed = CertificateTrust.safeParse(trust ?? {});
  if (!parsed.success) throw new ConnectError('local_failed', "The pinned certificate fingerprint is not a SHA-256 fingerprint (64 hex digits). Trust the certificate again from the platform's settings.");
  return parsed.data;
}
