import { fleetOverview } from '../../../electron/core/monitor/fleetOverview';
import { arrangeFleetRows } from '../../../renderer/views/fleet/arrangeFleetRows';
import { createRowBuilder, siteTotals, sortRows } from '../../../renderer/views/fleet/fleetRows';
import type { BenchFleet } from './fleetBenchData';

/** One key to press in the filter field, with the number of grid rows (site headers included) the filter must then show. */
export interface Keystroke {
  key: string;
  /** Select the field's text (Ctrl+A) before the key, to clear it with Backspace. */
  selectAll: boolean;
  query: string;
  expectedRows: number;
  /** The id of the grid's first row then (a site header), null when no row matches. */
  firstId: string | null;
  /** Whether the row count changes with this key: only those can be timed by watching the grid. */
  timed: boolean;
}

/** What partners type: field filters and plain words, each typed out, then cleared with Ctrl+A and Backspace. */
const PHRASES = ['site:hamburg', 'role:standby', 'build:1402', 'alarm:disk', 'state:unreachable', 'tag:kritis', 'munster', 'ap7 build:>=1420', 'klinikum -tag:gateway', '10.1.3'];

/**
 * The keys to press until `timedCount` of them change the row count, with the row count after each, computed
 * with the engine's overview and the renderer's own row functions on the same fleet the engine serves.
 */
export function keystrokePlan(fleet: BenchFleet, timedCount: number): { initial: { rows: number; firstId: string | null }; keys: Keystroke[] } {
  const inventory = { version: 1 as const, sites: fleet.sites, platforms: fleet.platforms, bastions: [] };
  const overview = fleetOverview(inventory, fleet.statuses.map((status) => ({ status, ageSeconds: 0 })), { problem: null, statusProblem: null });
  const sites = new Map(overview.sites.map((s) => [s.id, s]));
  const entries = overview.platforms.map((platform) => ({ platform, receivedAt: 0 }));
  const rows = createRowBuilder()({ sites, entries, alarms: fleet.alarms });
  const sorted = sortRows(rows, null);
  const totals = siteTotals(rows);
  const shownFor = (query: string) => arrangeFleetRows(sorted, sites, { query, collapsed: new Set(), totals, siteDirection: 'asc' }).rows;

  const plan: Keystroke[] = [];
  const everything = shownFor('');
  const initial = { rows: everything.length, firstId: everything[0]?.id ?? null };
  let query = '';
  let count = shownFor(query).length;
  const press = (key: string, next: string, selectAll = false) => {
    const shown = shownFor(next);
    const expectedRows = shown.length;
    plan.push({ key, selectAll, query: next, expectedRows, firstId: shown[0]?.id ?? null, timed: expectedRows !== count });
    query = next;
    count = expectedRows;
  };
  const timed = () => plan.filter((k) => k.timed).length;
  for (let round = 0; timed() < timedCount && round < 20; round++) {
    for (const phrase of PHRASES) {
      for (const char of phrase) {
        press(char, query + char);
        if (timed() >= timedCount) return { initial, keys: plan };
      }
      press('Backspace', '', true);
      if (timed() >= timedCount) return { initial, keys: plan };
    }
  }
  return { initial, keys: plan };
}
