import type { AlarmThresholds } from './alarmThresholds';
import type { WizardId } from '../wizards/wizardWire';

export type AlarmSeverity = 'warning' | 'critical';

/** What is wrong, as one evaluation of one platform finds it. */
export interface AlarmFinding {
  /** Stable per platform, e.g. `disk.usage` or `replication.standby:sb1`; the same trouble keeps its key. */
  key: string;
  kind: AlarmKind;
  severity: AlarmSeverity;
  /** A sentence a partner understands, with figures. */
  cause: string;
  /** The wizard that fixes it, if there is one. */
  wizard: WizardId | null;
}

export type AlarmKind =
  | 'disk.usage'
  | 'disk.timeToFull'
  | 'disk.reserveMissing'
  | 'disk.logs'
  | 'disk.coreDumps'
  | 'replication.standbyMissing'
  | 'replication.notStreaming'
  | 'replication.slotInactive'
  | 'replication.walRetained'
  | 'replication.lag'
  | 'replication.primaryUnreachable'
  | 'replication.splitBrain'
  | 'replication.roleMismatch'
  | 'access.unreachable'
  | 'access.authFailed'
  | 'access.hostKeyChanged'
  | 'access.hostKeyUnknown'
  | 'access.managerLogin'
  | 'service.manager'
  | 'service.webserver'
  | 'service.postgres'
  | 'service.managerHttps'
  | 'certificate.expiry'
  | 'build.dangerousResize';

/** The recovery procedures of the reference (admin-facts section 2) that a wizard runs. */
export type { WizardId } from '../wizards/wizardWire';

/** What an evaluator needs besides the facts: limits, the clock, and what it raised before (for hysteresis and escalation). */
export interface EvaluationContext {
  thresholds: AlarmThresholds;
  now: number;
  /** The severity each key had after the last evaluation, and since when the trouble lasts (ms). */
  previous: ReadonlyMap<string, { severity: AlarmSeverity; since: number }>;
}
