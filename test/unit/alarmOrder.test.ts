import { describe, expect, it } from 'vitest';
import { compareAlarms, compareCleared } from '../../renderer/views/alarms/alarmOrder';
import { testAlarm as alarm } from './support/fleetFixtures';

describe('alarm order', () => {
  it('puts critical alarms before warnings, then the newest first', () => {
    const list = [
      alarm('old-warning', { raisedAt: '2025-12-01T08:00:00.000Z' }),
      alarm('new-warning', { raisedAt: '2025-12-01T12:00:00.000Z' }),
      alarm('old-critical', { severity: 'critical', raisedAt: '2025-11-30T08:00:00.000Z' }),
      alarm('new-critical', { severity: 'critical', raisedAt: '2025-12-01T09:00:00.000Z' }),
    ];
    expect([...list].sort(compareAlarms).map((a) => a.id)).toEqual(['new-critical', 'old-critical', 'new-warning', 'old-warning']);
  });

  it('keeps alarms raised at the same moment in a stable order', () => {
    const list = [alarm('b'), alarm('a'), alarm('c')];
    expect([...list].sort(compareAlarms).map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });

  it('compares times, not their spelling across offsets', () => {
    const utc = alarm('utc', { raisedAt: '2025-12-01T10:30:00.000Z' });
    const berlin = alarm('berlin', { raisedAt: '2025-12-01T11:00:00.000+01:00' });
    expect([utc, berlin].sort(compareAlarms).map((a) => a.id)).toEqual(['utc', 'berlin']);
  });

  it('lists cleared alarms by when they cleared, newest first', () => {
    const list = [
      alarm('early', { clearedAt: '2025-12-01T11:00:00.000Z' }),
      alarm('late', { clearedAt: '2025-12-01T13:00:00.000Z' }),
      alarm('no-time', { changedAt: '2025-12-01T12:00:00.000Z' }),
    ];
    expect([...list].sort(compareCleared).map((a) => a.id)).toEqual(['late', 'no-time', 'early']);
  });
});
