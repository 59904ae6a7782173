import { describe, expect, it } from 'vitest';
import { AlarmThresholdSettings } from '../../electron/core/contract';
import { defaultThresholds } from '../../electron/core/monitor/alarmThresholds';
import { DEFAULT_POLL_INTERVAL_SECONDS, THRESHOLD_FIELDS, defaultForm, formOf, readPollingForm } from '../../renderer/views/settings/thresholdForm';

describe('polling and alarm limits form', () => {
  it('shows the engine defaults and covers every setting the contract has', () => {
    const engine = defaultThresholds();
    for (const field of THRESHOLD_FIELDS) expect([field.key, field.defaultValue]).toEqual([field.key, engine[field.key]]);
    expect(THRESHOLD_FIELDS.map((f) => f.key).sort()).toEqual(Object.keys(AlarmThresholdSettings.shape).sort());
    expect(DEFAULT_POLL_INTERVAL_SECONDS).toBe(60);
  });

  it('keeps each field within what the contract accepts', () => {
    for (const field of THRESHOLD_FIELDS) {
      expect(AlarmThresholdSettings.safeParse({ [field.key]: field.max }).success).toBe(true);
      expect(AlarmThresholdSettings.safeParse({ [field.key]: field.max + 1 }).success).toBe(false);
      expect(AlarmThresholdSettings.safeParse({ [field.key]: field.min }).success).toBe(!field.minExclusive);
    }
  });

  it('round-trips the saved settings, blanks meaning the default', () => {
    const form = formOf({ pollIntervalSeconds: 120, alarmThresholds: { logsSharePercent: 30 } });
    expect(form.pollIntervalSeconds).toBe('120');
    expect(form.thresholds.logsSharePercent).toBe('30');
    expect(form.thresholds.certificateWarningDays).toBe('');
    expect(readPollingForm(form)).toEqual({ errors: {}, change: { pollIntervalSeconds: 120, alarmThresholds: { logsSharePercent: 30 } } });
    expect(readPollingForm(defaultForm()).change).toEqual({ pollIntervalSeconds: 60, alarmThresholds: {} });
  });

  it('explains values out of range or not numbers', () => {
    const form = defaultForm();
    const { errors, change } = readPollingForm({
      pollIntervalSeconds: '10',
      thresholds: { ...form.thresholds, logsSharePercent: '0', diskWarningMarginPercent: 'ten', timeToFullWarningHours: '1,5' },
    });
    expect(change).toBeNull();
    expect(errors.pollIntervalSeconds).toMatch(/15 or more/);
    expect(errors.logsSharePercent).toMatch(/1 to 100/);
    expect(errors.diskWarningMarginPercent).toMatch(/Enter a number/);
    // 1.5 h warning with the default 4 h critical is the wrong way round.
    expect(errors.timeToFullWarningHours).toBeUndefined();
    expect(errors.timeToFullCriticalHours).toMatch(/must not be longer/);
    expect(readPollingForm({ ...form, pollIntervalSeconds: '30.5' }).errors.pollIntervalSeconds).toMatch(/whole seconds/);
  });

  it('rejects a critical level milder than its warning', () => {
    const form = defaultForm();
    const { errors } = readPollingForm({ ...form, thresholds: { ...form.thresholds, replicationLagWarningSeconds: '600', certificateCriticalDays: '40' } });
    expect(errors.replicationLagCriticalSeconds).toMatch(/must not be shorter/);
    expect(errors.certificateCriticalDays).toMatch(/must not be further away/);
  });
});
