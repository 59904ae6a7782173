import { isConnectError } from '../connect/connectError';
import type { HostKeyDecision } from '../connect/hostKeyPin';
import { HostKeyDecision as HostKeyDecisionShape } from '../contract';
import type { Reachability } from './accessAlarms';

const decisionOf = (value: unknown): HostKeyDecision | null => {
  const parsed = HostKeyDecisionShape.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** How a failed connection attempt reads as reachability; the message is the connection error's own (it holds no secret). */
export function reachabilityOf(error: unknown): Exclude<Reachability, { state: 'ok' }> {
  if (!isConnectError(error)) return { state: 'error', message: 'Reaching the platform failed unexpectedly; the engine log has the details.' };
  switch (error.code) {
    case 'auth_failed':
      return { state: 'auth_failed', message: error.message };
    case 'host_key_changed':
    case 'host_key_unknown':
      return { state: error.code, message: error.message, hostKey: decisionOf(error.details.decision) };
    case 'timeout':
      return { state: 'timeout', message: error.message };
    case 'unreachable':
    case 'disconnected':
      return { state: 'unreachable', message: error.message };
    default:
      return { state: 'error', message: error.message };
  }
}
