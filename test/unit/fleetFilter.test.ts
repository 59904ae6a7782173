import { describe, expect, it } from 'vitest';
import type { Alarm, Platform } from '../../electron/core/contract';
import { filterRows, isFiltering, parseFilter } from '../../renderer/views/fleet/fleetFilter';
import { platformRow } from '../../renderer/views/fleet/fleetRows';
import { fleetEntry, platformAlarm, testPlatform, testSite, testStandby, testStatus as status } from './support/fleetFixtures';

const site = (id: string, name: string, customer: string, tags: string[] = []) => testSite(id, name, { customer, tags });
const platform = (id: string, siteId: string, fields: Partial<Platform> = {}) => testPlatform(id, { siteId, ...fields });
const alarm = (platformId: string, kind: string, severity: Alarm['severity'], cause: string) => platformAlarm(platformId, kind, { severity, cause });

const sites = new Map([
  ['muster', site('muster', 'Muster GmbH Berlin', 'Muster', ['berlin'])],
  ['swm', site('swm', 'Stadtwerke München', 'SWM', ['kritis'])],
]);

const standbyState = testStandby();

const rows = [
  platformRow(fleetEntry(platform('ap-berlin-1', 'muster', { expectedRole: 'primary', tags: ['lab'] }), { status: status('ap-berlin-1', { build: 1390 }), receivedAt: 0 }), sites.get('muster'), [], 1),
  platformRow(
    fleetEntry(platform('ap-berlin-2', 'muster', { expectedRole: 'standby', expectedPrimaryId: 'ap-berlin-1' }), { status: status('ap-berlin-2', { replication: standbyState }), receivedAt: 0 }),
    sites.get('muster'),
    [alarm('ap-berlin-2', 'disk.usage', 'warning', 'The data partition is 91 % full (alarm at 90 %).')],
    0,
  ),
  platformRow(
    fleetEntry(platform('swm-ap1', 'swm', { expectedRole: 'standby' }), {
      status: status('swm-ap1', { build: null, replication: null, reach: { state: 'unreachable', message: 'No route to host.', hostKey: null } }),
      receivedAt: 0,
    }),
    sites.get('swm'),
    [alarm('swm-ap1', 'access.unreachable', 'critical', 'swm-ap1 cannot be reached over SSH.')],
    0,
  ),
  platformRow(fleetEntry(platform('swm-ap2', 'swm'), { status: status('swm-ap2', { build: 1421 }), receivedAt: 0 }), sites.get('swm'), [], 0),
];

const names = (query: string) => filterRows(rows, query).map((r) => r.name);

describe('parseFilter', () => {
  it('splits on white space, keeps quoted spaces, and knows fields, negation and build comparisons', () => {
    expect(parseFilter('  Muster   site:"Stadtwerke München" -tag:lab build:>=1400 ')).toEqual([
      { field: null, value: 'muster', negate: false, comparison: null },
      { field: 'site', value: 'stadtwerke münchen', negate: false, comparison: null },
      { field: 'tag', value: 'lab', negate: true, comparison: null },
      { field: 'build', value: '1400', negate: false, comparison: '>=' },
    ]);
  });

  it('takes an unknown field as plain text, understands aliases, and skips a field still without a value', () => {
    expect(parseFilter('fe80::1 status:down platform:ap1 site:')).toEqual([
      { field: null, value: 'fe80::1', negate: false, comparison: null },
      { field: 'state', value: 'down', negate: false, comparison: null },
      { field: 'name', value: 'ap1', negate: false, comparison: null },
    ]);
    expect(isFiltering('site: ')).toBe(false);
    expect(isFiltering('')).toBe(false);
    expect(isFiltering('-')).toBe(true);
  });
});

describe('filterRows', () => {
  it('lets every row through without terms, as the same list', () => {
    expect(filterRows(rows, '   ')).toBe(rows);
  });

  it('matches plain words anywhere, case-insensitively, and ANDs them', () => {
    expect(names('berlin')).toEqual(['ap-berlin-1', 'ap-berlin-2']);
    expect(names('SWM')).toEqual(['swm-ap1', 'swm-ap2']);
    expect(names('münchen ap2')).toEqual(['swm-ap2']);
    expect(names('kritis')).toEqual(['swm-ap1', 'swm-ap2']);
    expect(names('nothing-like-this')).toEqual([]);
  });

  it('narrows by site, customer, name and tag (site tags included)', () => {
    expect(names('site:muster')).toEqual(['ap-berlin-1', 'ap-berlin-2']);
    expect(names('customer:swm')).toEqual(['swm-ap1', 'swm-ap2']);
    expect(names('name:ap1')).toEqual(['swm-ap1']);
    expect(names('tag:lab')).toEqual(['ap-berlin-1']);
    expect(names('tag:berlin')).toEqual(['ap-berlin-1', 'ap-berlin-2']);
    expect(names('-tag:lab site:muster')).toEqual(['ap-berlin-2']);
  });

  it('matches the expected role, the role replication shows, and mismatches', () => {
    expect(names('role:standby')).toEqual(['ap-berlin-2', 'swm-ap1']);
    expect(names('role:primary')).toEqual(['ap-berlin-1']);
    expect(names('role:mismatch')).toEqual(['ap-berlin-1']);
    expect(names('role:standalone')).toEqual(['ap-berlin-1', 'swm-ap2']);
  });

  it('matches builds as text and by comparison; a platform without a build never compares', () => {
    expect(names('build:1402')).toEqual(['ap-berlin-2']);
    expect(names('build:14')).toEqual(['ap-berlin-2', 'swm-ap2']);
    expect(names('build:>=1400')).toEqual(['ap-berlin-2', 'swm-ap2']);
    expect(names('build:<1400')).toEqual(['ap-berlin-1']);
    expect(names('build:=1421')).toEqual(['swm-ap2']);
    expect(names('build:>abc')).toEqual([]);
  });

  it('matches alarm text, kind and severity, and the state of the status dot', () => {
    expect(names('alarm:disk')).toEqual(['ap-berlin-2']);
    expect(names('alarm:critical')).toEqual(['swm-ap1']);
    expect(names('alarm:"91 %"')).toEqual(['ap-berlin-2']);
    expect(names('state:unreachable')).toEqual(['swm-ap1']);
    expect(names('state:warn')).toEqual(['ap-berlin-2']);
    expect(names('state:ok')).toEqual(['ap-berlin-1', 'swm-ap2']);
    expect(names('-state:ok -state:unreach')).toEqual(['ap-berlin-2']);
  });
});
