import { z } from 'zod';

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
