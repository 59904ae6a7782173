import { HostKeyDecision } from '../contract';
import type { ErrorCode, WireError } from '../contract';
import type { ConnectError } from '../connect/connectError';

/** An error whose message is safe to show a user: no secrets, no stack. */
export class ContractError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }

  toWire(): WireError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/** A connection or vault failure as the client sees it: the reason, the message, and a host key decision when there is one. */
export function connectErrorToWire(error: ConnectError): WireError {
  const decision = HostKeyDecision.safeParse(error.details.decision);
  const reason = typeof error.details.reason === 'string' ? error.details.reason : error.code;
  return { code: 'failed', reason, message: error.message, ...(decision.success ? { hostKey: decision.data } : {}) };
}
