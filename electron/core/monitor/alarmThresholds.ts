import { z } from 'zod';
import type { AlarmThresholdSettings } from '../contract';

const Percent = z.number().min(1).max(100);
const Positive = z.number().positive();

/** Alarm limits; per platform the disk threshold comes from the inventory (the AP Manager's own setting). */
export const AlarmThresholds = z.strictObject({
  /** Where the AP stops all apps (AP Manager, Alarms and events, Threshold). */
  diskThresholdPercent: Percent.default(90),
  /** The AP raises its alarm this many points before the threshold. */
  diskWarningMarginPercent: z.number().min(0).max(50).default(10),
  /** Below the threshold, no early warning while at least this much is free: large disks have room for days. */
  diskWarningFloorBytes: z.number().nonnegative().default(8 * 1024 ** 3),
  /** Less free than this warns whatever the percentage, where the reserve file's own size is unknown: the manager needs 500 MB to recreate it (admin-facts P1). */
  diskMinimumFreeBytes: z.number().nonnegative().default(500 * 1024 ** 2),
  /** Points a level must fall below its line before it clears, so an alarm does not flap. */
  diskHysteresisPercent: z.number().min(0).max(10).default(2),
  /** Time to full is alarmed only when the disk is at least this full. */
  timeToFullFromPercent: Percent.default(60),
  timeToFullWarningHours: Positive.default(24),
  timeToFullCriticalHours: Positive.default(4),
  /** History used for the fill rate. */
  fillRateWindowHours: Positive.default(6),
  /** Logs or core dumps taking more than this share of the data partition. */
  logsSharePercent: Percent.default(25),
  coreDumpsSharePercent: Percent.default(10),
  replicationLagWarningSeconds: Positive.default(5),
  replicationLagCriticalSeconds: Positive.default(300),
  replicationLagWarningBytes: Positive.default(16 * 1024 ** 2),
  replicationLagCriticalBytes: Positive.default(100 * 1024 ** 2),
  /** A standby that is missing or not streaming escalates after this long, as the AP mails after 5 minutes. */
  replicationEscalateAfterSeconds: Positive.default(300),
  certificateWarningDays: Positive.default(30),
  certificateCriticalDays: Positive.default(7),
});
export type AlarmThresholds = z.output<typeof AlarmThresholds>;

export const defaultThresholds = (): AlarmThresholds => AlarmThresholds.parse({});

/** The engine's limits with the user's own (Settings.alarmThresholds) laid over them; what the user left out keeps its default. */
export function thresholdsWith(base: AlarmThresholds, overrides: AlarmThresholdSettings): AlarmThresholds {
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return AlarmThresholds.parse({ ...base, ...given });
}

/** Pairs of limits where the critical one must not be milder than the warning one. */
const PAIRS = [
  { warning: 'timeToFullWarningHours', critical: 'timeToFullCriticalHours', criticalIsLower: true, what: 'time to full', unit: 'h' },
  { warning: 'replicationLagWarningSeconds', critical: 'replicationLagCriticalSeconds', criticalIsLower: false, what: 'replication lag', unit: 's' },
  { warning: 'certificateWarningDays', critical: 'certificateCriticalDays', criticalIsLower: true, what: 'certificate lifetime', unit: 'days' },
] as const;

/**
 * Why a set of limits makes no sense, naming the user's field to fix (the critical one unless only the
 * warning one was changed); null when they fit together.
 */
export function thresholdConflict(thresholds: AlarmThresholds, overrides: AlarmThresholdSettings): { field: keyof AlarmThresholdSettings; message: string } | null {
  for (const pair of PAIRS) {
    const warning = thresholds[pair.warning];
    const critical = thresholds[pair.critical];
    const wrong = pair.criticalIsLower ? critical > warning : critical < warning;
    if (!wrong) continue;
    const field = overrides[pair.critical] === undefined && overrides[pair.warning] !== undefined ? pair.warning : pair.critical;
    const relation = pair.criticalIsLower ? 'more' : 'less';
    const fix = pair.criticalIsLower ? 'lower the critical limit or raise the warning one' : 'raise the critical limit or lower the warning one';
    return {
      field,
      message: `The critical ${pair.what} limit (${critical} ${pair.unit}) is ${relation} than the warning limit (${warning} ${pair.unit}), so the warning could never come first: ${fix}.`,
    };
  }
  return null;
}
