import { ConnectError } from '../connect/connectError';

/** Why the inventory refused a change or an import source could not be used. */
export type FleetErrorReason = 'invalid' | 'not_found' | 'site_not_empty' | 'in_use' | 'source_unreadable' | 'source_invalid';

/**
 * A refusal of the fleet, worded for the user; never holds a secret. With a `field` (a dotted path into the
 * request) it reaches the client as invalid_params naming that field, otherwise as `failed` with its reason,
 * the way vault errors do.
 */
export class FleetError extends ConnectError {
  readonly reason: FleetErrorReason;
  readonly field: string | undefined;

  constructor(reason: FleetErrorReason, message: string, field?: string) {
    super('local_failed', message, { reason });
    this.name = 'FleetError';
    this.reason = reason;
    this.field = field;
  }
}

export const isFleetError = (error: unknown, reason?: FleetErrorReason): error is FleetError =>
  error instanceof FleetError && (reason === undefined || error.reason === reason);
