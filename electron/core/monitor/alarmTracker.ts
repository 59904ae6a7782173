import type { AlarmFinding, AlarmKind, AlarmSeverity, WizardId } from './alarmTypes';

export interface TrackedAlarm {
  /** `<platformId>/<key>/<raisedAt>`: one trouble from when it was raised until it cleared. */
  id: string;
  platformId: string;
  key: string;
  kind: AlarmKind;
  severity: AlarmSeverity;
  cause: string;
  wizard: WizardId | null;
  raisedAt: number;
  /** When severity or cause last changed. */
  changedAt: number;
  clearedAt: number | null;
  /** A user's acknowledgement (ms, note); it stays with the alarm through changes and into the history. */
  acknowledged: { at: number; note: string } | null;
}

export type AcknowledgeOutcome = { alarm: TrackedAlarm } | { problem: 'cleared' | 'unknown' };

export interface AlarmChange {
  type: 'raised' | 'changed' | 'cleared';
  alarm: TrackedAlarm;
}

/** Which groups of alarms one evaluation looked at; the others keep their state (an unreachable platform says nothing new about its disk). */
export type AlarmArea = 'access' | 'disk' | 'service' | 'replication' | 'replicationGroup' | 'certificate' | 'build';

/** Alarms judged across a replication group rather than on one platform. */
const GROUP_KINDS: ReadonlySet<AlarmKind> = new Set(['replication.splitBrain', 'replication.roleMismatch']);

const areaOf = (kind: AlarmKind): AlarmArea => (GROUP_KINDS.has(kind) ? 'replicationGroup' : (kind.split('.')[0] as AlarmArea));

/**
 * Active alarms of the whole fleet and the history of cleared ones. Each evaluation of a platform hands in
 * what it found; the tracker raises what is new, updates what changed and clears what is gone.
 */
export class AlarmTracker {
  private readonly activeByPlatform = new Map<string, Map<string, TrackedAlarm>>();
  private readonly cleared: TrackedAlarm[] = [];

  constructor(private readonly historyLimit = 5_000) {}

  /** Severity and start of each active alarm of a platform, for hysteresis and escalation. */
  previous(platformId: string): Map<string, { severity: AlarmSeverity; since: number }> {
    const active = this.activeByPlatform.get(platformId);
    return new Map([...(active?.values() ?? [])].map((a) => [a.key, { severity: a.severity, since: a.raisedAt }]));
  }

  apply(platformId: string, findings: readonly AlarmFinding[], evaluated: ReadonlySet<AlarmArea>, now: number): AlarmChange[] {
    const active = this.activeByPlatform.get(platformId) ?? new Map<string, TrackedAlarm>();
    this.activeByPlatform.set(platformId, active);
    const changes: AlarmChange[] = [];
    const found = new Map(findings.map((f) => [f.key, f]));
    for (const [key, alarm] of active) {
      if (found.has(key) || !evaluated.has(areaOf(alarm.kind))) continue;
      active.delete(key);
      changes.push({ type: 'cleared', alarm: this.remember({ ...alarm, clearedAt: now }) });
    }
    for (const finding of found.values()) {
      const before = active.get(finding.key);
      if (!before) {
        const alarm: TrackedAlarm = { id: `${platformId}/${finding.key}/${now}`, platformId, ...finding, raisedAt: now, changedAt: now, clearedAt: null, acknowledged: null };
        active.set(finding.key, alarm);
        changes.push({ type: 'raised', alarm });
      } else if (before.severity !== finding.severity || before.cause !== finding.cause || before.wizard !== finding.wizard) {
        const alarm = { ...before, severity: finding.severity, cause: finding.cause, wizard: finding.wizard, changedAt: now };
        active.set(finding.key, alarm);
        changes.push({ type: 'changed', alarm });
      }
    }
    return changes;
  }

  /** Marks an active alarm as seen by a user, with their note; a new acknowledgement replaces an earlier one. */
  acknowledge(alarmId: string, note: string, now: number): AcknowledgeOutcome {
    for (const active of this.activeByPlatform.values()) {
      for (const [key, alarm] of active) {
        if (alarm.id !== alarmId) continue;
        const acknowledged: TrackedAlarm = { ...alarm, acknowledged: { at: now, note } };
        active.set(key, acknowledged);
        return { alarm: acknowledged };
      }
    }
    return { problem: this.cleared.some((alarm) => alarm.id === alarmId) ? 'cleared' : 'unknown' };
  }

  /** Clears everything of a platform that left the inventory. */
  forget(platformId: string, now: number): AlarmChange[] {
    const active = this.activeByPlatform.get(platformId);
    this.activeByPlatform.delete(platformId);
    return [...(active?.values() ?? [])].map((alarm) => ({ type: 'cleared' as const, alarm: this.remember({ ...alarm, clearedAt: now }) }));
  }

  active(): TrackedAlarm[] {
    return [...this.activeByPlatform.values()].flatMap((m) => [...m.values()]);
  }

  /** Cleared alarms, newest first. */
  history(): TrackedAlarm[] {
    return [...this.cleared].reverse();
  }

  /** Restores what was saved, e.g. at start, in any order: the history is kept in the order the alarms cleared. */
  restore(alarms: readonly TrackedAlarm[]): void {
    const cleared = alarms.filter((alarm) => alarm.clearedAt !== null).sort((a, b) => (a.clearedAt as number) - (b.clearedAt as number));
    for (const alarm of cleared) this.remember(alarm);
    for (const alarm of alarms) {
      if (alarm.clearedAt !== null) continue;
      const active = this.activeByPlatform.get(alarm.platformId) ?? new Map<string, TrackedAlarm>();
      active.set(alarm.key, alarm);
      this.activeByPlatform.set(alarm.platformId, active);
    }
  }

  private remember(alarm: TrackedAlarm): TrackedAlarm {
    this.cleared.push(alarm);
    if (this.cleared.length > this.historyLimit) this.cleared.splice(0, this.cleared.length - this.historyLimit);
    return alarm;
  }
}
