import { describe, expect, it } from 'vitest';
import { defaultThresholds, thresholdConflict, thresholdsWith } from '../../electron/core/monitor/alarmThresholds';

describe('alarm thresholds from settings', () => {
  it("lays the user's limits over the engine's and keeps the defaults of what was left out", () => {
    const base = { ...defaultThresholds(), diskThresholdPercent: 85 };
    const overlaid = thresholdsWith(base, { timeToFullWarningHours: 48, replicationLagCriticalSeconds: 600, certificateWarningDays: undefined });
    expect(overlaid).toEqual({ ...base, timeToFullWarningHours: 48, replicationLagCriticalSeconds: 600 });
    expect(thresholdsWith(base, {})).toEqual(base);
  });

  it('finds critical limits that are milder than their warning ones, naming the field to fix', () => {
    const check = (overrides: Parameters<typeof thresholdConflict>[1]) => thresholdConflict(thresholdsWith(defaultThresholds(), overrides), overrides);
    expect(check({})).toBeNull();
    expect(check({ timeToFullCriticalHours: 24 })).toBeNull();
    expect(check({ timeToFullCriticalHours: 30 })).toEqual({
      field: 'timeToFullCriticalHours',
      message: 'The critical time to full limit (30 h) is more than the warning limit (24 h), so the warning could never come first: lower the critical limit or raise the warning one.',
    });
    expect(check({ timeToFullWarningHours: 2 })?.field).toBe('timeToFullWarningHours');
    expect(check({ replicationLagWarningSeconds: 60, replicationLagCriticalSeconds: 30 })).toMatchObject({ field: 'replicationLagCriticalSeconds', message: expect.stringContaining('(30 s) is less than the warning limit (60 s)') });
    expect(check({ replicationLagWarningSeconds: 300 })).toBeNull();
    expect(check({ certificateCriticalDays: 40 })).toMatchObject({ field: 'certificateCriticalDays' });
  });
});
