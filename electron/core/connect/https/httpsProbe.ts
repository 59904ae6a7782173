import { ConnectError, throwIfAborted } from '../connectError';
import type { CertificateInfo } from './certificateInfo';
import type { CertificateTrust, TrustVerdict } from './certificateTrust';
import { httpsUrl } from './httpsEndpoint';
import type { HttpsEndpointInput } from './httpsEndpoint';
import { httpsGet } from './httpsGet';
import { parseEndpoint, parseTrust } from './httpsOptions';
import { OperationDeadline } from './operationDeadline';
import { openTls } from './tlsSession';

export interface HttpsProbeOptions extends HttpsEndpointInput {
  timeoutMs?: number;
  signal?: AbortSignal;
  trust?: CertificateTrust;
}

export interface HttpStatusReport {
  status: number;
  /** Where a redirect points (an AP answers / with a redirect to /manager/ or an app). */
  location: string | null;
  server: string | null;
}

export type HttpsProbeResult =
  | {
      reachable: true;
      url: string;
      connectMs: number;
      protocol: string | null;
      cipher: { name: string; standardName: string; version: string };
      chain: CertificateInfo[];
      trust: TrustVerdict;
      /** GET / on the same connection; an error text when the webserver accepted TLS but no HTTP. */
      http: HttpStatusReport | { error: string };
    }
  | {
      reachable: false;
      url: string;
      code: 'unreachable' | 'timeout' | 'protocol';
      message: string;
    };

export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;
const STATUS_BODY_BYTES = 4096;

/**
 * Connects over TCP and TLS, reports the protocol, cipher, certificate chain and whether it is trusted
 * (CA-verified or pinned), then the status of GET / on the same connection. Only cancellation throws:
 * a platform that cannot be reached is a result.
 */
export async function probeHttps(options: HttpsProbeOptions): Promise<HttpsProbeResult> {
  throwIfAborted(options.signal, 'The HTTPS check');
  const endpoint = parseEndpoint(options);
  const trust = parseTrust(options.trust);
  const url = httpsUrl(endpoint);
  const deadline = new OperationDeadline(`The HTTPS check of ${url}`, options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, options.signal);
  try {
    let opened;
    try {
      opened = await openTls(endpoint, trust, deadline);
    } catch (error) {
      if (error instanceof ConnectError && (error.code === 'unreachable' || error.code === 'timeout' || error.code === 'protocol')) {
        return { reachable: false, url, code: error.code, message: error.message };
      }
      throw error;
    }
    const { socket, report } = opened;
    let http: HttpStatusReport | { error: string };
    try {
      const answer = await httpsGet(socket, endpoint, '/', { maxBytes: STATUS_BODY_BYTES, keep: 'head' }, deadline);
      http = { status: answer.status, location: answer.location, server: answer.server };
    } catch (error) {
      if (error instanceof ConnectError && error.code === 'cancelled') throw error;
      http = { error: error instanceof Error ? error.message : String(error) };
    }
    return { reachable: true, url, connectMs: report.connectMs, protocol: report.protocol, cipher: report.cipher, chain: report.chain, trust: report.trust, http };
  } finally {
    deadline.dispose();
  }
}
