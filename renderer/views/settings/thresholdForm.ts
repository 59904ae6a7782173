import { MIN_POLL_INTERVAL_SECONDS, Settings } from '../../../electron/core/contract';
import type { AlarmThresholdSettings } from '../../../electron/core/contract';

export type ThresholdKey = keyof AlarmThresholdSettings;

export interface ThresholdField {
  key: ThresholdKey;
  label: string;
  unit: string;
  /** The engine's default (electron/core/monitor/alarmThresholds.ts; a unit test keeps them equal). */
  defaultValue: number;
  min: number;
  /** A positive limit: the minimum itself is not allowed. */
  minExclusive: boolean;
  max: number;
  help: string;
}

const field = (key: ThresholdKey, label: string, unit: string, defaultValue: number, min: number, minExclusive: boolean, max: number, help: string): ThresholdField => ({
  key,
  label,
  unit,
  defaultValue,
  min,
  minExclusive,
  max,
  help,
});

export const THRESHOLD_GROUPS: ReadonlyArray<{ title: string; fields: readonly ThresholdField[] }> = [
  {
    title: 'Disk',
    fields: [
      field('diskWarningMarginPercent', 'Warning margin', 'points', 10, 0, false, 50, "A disk warning comes this many percentage points before the platform's own disk threshold."),
      field('timeToFullWarningHours', 'Full soon: warning', 'hours', 24, 0, true, 8760, 'Warn when the disk fills up within this many hours at the current rate.'),
      field('timeToFullCriticalHours', 'Full soon: critical', 'hours', 4, 0, true, 8760, 'Critical when the disk fills up within this many hours.'),
      field('logsSharePercent', 'Logs share', '%', 25, 1, false, 100, 'Warn when the logs take more of the data partition than this.'),
      field('coreDumpsSharePercent', 'Core dumps share', '%', 10, 1, false, 100, 'Warn when core dumps take more of the data partition than this.'),
    ],
  },
  {
    title: 'Replication',
    fields: [
      field('replicationLagWarningSeconds', 'Lag: warning', 'seconds', 5, 0, true, 86_400, 'Warn when a standby replays this far behind its primary.'),
      field('replicationLagCriticalSeconds', 'Lag: critical', 'seconds', 300, 0, true, 86_400, 'Critical when a standby is this far behind.'),
    ],
  },
  {
    title: 'Webserver certificate',
    fields: [
      field('certificateWarningDays', 'Expiry: warning', 'days', 30, 0, true, 3650, 'Warn when the certificate expires within this many days.'),
      field('certificateCriticalDays', 'Expiry: critical', 'days', 7, 0, true, 3650, 'Critical when it expires within this many days.'),
    ],
  },
];

export const THRESHOLD_FIELDS: readonly ThresholdField[] = THRESHOLD_GROUPS.flatMap((group) => group.fields);

export const DEFAULT_POLL_INTERVAL_SECONDS = Settings.parse({ theme: 'system' }).pollIntervalSeconds;

/** What the user typed: a blank threshold means the engine default. */
export interface PollingForm {
  pollIntervalSeconds: string;
  thresholds: Record<ThresholdKey, string>;
}

export type PollingErrors = Partial<Record<ThresholdKey | 'pollIntervalSeconds', string>>;

export function formOf(settings: Pick<Settings, 'pollIntervalSeconds' | 'alarmThresholds'>): PollingForm {
  const thresholds = Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f.key, settings.alarmThresholds[f.key]?.toString() ?? ''])) as Record<ThresholdKey, string>;
  return { pollIntervalSeconds: String(settings.pollIntervalSeconds), thresholds };
}

export function defaultForm(): PollingForm {
  return formOf({ pollIntervalSeconds: DEFAULT_POLL_INTERVAL_SECONDS, alarmThresholds: {} });
}

function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

function fieldProblem(f: ThresholdField, value: number): string | null {
  const low = f.minExclusive ? value <= f.min : value < f.min;
  if (low || value > f.max) return f.minExclusive ? `Enter more than ${f.min} and at most ${f.max} ${f.unit}.` : `Enter ${f.min} to ${f.max} ${f.unit}.`;
  return null;
}

/** Limits that only make sense in one order: a critical level must be worse than its warning. */
const ORDERED: ReadonlyArray<{ warning: ThresholdKey; critical: ThresholdKey; criticalIsLower: boolean; message: string }> = [
  { warning: 'timeToFullWarningHours', critical: 'timeToFullCriticalHours', criticalIsLower: true, message: 'The critical time to full must not be longer than the warning one.' },
  { warning: 'replicationLagWarningSeconds', critical: 'replicationLagCriticalSeconds', criticalIsLower: false, message: 'The critical lag must not be shorter than the warning lag.' },
  { warning: 'certificateWarningDays', critical: 'certificateCriticalDays', criticalIsLower: true, message: 'The critical expiry must not be further away than the warning one.' },
];

/** Checks the form; with no errors it also gives the change for settings.update. */
export function readPollingForm(form: PollingForm): { errors: PollingErrors; change: Pick<Settings, 'pollIntervalSeconds' | 'alarmThresholds'> | null } {
  const errors: PollingErrors = {};
  const poll = parseNumber(form.pollIntervalSeconds);
  if (poll === null || !Number.isInteger(poll)) errors.pollIntervalSeconds = 'Enter whole seconds.';
  else if (poll < MIN_POLL_INTERVAL_SECONDS) errors.pollIntervalSeconds = `Poll at most every ${MIN_POLL_INTERVAL_SECONDS} seconds: enter ${MIN_POLL_INTERVAL_SECONDS} or more.`;
  else if (poll > 86_400) errors.pollIntervalSeconds = 'Poll at least once a day: enter at most 86400 seconds.';

  const thresholds: AlarmThresholdSettings = {};
  for (const f of THRESHOLD_FIELDS) {
    const text = form.thresholds[f.key].trim();
    if (text === '') continue;
    const value = parseNumber(text);
    const problem = value === null ? 'Enter a number, or leave it empty for the default.' : fieldProblem(f, value);
    if (problem) errors[f.key] = problem;
    else if (value !== null) thresholds[f.key] = value;
  }
  const effective = (key: ThresholdKey) => thresholds[key] ?? THRESHOLD_FIELDS.find((f) => f.key === key)?.defaultValue ?? 0;
  for (const { warning, critical, criticalIsLower, message } of ORDERED) {
    if (errors[warning] || errors[critical]) continue;
    const wrong = criticalIsLower ? effective(critical) > effective(warning) : effective(critical) < effective(warning);
    if (wrong) errors[critical] = message;
  }
  if (Object.keys(errors).length > 0 || poll === null) return { errors, change: null };
  return { errors, change: { pollIntervalSeconds: poll, alarmThresholds: thresholds } };
}
