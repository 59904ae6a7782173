import { describe, expect, it } from 'vitest';
import { countShown, selectRange, selectShown, toggleOne } from '../../renderer/views/fleet/fleetSelection';
import type { FleetGridRow } from '../../renderer/views/fleet/fleetRows';

const site = (id: string): FleetGridRow => ({ kind: 'site', id: `site:${id}`, siteId: id, siteName: id, customer: '', shown: 2, total: 2, collapsed: false, unreachable: 0, critical: 0, warning: 0 });
const platform = (id: string) => ({ kind: 'platform', id }) as FleetGridRow;
const rows: FleetGridRow[] = [site('a'), platform('p1'), platform('p2'), site('b'), platform('p3'), platform('p4')];

describe('fleet selection', () => {
  it('counts the shown platforms and the selected ones among them, not site headers or hidden platforms', () => {
    expect(countShown(rows, new Set(['p1', 'p4', 'hidden']))).toEqual({ shown: 4, selected: 2 });
    expect(countShown(rows, new Set())).toEqual({ shown: 0, selected: 0 });
  });

  it('selects and unselects the shown platforms and keeps hidden ones selected', () => {
    const all = selectShown(new Set(['hidden']), rows, true);
    expect([...all].sort()).toEqual(['hidden', 'p1', 'p2', 'p3', 'p4']);
    expect([...selectShown(all, rows, false)]).toEqual(['hidden']);
  });

  it('toggles one platform', () => {
    expect([...toggleOne(new Set(['p1']), 'p2')]).toEqual(['p1', 'p2']);
    expect([...toggleOne(new Set(['p1']), 'p1')]).toEqual([]);
  });

  it('selects a range across site headers in either direction, taking the clicked row’s new state', () => {
    expect([...selectRange(new Set(), rows, 'p4', 'p2')].sort()).toEqual(['p2', 'p3', 'p4']);
    expect([...selectRange(new Set(['p1', 'p2', 'p3']), rows, 'p1', 'p3')]).toEqual([]);
    expect([...selectRange(new Set(), rows, 'gone', 'p3')]).toEqual(['p3']);
  });
});
