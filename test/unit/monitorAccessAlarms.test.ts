import { describe, expect, it } from 'vitest';
import { accessAlarms, certificateAlarms, serviceAlarms } from '../../electron/core/monitor/accessAlarms';
import { defaultThresholds } from '../../electron/core/monitor/alarmThresholds';

const now = Date.UTC(2026, 11, 1, 12);
const ctx = { thresholds: defaultThresholds(), now, previous: new Map() };
const DAY = 86_400_000;

describe('access, service and certificate alarms', () => {
  it('turns each way of not getting in into its alarm with the next step', () => {
    expect(accessAlarms({ state: 'ok' })).toEqual([]);
    expect(accessAlarms({ state: 'auth_failed', message: 'Login as admin on ap1 (10.0.0.5:22) was refused.' })).toEqual([
      { key: 'access.authFailed', kind: 'access.authFailed', severity: 'critical', cause: 'Login as admin on ap1 (10.0.0.5:22) was refused. Update the credentials in Settings: Devices may have deployed a new password.', wizard: null },
    ]);
    expect(accessAlarms({ state: 'host_key_changed', message: 'x', hostKey: null })[0]?.kind).toBe('access.hostKeyChanged');
    expect(accessAlarms({ state: 'host_key_unknown', message: 'x', hostKey: null })[0]?.severity).toBe('warning');
    expect(accessAlarms({ state: 'timeout', message: 'x' })[0]?.kind).toBe('access.unreachable');
  });

  it('raises a stopped service, and nothing for one that is unknown', () => {
    const found = serviceAlarms({ manager: false, webserver: null, postgres: true, managerHttps: false });
    expect(found.map((f) => f.kind)).toEqual(['service.manager', 'service.managerHttps']);
    expect(serviceAlarms({ manager: null, webserver: null, postgres: null, managerHttps: null })).toEqual([]);
  });

  it('warns 30 days before the certificate expires and is critical from 7', () => {
    expect(certificateAlarms(now + 31 * DAY, ctx)).toEqual([]);
    expect(certificateAlarms(now + 20 * DAY, ctx)[0]).toMatchObject({ severity: 'warning', cause: expect.stringContaining('expires in 20 days (2026-12-21)') });
    expect(certificateAlarms(now + 2 * DAY, ctx)[0]?.severity).toBe('critical');
    expect(certificateAlarms(now - 1.5 * DAY, ctx)[0]?.cause).toMatch(/expired 2 days ago/);
    expect(certificateAlarms(null, ctx)).toEqual([]);
  });
});
