import { byteText, hoursText } from '../format/byteText';
import { fillRate, hoursToFull } from './fillRate';
import type { UsageSample } from './fillRate';
import type { AlarmFinding, AlarmSeverity, EvaluationContext } from './alarmTypes';

export interface DiskFacts {
  device: string;
  mount: string;
  sizeBytes: number;
  usedBytes: number;
  availBytes: number;
  /** As df shows it: used over used plus available, rounded up. */
  percent: number;
}

export interface DiskInput {
  disk: DiskFacts | null;
  /** null while unknown (not readable, not polled yet). */
  reserveFilePresent: boolean | null;
  /** The reserve file's size where it is there: what a recovery must be able to free and write again. */
  reserveFileBytes: number | null;
  /** Whether this platform should have the reserve file: it had one before, or its manager is new enough. */
  reserveExpected: boolean;
  logsBytes: number | null;
  coreDumpBytes: number | null;
  coreDumpCount: number | null;
  /** The platform's own threshold (AP Manager, Alarms and events); the console default when unknown. */
  thresholdPercent: number;
  history: readonly UsageSample[];
}

const RESERVE_PATH = '/mnt/sda2/empty_if_no_space';

/** The manager recreates its reserve file at the size it has (500 MB on an AP); without one, the AP's 500 MB. */
const minimumFreeBytes = (input: DiskInput, ctx: EvaluationContext) => (input.reserveFileBytes !== null && input.reserveFileBytes > 0 ? input.reserveFileBytes : ctx.thresholds.diskMinimumFreeBytes);

function usageSeverity(disk: DiskFacts, input: DiskInput, ctx: EvaluationContext): AlarmSeverity | null {
  const { diskWarningMarginPercent: margin, diskWarningFloorBytes: floor, diskHysteresisPercent: hysteresis } = ctx.thresholds;
  const minimumFree = minimumFreeBytes(input, ctx);
  const before = ctx.previous.get('disk.usage')?.severity;
  // A raised level holds until usage falls `hysteresis` points below its line.
  const criticalLine = input.thresholdPercent - (before === 'critical' ? hysteresis : 0);
  if (disk.percent >= criticalLine) return 'critical';
  const warningLine = input.thresholdPercent - margin - (before ? hysteresis : 0);
  if ((disk.percent >= warningLine && disk.availBytes < floor) || disk.availBytes < minimumFree) return 'warning';
  return null;
}

function usageFinding(disk: DiskFacts, input: DiskInput, ctx: EvaluationContext): AlarmFinding | null {
  const severity = usageSeverity(disk, input, ctx);
  if (!severity) return null;
  const figures = `${disk.device} is ${disk.percent}% full (${byteText(disk.usedBytes)} of ${byteText(disk.sizeBytes)}, ${byteText(disk.availBytes)} free)`;
  const threshold = input.thresholdPercent;
  const minimumFree = minimumFreeBytes(input, ctx);
  let cause = `${figures}: at ${threshold}% the AP stops all apps.`;
  if (disk.percent >= threshold) cause = `${figures}: at the ${threshold}% threshold the AP stops all apps, and they do not start again by themselves.`;
  else if (disk.availBytes < minimumFree && disk.percent < threshold - ctx.thresholds.diskWarningMarginPercent) {
    cause = `${figures}: less than the ${byteText(minimumFree)} a recovery needs to recreate the reserve file.`;
  }
  return { key: 'disk.usage', kind: 'disk.usage', severity, cause, wizard: disk.percent >= 99 ? 'disk-full' : 'disk-warning' };
}

function timeToFullFinding(disk: DiskFacts, input: DiskInput, ctx: EvaluationContext): AlarmFinding | null {
  const t = ctx.thresholds;
  if (disk.percent < t.timeToFullFromPercent) return null;
  const rate = fillRate(input.history, ctx.now, t.fillRateWindowHours);
  const hours = hoursToFull(disk.availBytes, rate);
  if (hours === null || !rate) return null;
  const before = ctx.previous.get('disk.timeToFull')?.severity;
  const criticalHours = t.timeToFullCriticalHours * (before === 'critical' ? 1.2 : 1);
  const warningHours = t.timeToFullWarningHours * (before ? 1.2 : 1);
  const severity: AlarmSeverity | null = hours < criticalHours ? 'critical' : hours < warningHours ? 'warning' : null;
  if (!severity) return null;
  const untilThreshold = Math.max(0, (disk.sizeBytes * input.thresholdPercent) / 100 - disk.usedBytes) / rate.bytesPerHour;
  return {
    key: 'disk.timeToFull',
    kind: 'disk.timeToFull',
    severity,
    cause: `${disk.device} fills at ${byteText(rate.bytesPerHour)}/h: the ${input.thresholdPercent}% threshold is reached in ${hoursText(untilThreshold)}, the disk is full in ${hoursText(hours)}.`,
    wizard: 'disk-warning',
  };
}

function shareFinding(kind: 'disk.logs' | 'disk.coreDumps', bytes: number | null, disk: DiskFacts, sharePercent: number, what: string): AlarmFinding | null {
  if (bytes === null || disk.sizeBytes <= 0) return null;
  const share = (bytes * 100) / disk.sizeBytes;
  if (share < sharePercent) return null;
  return {
    key: kind,
    kind,
    severity: 'warning',
    cause: `${what} take ${byteText(bytes)}, ${Math.round(share)}% of ${disk.device} (alarm from ${sharePercent}%).`,
    wizard: kind === 'disk.coreDumps' ? 'clear-core-dumps' : 'disk-warning',
  };
}

/** Disk alarms of one platform, with the AP's own threshold semantics first. */
export function diskAlarms(input: DiskInput, ctx: EvaluationContext): AlarmFinding[] {
  const findings: Array<AlarmFinding | null> = [];
  const disk = input.disk;
  if (disk) {
    findings.push(usageFinding(disk, input, ctx), timeToFullFinding(disk, input, ctx));
    findings.push(shareFinding('disk.logs', input.logsBytes, disk, ctx.thresholds.logsSharePercent, 'Log files'));
    const dumps = input.coreDumpCount === null ? 'Core dumps' : `${input.coreDumpCount} core dump${input.coreDumpCount === 1 ? '' : 's'}`;
    findings.push(shareFinding('disk.coreDumps', input.coreDumpBytes, disk, ctx.thresholds.coreDumpsSharePercent, dumps));
  }
  if (input.reserveExpected && input.reserveFilePresent === false) {
    findings.push({
      key: 'disk.reserveMissing',
      kind: 'disk.reserveMissing',
      severity: 'warning',
      cause: `The reserve file ${RESERVE_PATH} is missing, so a full disk has nothing left to free for the recovery. Free at least 500 MB, then restart the manager to create it again.`,
      wizard: 'disk-full',
    });
  }
  return findings.filter((f): f is AlarmFinding => f !== null);
}
