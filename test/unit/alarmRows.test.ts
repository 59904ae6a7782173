import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../electron/core/contract';
import { NO_ALARM_FILTER, activeRows, alarmRows, historyRows, isFiltering, kindsOf } from '../../renderer/views/alarms/alarmRows';
import { testAlarm, testPlatform, testSite as site } from './support/fleetFixtures';

const platform = (id: string, siteId: string) => testPlatform(id, { siteId, name: `AP ${id}` });
const alarm = (id: string, platformId: string, fields: Partial<Alarm> = {}) => testAlarm(id, { platformId, ...fields });

const sites = new Map([
  ['s1', site('s1', 'Muster GmbH')],
  ['s2', site('s2', 'Beispiel AG')],
]);
const platforms = [platform('a', 's1'), platform('b', 's2')];

describe('alarm rows', () => {
  it('names the platform and site, and keeps alarms of platforms no longer in the fleet', () => {
    const rows = alarmRows([alarm('1', 'a'), alarm('2', 'gone')], platforms, sites);
    expect(rows.map((r) => [r.platformName, r.siteName, r.siteId])).toEqual([
      ['AP a', 'Muster GmbH', 's1'],
      ['gone', 'Not in the fleet', null],
    ]);
  });

  it('filters by site, kind and acknowledgement, worst first', () => {
    const rows = alarmRows(
      [
        alarm('w', 'a'),
        alarm('c', 'a', { severity: 'critical', kind: 'replication.lag' }),
        alarm('ack', 'a', { acknowledged: { at: '2025-12-01T11:00:00.000Z', note: 'on it' } }),
        alarm('other', 'b'),
      ],
      platforms,
      sites,
    );
    expect(activeRows(rows, NO_ALARM_FILTER).map((r) => r.id)).toEqual(['c', 'ack', 'other', 'w']);
    expect(activeRows(rows, { ...NO_ALARM_FILTER, siteId: 's1', showAcknowledged: false }).map((r) => r.id)).toEqual(['c', 'w']);
    expect(activeRows(rows, { ...NO_ALARM_FILTER, kind: 'replication.lag' }).map((r) => r.id)).toEqual(['c']);
    expect(isFiltering(NO_ALARM_FILTER)).toBe(false);
    expect(isFiltering({ ...NO_ALARM_FILTER, showAcknowledged: false })).toBe(true);
  });

  it('shows acknowledged cleared alarms in the history whatever the switch says', () => {
    const rows = alarmRows([alarm('h', 'a', { clearedAt: '2025-12-01T12:00:00.000Z', acknowledged: { at: '2025-12-01T11:00:00.000Z', note: '' } })], platforms, sites);
    expect(historyRows(rows, { ...NO_ALARM_FILTER, showAcknowledged: false })).toHaveLength(1);
  });

  it('offers each kind present once, sorted', () => {
    expect(kindsOf([alarm('1', 'a', { kind: 'z' }), alarm('2', 'a', { kind: 'b' }), alarm('3', 'a', { kind: 'z' })])).toEqual(['b', 'z']);
  });
});
