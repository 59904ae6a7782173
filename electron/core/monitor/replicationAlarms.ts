import type { PrimaryState, ReplicationState, StandbyState } from '../replication/replicationState';
import { byteText, hoursText } from '../format/byteText';
import { fillRate, hoursToFull } from './fillRate';
import type { UsageSample } from './fillRate';
import type { AlarmFinding, AlarmKind, AlarmSeverity, EvaluationContext } from './alarmTypes';

export interface ReplicationInput {
  state: ReplicationState;
  /** Standbys the inventory expects on this primary; null when it does not say. */
  expectedStandbys: number | null;
  /** Free bytes on the primary's data partition, for the time until retained WAL fills it. */
  availBytes: number | null;
  /** Retained WAL over time (sum over slots). */
  walHistory: readonly UsageSample[];
}

/** A primary that cannot be reached calls for the failover; lag has no wizard; every other replication trouble is fixed on the standby. */
const wizardFor = (kind: AlarmKind) => (kind === 'replication.primaryUnreachable' ? ('primary-down' as const) : kind === 'replication.lag' ? null : ('standby-down' as const));

/** Raised at once; critical once it lasted the escalation time, as the AP mails after 5 minutes. */
function escalating(key: string, ctx: EvaluationContext): AlarmSeverity {
  const since = ctx.previous.get(key)?.since;
  return since !== undefined && ctx.now - since >= ctx.thresholds.replicationEscalateAfterSeconds * 1000 ? 'critical' : 'warning';
}

function finding(kind: AlarmKind, subject: string | null, severity: AlarmSeverity, cause: string): AlarmFinding {
  return { key: subject === null ? kind : `${kind}:${subject}`, kind, severity, cause, wizard: wizardFor(kind) };
}

function lagFinding(subject: string, seconds: number | null, bytes: number | null, ctx: EvaluationContext, who: string): AlarmFinding | null {
  const t = ctx.thresholds;
  const critical = (seconds ?? 0) >= t.replicationLagCriticalSeconds || (bytes ?? 0) >= t.replicationLagCriticalBytes;
  const warning = (seconds ?? 0) >= t.replicationLagWarningSeconds || (bytes ?? 0) >= t.replicationLagWarningBytes;
  if (!warning) return null;
  const figures = [seconds !== null ? `${Math.round(seconds)} s` : null, bytes !== null ? byteText(bytes) : null].filter(Boolean).join(', ');
  return finding('replication.lag', subject, critical ? 'critical' : 'warning', `${who} lags behind by ${figures} (alarm from ${t.replicationLagWarningSeconds} s or ${byteText(t.replicationLagWarningBytes)}).`);
}

function primaryFindings(state: PrimaryState, input: ReplicationInput, ctx: EvaluationContext): AlarmFinding[] {
  const out: Array<AlarmFinding | null> = [];
  const slots = state.slots.filter((s) => s.slotType === 'physical' && !s.temporary);
  for (const slot of slots) {
    const standby = state.standbys.find((s) => s.slotName === slot.slotName || (slot.activePid !== null && s.pid === slot.activePid));
    if (!slot.active || !standby) {
      const key = `replication.slotInactive:${slot.slotName}`;
      const kept = slot.retainedWalBytes !== null ? `, keeping ${byteText(slot.retainedWalBytes)} of WAL on this primary` : '';
      out.push(finding('replication.slotInactive', slot.slotName, escalating(key, ctx), `Standby ${slot.slotName} is not connected: its replication slot is inactive${kept}. Fix the standby soon, or remove it from the replication, before the WAL fills the disk.`));
    }
    if (slot.walStatus === 'lost' || slot.walStatus === 'unreserved') {
      out.push(finding('replication.walRetained', slot.slotName, 'critical', `The WAL standby ${slot.slotName} needs is ${slot.walStatus === 'lost' ? 'gone' : 'about to be removed'}: that standby needs a new full sync.`));
    }
  }
  for (const standby of state.standbys) {
    const name = standby.slotName ?? standby.applicationName;
    if (standby.state !== null && standby.state !== 'streaming') {
      const key = `replication.notStreaming:${name}`;
      out.push(finding('replication.notStreaming', name, escalating(key, ctx), `Standby ${name} is connected but ${standby.state}, not streaming.`));
    }
    out.push(lagFinding(name, standby.replayLagSeconds, standby.replayLagBytes, ctx, `Standby ${name}`));
  }
  if (input.expectedStandbys !== null && state.standbys.length < input.expectedStandbys) {
    const missing = input.expectedStandbys - state.standbys.length;
    const key = 'replication.standbyMissing';
    out.push(finding('replication.standbyMissing', null, escalating(key, ctx), `${missing} of the ${input.expectedStandbys} standbys of this primary ${missing === 1 ? 'is' : 'are'} not connected.`));
  }
  out.push(walGrowthFinding(slots.some((s) => !s.active), input, ctx));
  return out.filter((f): f is AlarmFinding => f !== null);
}

/** WAL kept for a broken standby grows until the primary's disk is full (the wiki's warning in P14). */
function walGrowthFinding(anyInactive: boolean, input: ReplicationInput, ctx: EvaluationContext): AlarmFinding | null {
  if (!anyInactive || input.availBytes === null) return null;
  const rate = fillRate(input.walHistory, ctx.now, ctx.thresholds.fillRateWindowHours);
  const hours = hoursToFull(input.availBytes, rate);
  if (hours === null || !rate) return null;
  const severity: AlarmSeverity = hours < ctx.thresholds.timeToFullWarningHours ? 'critical' : 'warning';
  return finding('replication.walRetained', null, severity, `WAL kept for a disconnected standby grows by ${byteText(rate.bytesPerHour)}/h: at that rate this primary's disk is full in ${hoursText(hours)}.`);
}

function standbyFindings(state: StandbyState, ctx: EvaluationContext): AlarmFinding[] {
  const upstream = state.receiver?.upstreamHost ? ` ${state.receiver.upstreamHost}` : '';
  switch (state.condition) {
    case 'no_wal_receiver':
      return [finding('replication.primaryUnreachable', null, escalating('replication.primaryUnreachable', ctx), `This standby receives no WAL: its primary${upstream} is unreachable or refuses it. Check the primary and the network between them.`)];
    case 'receiver_not_streaming':
      return [finding('replication.notStreaming', null, escalating('replication.notStreaming', ctx), `This standby's link to its primary${upstream} is ${state.receiver?.status ?? 'not streaming'}.`)];
    case 'not_in_recovery':
      return [finding('replication.notStreaming', null, 'critical', 'This platform has a standby configuration (/home/root/standby.conf) but its database is not in recovery: it was promoted or its replication is broken.')];
    default: {
      const lag = lagFinding('standby', state.replayLagSeconds, state.replayLagBytes, ctx, 'This standby');
      return lag ? [lag] : [];
    }
  }
}

/** Replication alarms one platform shows on its own side. */
export function replicationAlarms(input: ReplicationInput, ctx: EvaluationContext): AlarmFinding[] {
  const { state } = input;
  if (state.role === 'primary') return primaryFindings(state, input, ctx);
  if (state.role === 'standby') return standbyFindings(state, ctx);
  return [];
}
