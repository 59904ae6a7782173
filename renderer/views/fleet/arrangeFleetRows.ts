import type { SiteOverview } from '../../../electron/core/contract';
import { parseFilter, rowMatches } from './fleetFilter';
import { collator, siteGroupId } from './fleetRows';
import type { FleetGridRow, PlatformRow, SiteGroupRow, StatusLevel } from './fleetRows';

export interface ArrangeOptions {
  query: string;
  collapsed: ReadonlySet<string>;
  /** Platforms per site over the whole fleet. */
  totals: ReadonlyMap<string, number>;
  siteDirection: 'asc' | 'desc';
}

/** Every site in display order with its platforms in the order given. */
interface SiteBucket {
  siteId: string;
  siteName: string;
  customer: string | undefined;
  rows: PlatformRow[];
}

interface Buckets {
  sites: ReadonlyMap<string, SiteOverview>;
  siteDirection: 'asc' | 'desc';
  list: SiteBucket[];
}

/** Per sorted list: its sites in order, made once, so that a key of the filter only tests rows. */
const bucketsOf = new WeakMap<readonly PlatformRow[], Buckets>();

function buckets(sorted: readonly PlatformRow[], sites: ReadonlyMap<string, SiteOverview>, siteDirection: 'asc' | 'desc'): SiteBucket[] {
  const known = bucketsOf.get(sorted);
  if (known && known.sites === sites && known.siteDirection === siteDirection) return known.list;
  const bySite = new Map<string, PlatformRow[]>();
  for (const row of sorted) {
    const list = bySite.get(row.siteId);
    if (list) list.push(row);
    else bySite.set(row.siteId, [row]);
  }
  const ids = new Set([...bySite.keys(), ...sites.keys()]);
  const nameOf = (id: string) => sites.get(id)?.name ?? bySite.get(id)?.[0]?.siteName ?? id;
  const direction = siteDirection === 'asc' ? 1 : -1;
  const list = [...ids]
    .map((siteId) => ({ siteId, siteName: nameOf(siteId), customer: sites.get(siteId)?.customer, rows: bySite.get(siteId) ?? [] }))
    .sort((a, b) => direction * collator.compare(a.siteName, b.siteName) || (a.siteId < b.siteId ? -1 : 1));
  bucketsOf.set(sorted, { sites, siteDirection, list });
  return list;
}

/**
 * What the grid shows, from rows already sorted: the filter's matches under one header per site (every site,
 * even without platforms, when nothing is filtered), as groupRows would arrange filterRows' result.
 */
export function arrangeFleetRows(sorted: readonly PlatformRow[], sites: ReadonlyMap<string, SiteOverview>, options: ArrangeOptions): { rows: FleetGridRow[]; matches: number } {
  const terms = parseFilter(options.query);
  const out: FleetGridRow[] = [];
  let matches = 0;
  for (const bucket of buckets(sorted, sites, options.siteDirection)) {
    const shown = terms.length === 0 ? bucket.rows : bucket.rows.filter((row) => rowMatches(row, terms));
    if (terms.length > 0 && shown.length === 0) continue;
    matches += shown.length;
    const collapsed = options.collapsed.has(bucket.siteId);
    const count: Record<StatusLevel, number> = { ok: 0, warning: 0, critical: 0, unreachable: 0, unknown: 0 };
    for (const row of shown) count[row.level]++;
    const header: SiteGroupRow = {
      kind: 'site',
      id: siteGroupId(bucket.siteId),
      siteId: bucket.siteId,
      siteName: bucket.siteName,
      customer: bucket.customer ?? shown[0]?.customer ?? '',
      shown: shown.length,
      total: options.totals.get(bucket.siteId) ?? shown.length,
      collapsed,
      unreachable: count.unreachable,
      critical: count.critical,
      warning: count.warning,
    };
    out.push(header);
    if (!collapsed) for (const row of shown) out.push(row);
  }
  return { rows: out, matches };
}
