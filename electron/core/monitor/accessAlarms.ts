import type { HostKeyDecision } from '../connect/hostKeyPin';
import type { AlarmFinding, AlarmSeverity, EvaluationContext } from './alarmTypes';

/** How the last poll reached the platform. */
export type Reachability =
  | { state: 'ok' }
  | { state: 'unreachable' | 'timeout' | 'auth_failed' | 'error'; message: string }
  | { state: 'host_key_changed' | 'host_key_unknown'; message: string; hostKey: HostKeyDecision | null };

export interface ServiceFacts {
  manager: boolean | null;
  webserver: boolean | null;
  postgres: boolean | null;
  /** The manager answered on HTTPS. */
  managerHttps: boolean | null;
}

const ACCESS: Record<Exclude<Reachability['state'], 'ok'>, { kind: AlarmFinding['kind']; severity: AlarmSeverity; next: string }> = {
  unreachable: { kind: 'access.unreachable', severity: 'critical', next: 'Check the address, the VPN or jump host to the site, and that the platform is powered on.' },
  timeout: { kind: 'access.unreachable', severity: 'critical', next: 'The platform or the path to it is very slow or overloaded.' },
  error: { kind: 'access.unreachable', severity: 'critical', next: 'See the message for what failed.' },
  auth_failed: { kind: 'access.authFailed', severity: 'critical', next: 'Update the credentials in Settings: Devices may have deployed a new password.' },
  host_key_changed: { kind: 'access.hostKeyChanged', severity: 'critical', next: 'Nothing is sent until you check the new fingerprint and replace the pinned key in Settings.' },
  host_key_unknown: { kind: 'access.hostKeyUnknown', severity: 'warning', next: 'Confirm its fingerprint in Settings to start monitoring.' },
};

/** Reaching the platform at all. */
export function accessAlarms(reach: Reachability): AlarmFinding[] {
  if (reach.state === 'ok') return [];
  const access = ACCESS[reach.state];
  return [{ key: access.kind, kind: access.kind, severity: access.severity, cause: `${reach.message} ${access.next}`, wizard: null }];
}

const SERVICES = [
  ['manager', 'service.manager', 'The AP Manager is not running.', 'manager-mismatch'],
  ['webserver', 'service.webserver', 'The webserver is not running, so no app can be reached.', 'clear-core-dumps'],
  ['postgres', 'service.postgres', 'PostgreSQL is not running, so every app is down.', null],
  ['managerHttps', 'service.managerHttps', 'The AP Manager does not answer on HTTPS.', 'clear-core-dumps'],
] as const;

/** Processes and the manager's HTTPS answer; null facts (unknown) raise nothing. */
export function serviceAlarms(services: ServiceFacts): AlarmFinding[] {
  return SERVICES.filter(([fact]) => services[fact] === false).map(([, kind, cause, wizard]) => ({ key: kind, kind, severity: 'critical' as const, cause, wizard }));
}

/** The webserver certificate running out. */
export function certificateAlarms(notAfter: number | null, ctx: EvaluationContext): AlarmFinding[] {
  if (notAfter === null) return [];
  const days = (notAfter - ctx.now) / 86_400_000;
  const t = ctx.thresholds;
  if (days >= t.certificateWarningDays) return [];
  const severity: AlarmSeverity = days < t.certificateCriticalDays ? 'critical' : 'warning';
  const when = days <= 0 ? `expired ${Math.ceil(-days)} day${Math.ceil(-days) === 1 ? '' : 's'} ago` : `expires in ${Math.floor(days)} day${Math.floor(days) === 1 ? '' : 's'}`;
  return [{ key: 'certificate.expiry', kind: 'certificate.expiry', severity, cause: `The webserver certificate ${when} (${new Date(notAfter).toISOString().slice(0, 10)}). Upload a new one, or restore the default certificate.`, wizard: 'restore-certificate' }];
}
