import { describe, expect, it } from 'vitest';
import { arrangeFleetRows } from '../../renderer/views/fleet/arrangeFleetRows';
import { filterRows, isFiltering } from '../../renderer/views/fleet/fleetFilter';
import { createRowBuilder, groupRows, siteTotals, sortRows } from '../../renderer/views/fleet/fleetRows';
import type { PlatformRow } from '../../renderer/views/fleet/fleetRows';
import { generateBenchFleet } from '../bench/ui/fleetBenchData';
import { fleetInput } from './support/fleetFixtures';

const fleet = generateBenchFleet(40, 5, 2, Date.parse('2026-03-01T10:00:00Z'));
const sites = new Map(fleet.sites.map((s) => [s.id, s]));
// Two sites without platforms, one of them sorting first.
sites.set('empty-a', { id: 'empty-a', name: 'Aaa empty', customer: 'Nobody', notes: '', tags: [] });
sites.set('empty-z', { id: 'empty-z', name: 'Zzz empty', customer: '', notes: '', tags: [] });
const statuses = new Map(fleet.statuses.map((status) => [status.platformId, { status, receivedAt: 0 }]));
// One platform whose site is not in the inventory.
const platforms = [...fleet.platforms, { ...fleet.platforms[0]!, id: 'orphan', name: 'orphan-ap', siteId: 'gone' }];
const rows = createRowBuilder()(fleetInput(sites, platforms, statuses, fleet.alarms));
const totals = siteTotals(rows);

/** What arrangeFleetRows stands for: the filter's matches, grouped. */
const reference = (sorted: readonly PlatformRow[], query: string, collapsed: ReadonlySet<string>, siteDirection: 'asc' | 'desc') =>
  groupRows(filterRows(sorted, query), sites, { collapsed, includeEmptySites: !isFiltering(query), totals, siteDirection });

const QUERIES = ['', 'site:', 'site:hamburg', 'role:standby', 'build:>=1420', 'alarm:disk', 'state:unreachable', 'tag:kritis', '-tag:gateway', 'ap3 build:<1400', 'nothing-matches', 'empty', '"Muster GmbH"'];

describe('arrangeFleetRows', () => {
  it('shows what grouping the filtered rows shows, for every query, sort, site order and collapsed site', () => {
    for (const sort of [null, { field: 'disk', direction: 'desc' } as const, { field: 'name', direction: 'asc' } as const]) {
      const sorted = sortRows(rows, sort);
      for (const siteDirection of ['asc', 'desc'] as const) {
        for (const collapsed of [new Set<string>(), new Set(['site-3', 'empty-a', 'gone'])]) {
          for (const query of QUERIES) {
            const arranged = arrangeFleetRows(sorted, sites, { query, collapsed, totals, siteDirection });
            expect(arranged.rows, `${query} ${siteDirection} ${sort?.field ?? 'none'}`).toEqual(reference(sorted, query, collapsed, siteDirection));
            expect(arranged.matches).toBe(filterRows(sorted, query).length);
          }
        }
      }
    }
  });

  it('follows a change of the sites even for the same sorted rows', () => {
    const sorted = sortRows(rows, null);
    const options = { query: '', collapsed: new Set<string>(), totals, siteDirection: 'asc' as const };
    expect(arrangeFleetRows(sorted, sites, options).rows[0]).toMatchObject({ kind: 'site', siteId: 'empty-a' });
    const renamed = new Map(sites);
    renamed.set('empty-a', { ...sites.get('empty-a')!, name: 'Zzzz renamed' });
    const rowsAfter = arrangeFleetRows(sorted, renamed, options).rows;
    expect(rowsAfter[0]).not.toMatchObject({ siteId: 'empty-a' });
    expect(rowsAfter.at(-1)).toMatchObject({ kind: 'site', siteId: 'empty-a', siteName: 'Zzzz renamed' });
  });
});
