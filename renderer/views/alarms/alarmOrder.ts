import type { Alarm } from '../../../electron/core/contract';

const SEVERITY_RANK: Record<Alarm['severity'], number> = { critical: 0, warning: 1 };

/** Worst first, then newest first; the id keeps the order stable between renders. */
export function compareAlarms(a: Alarm, b: Alarm): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || a.id.localeCompare(b.id);
}

/** Cleared alarms, the most recently cleared first. */
export function compareCleared(a: Alarm, b: Alarm): number {
  return Date.parse(b.clearedAt ?? b.changedAt) - Date.parse(a.clearedAt ?? a.changedAt) || a.id.localeCompare(b.id);
}

export function severityRank(severity: Alarm['severity']): number {
  return SEVERITY_RANK[severity];
}
