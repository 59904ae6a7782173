import type { Site } from '../../../electron/core/contract';
import { filterRows, isFiltering } from './fleetFilter';
import { groupRows } from './fleetRows';
import type { FleetGridRow, PlatformRow } from './fleetRows';

export interface ArrangeOptions {
  query: string;
  collapsed: ReadonlySet<string>;
  /** Platforms per site over the whole fleet. */
  totals: ReadonlyMap<string, number>;
  siteDirection: 'asc' | 'desc';
}

/** What the grid shows, from rows already sorted: the filter's matches under one header per site. */
export function arrangeFleetRows(sorted: readonly PlatformRow[], sites: ReadonlyMap<string, Site>, options: ArrangeOptions): { rows: FleetGridRow[]; matches: number } {
  const matching = filterRows(sorted, options.query);
  const rows = groupRows(matching, sites, {
    collapsed: options.collapsed,
    includeEmptySites: !isFiltering(options.query),
    totals: options.totals,
    siteDirection: options.siteDirection,
  });
  return { rows, matches: matching.length };
}
