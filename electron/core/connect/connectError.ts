/** Why reaching a platform failed, as the caller (and the UI) can act on it. */
export type ConnectErrorCode =
  | 'host_key_unknown'
  | 'host_key_changed'
  | 'auth_failed'
  | 'root_auth_failed'
  | 'unreachable'
  | 'timeout'
  | 'cancelled'
  | 'disconnected'
  | 'protocol'
  | 'remote_failed'
  | 'local_failed'
  | 'verify_failed'
  | 'certificate_untrusted';

/**
 * A failure reaching or working on a platform. The message says what happened and what to do;
 * it never holds a secret. `details` carries what a decision needs (fingerprints, hop, offsets).
 */
export class ConnectError extends Error {
  readonly code: ConnectErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ConnectErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ConnectError';
    this.code = code;
    this.details = details;
  }
}

export const isConnectError = (error: unknown, code?: ConnectErrorCode): error is ConnectError =>
  error instanceof ConnectError && (code === undefined || error.code === code);

/** The cancellation error for an aborted operation, with the operation named. */
export function cancelled(what: string): ConnectError {
  return new ConnectError('cancelled', `${what} was cancelled.`);
}

/** Throws the cancellation error when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw cancelled(what);
}
