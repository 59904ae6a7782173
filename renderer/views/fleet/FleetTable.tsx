import { useCallback, useMemo, useState } from 'react';
import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import ArchiveIcon from '@mui/icons-material/Archive';
import RefreshIcon from '@mui/icons-material/Refresh';
import type { SiteOverview } from '../../../electron/core/contract';
import { useNavigation } from '../../store/navigationStore';
import { arrangeFleetRows } from './arrangeFleetRows';
import { BulkBundleDialog } from './BulkBundleDialog';
import { BulkPollDialog } from './BulkPollDialog';
import type { PollTarget } from './BulkPollDialog';
import { FLEET_COLUMNS } from './fleetColumns';
import { FleetFilterField } from './FleetFilterField';
import { FleetGrid } from './FleetGrid';
import { createRowKeeper, siteTotals, sortRows } from './fleetRows';
import type { FleetSort, PlatformRow } from './fleetRows';
import { NO_SELECTION } from './fleetSelection';
import type { Selection } from './fleetSelection';
import { FleetFilterContext, NoMatchOverlay } from './NoMatchOverlay';
import { SavedFilters } from './SavedFilters';

const number = new Intl.NumberFormat();
const targetsOf = (rows: readonly PlatformRow[]): PollTarget[] => rows.map((row) => ({ id: row.id, name: row.name, siteName: row.siteName }));

/** Filter, saved filters, bulk "Poll now" and the grid: every platform under its site's header; empty and loading while the fleet is read. */
export function FleetTable({ rows, sites, loading = false }: { rows: readonly PlatformRow[]; sites: ReadonlyMap<string, SiteOverview>; loading?: boolean }) {
  const openPlatform = useNavigation((state) => state.openPlatform);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<FleetSort | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  const [bulk, setBulk] = useState<{ key: number; action: 'poll' | 'bundle'; targets: PollTarget[] } | null>(null);

  const totals = useMemo(() => siteTotals(rows), [rows]);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const siteDirection = sort?.field === 'site' ? sort.direction : 'asc';
  const [keep] = useState(createRowKeeper);
  const arranged = useMemo(() => {
    const next = arrangeFleetRows(sorted, sites, { query, collapsed, totals, siteDirection });
    return { rows: keep(next.rows), matches: next.matches };
  }, [keep, sorted, sites, query, collapsed, totals, siteDirection]);
  const byId = useMemo(() => new Map(rows.map((row) => [row.id, row])), [rows]);

  const toggleSite = useCallback((siteId: string) => {
    setCollapsed((before) => {
      const next = new Set(before);
      if (!next.delete(siteId)) next.add(siteId);
      return next;
    });
  }, []);
  const filterState = useMemo(() => ({ query, clear: () => setQuery('') }), [query]);

  const selected = useMemo(() => [...selection].map((id) => byId.get(id)).filter((row): row is PlatformRow => row !== undefined), [selection, byId]);
  const hiddenSelected = useMemo(() => {
    if (selected.length === 0) return 0;
    const shown = new Set(arranged.rows.map((row) => row.id));
    return selected.filter((row) => !shown.has(row.id)).length;
  }, [selected, arranged]);

  return (
    <FleetFilterContext.Provider value={filterState}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start', mb: 1 }}>
        <FleetFilterField value={query} onChange={setQuery} />
        <SavedFilters query={query} onApply={setQuery} />
      </Stack>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, minHeight: 40, mb: 1 }}>
        <Typography variant="body2" color="text.secondary" role="status" sx={{ flex: 1 }}>
          {loading
            ? 'Reading the fleet…'
            : arranged.matches === rows.length
              ? `${number.format(rows.length)} platform${rows.length === 1 ? '' : 's'} in ${number.format(sites.size)} site${sites.size === 1 ? '' : 's'}`
              : `${number.format(arranged.matches)} of ${number.format(rows.length)} platforms match`}
        </Typography>
        {selected.length > 0 && (
          <Paper variant="outlined" sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1.5, py: 0.25 }} role="region" aria-label="Selected platforms">
            <Typography variant="body2">
              {number.format(selected.length)} selected{hiddenSelected > 0 ? ` (${number.format(hiddenSelected)} hidden by the filter or a collapsed site)` : ''}
            </Typography>
            <Button
              size="small"
              variant="contained"
              startIcon={<RefreshIcon />}
              onClick={() => setBulk({ key: Date.now(), action: 'poll', targets: targetsOf(selected) })}
            >
              Poll now
            </Button>
            <Button size="small" variant="outlined" startIcon={<ArchiveIcon />} onClick={() => setBulk({ key: Date.now(), action: 'bundle', targets: targetsOf(selected) })}>
              Collect logs
            </Button>
            <Button size="small" onClick={() => setSelection(NO_SELECTION)}>
              Clear selection
            </Button>
          </Paper>
        )}
      </Box>
      <Box sx={{ flex: 1, minHeight: 320 }}>
        <FleetGrid
          label="Fleet: App Platforms grouped by site"
          columns={FLEET_COLUMNS}
          rows={arranged.rows}
          sort={sort}
          onSortChange={setSort}
          selection={selection}
          onSelectionChange={setSelection}
          onToggleSite={toggleSite}
          onOpenPlatform={openPlatform}
          loading={loading}
          empty={<NoMatchOverlay />}
        />
      </Box>
      {bulk?.action === 'poll' && <BulkPollDialog key={bulk.key} targets={bulk.targets} onClose={() => setBulk(null)} />}
      {bulk?.action === 'bundle' && <BulkBundleDialog key={bulk.key} targets={bulk.targets} onClose={() => setBulk(null)} />}
    </FleetFilterContext.Provider>
  );
}
