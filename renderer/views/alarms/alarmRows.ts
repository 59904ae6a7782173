import type { Alarm, Platform, Site } from '../../../electron/core/contract';
import { compareAlarms, compareCleared } from './alarmOrder';

/** An alarm with the names the table shows. */
export interface AlarmRow {
  id: string;
  alarm: Alarm;
  platformName: string;
  siteId: string | null;
  siteName: string;
}

export interface AlarmFilter {
  /** null: every site. */
  siteId: string | null;
  /** null: every kind. */
  kind: string | null;
  showAcknowledged: boolean;
}

export const NO_ALARM_FILTER: AlarmFilter = { siteId: null, kind: null, showAcknowledged: true };

export function isFiltering(filter: AlarmFilter): boolean {
  return filter.siteId !== null || filter.kind !== null || !filter.showAcknowledged;
}

/** Joins alarms with the inventory; an alarm of a platform no longer in the inventory keeps its id as name. */
export function alarmRows(alarms: readonly Alarm[], platforms: readonly Platform[], sites: ReadonlyMap<string, Site>): AlarmRow[] {
  const byId = new Map(platforms.map((p) => [p.id, p]));
  return alarms.map((alarm) => {
    const platform = byId.get(alarm.platformId);
    const site = platform ? sites.get(platform.siteId) : undefined;
    return {
      id: alarm.id,
      alarm,
      platformName: platform?.name ?? alarm.platformId,
      siteId: platform?.siteId ?? null,
      siteName: site?.name ?? (platform ? platform.siteId : 'Not in the fleet'),
    };
  });
}

function matches(row: AlarmRow, filter: AlarmFilter): boolean {
  if (filter.siteId !== null && row.siteId !== filter.siteId) return false;
  if (filter.kind !== null && row.alarm.kind !== filter.kind) return false;
  return filter.showAcknowledged || row.alarm.acknowledged === null;
}

/** The active alarms the filter lets through, worst first then newest. */
export function activeRows(rows: readonly AlarmRow[], filter: AlarmFilter): AlarmRow[] {
  return rows.filter((row) => matches(row, filter)).sort((a, b) => compareAlarms(a.alarm, b.alarm));
}

/** Cleared alarms by site and kind (acknowledgement does not matter once cleared), most recently cleared first. */
export function historyRows(rows: readonly AlarmRow[], filter: AlarmFilter): AlarmRow[] {
  return rows.filter((row) => matches(row, { ...filter, showAcknowledged: true })).sort((a, b) => compareCleared(a.alarm, b.alarm));
}

/** The kinds present, for the kind filter, in a stable order. */
export function kindsOf(alarms: readonly Alarm[]): string[] {
  return [...new Set(alarms.map((a) => a.kind))].sort();
}
