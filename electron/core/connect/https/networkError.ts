import { ConnectError } from '../connectError';

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  EHOSTDOWN: 'the host is down',
  ENOTFOUND: 'the name does not resolve',
  EAI_AGAIN: 'the name could not be resolved right now',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  EADDRNOTAVAIL: 'the address is not available from this computer',
};

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** A socket or TLS failure while reaching a webserver, as a ConnectError that says what to check. */
export function networkError(error: unknown, url: string): ConnectError {
  if (error instanceof ConnectError) return error;
  const code = errorCode(error);
  if (code === 'ETIMEDOUT') {
    return new ConnectError('timeout', `Connecting to ${url} timed out: the platform does not answer on this address and port. Check that it is running and that no firewall drops the traffic.`, { url, cause: code });
  }
  if (code !== undefined && code in UNREACHABLE) {
    return new ConnectError(
      'unreachable',
      `Could not reach ${url} (${UNREACHABLE[code]}): the App Platform's webserver or AP Manager may be stopped, the address may be wrong, or a firewall blocks the port. Check the address, then the platform over SSH.`,
      { url, cause: code },
    );
  }
  const tls = code?.startsWith('ERR_SSL') || code === 'EPROTO' || (code?.startsWith('ERR_TLS') ?? false);
  if (tls) {
    return new ConnectError('protocol', `The TLS handshake with ${url} failed (${code}): the port may not serve HTTPS, or the server allows only protocols or ciphers this console refuses. Check the address and port.`, { url, cause: code });
  }
  const text = error instanceof Error ? error.message : String(error);
  return new ConnectError('unreachable', `Could not reach ${url} (${text}). Check the address and that the platform is running.`, { url, ...(code ? { cause: code } : {}) });
}
