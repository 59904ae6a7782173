import { connect } from 'node:tls';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import { describeCertificate } from './certificateInfo';
import type { CertificateInfo } from './certificateInfo';
import { evaluateTrust } from './certificateTrust';
import type { CertificateTrust, TrustVerdict } from './certificateTrust';
import type { HttpsEndpoint } from './httpsEndpoint';
import { httpsUrl, tlsServername } from './httpsEndpoint';
import { ConnectError } from '../connectError';
import { networkError } from './networkError';
import type { OperationDeadline } from './operationDeadline';

/** What a TLS handshake told about a webserver. */
export interface TlsSessionReport {
  url: string;
  /** TLSv1.2, TLSv1.3, … */
  protocol: string | null;
  cipher: { name: string; standardName: string; version: string };
  /** The server certificate first, then its issuers as far as they are known. */
  chain: CertificateInfo[];
  trust: TrustVerdict;
  connectMs: number;
}

const MAX_CHAIN = 10;

/** The peer chain from OpenSSL's linked list (a root points to itself). */
export function peerChain(peer: DetailedPeerCertificate, now = new Date()): CertificateInfo[] {
  const chain: CertificateInfo[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = peer;
  while (current?.raw && chain.length < MAX_CHAIN) {
    const info = describeCertificate(current.raw, now);
    if (seen.has(info.sha256)) break;
    seen.add(info.sha256);
    chain.push(info);
    current = current.issuerCertificate;
  }
  return chain;
}

function authorizationError(socket: TLSSocket): string | null {
  if (socket.authorized) return null;
  const error: unknown = socket.authorizationError;
  if (error instanceof Error) return 'code' in error && typeof error.code === 'string' ? error.code : error.message;
  return typeof error === 'string' ? error : 'not verified';
}

export function describeTlsSession(socket: TLSSocket, endpoint: HttpsEndpoint, trust: CertificateTrust | undefined, connectMs: number): TlsSessionReport {
  const chain = peerChain(socket.getPeerCertificate(true));
  const cipher = socket.getCipher();
  return {
    url: httpsUrl(endpoint),
    protocol: socket.getProtocol(),
    cipher: { name: cipher.name, standardName: cipher.standardName, version: cipher.version },
    chain,
    trust: evaluateTrust(chain[0], socket.authorized, authorizationError(socket), trust),
    connectMs,
  };
}

/**
 * TCP and TLS to the endpoint. The chain is not rejected here: the caller reads the report and decides,
 * before anything but the handshake has been sent.
 */
export function openTls(endpoint: HttpsEndpoint, trust: CertificateTrust | undefined, deadline: OperationDeadline): Promise<{ socket: TLSSocket; report: TlsSessionReport }> {
  deadline.throwIfExpired();
  const url = httpsUrl(endpoint);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const servername = tlsServername(endpoint.host);
    const socket = connect({
      host: endpoint.host,
      port: endpoint.port,
      ...(servername ? { servername } : {}),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const cleanup = () => {
      deadline.signal.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      socket.off('secureConnect', onSecure);
    };
    const onAbort = () => {
      cleanup();
      socket.destroy();
      reject(deadline.error());
    };
    const onError = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(networkError(error, url));
    };
    const onSecure = () => {
      cleanup();
      try {
        resolve({ socket, report: describeTlsSession(socket, endpoint, trust, Math.round(performance.now() - started)) });
      } catch (error) {
        socket.destroy();
        const reason = error instanceof Error ? error.message : String(error);
        reject(new ConnectError('protocol', `${url} presented a certificate this console cannot read (${reason}). Check that the address belongs to an App Platform.`, { url }));
      }
    };
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once('secureConnect', onSecure);
  });
}
