import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import RefreshIcon from '@mui/icons-material/Refresh';
import { DataGrid, GRID_CHECKBOX_SELECTION_FIELD, useGridApiRef } from '@mui/x-data-grid';
import type { GridEventListener, GridRowClassNameParams, GridRowParams, GridRowSelectionModel, GridSortModel } from '@mui/x-data-grid';
import type { Site } from '../../../electron/core/contract';
import { useNavigation } from '../../store/navigationStore';
import { arrangeFleetRows } from './arrangeFleetRows';
import { BulkPollDialog } from './BulkPollDialog';
import type { PollTarget } from './BulkPollDialog';
import { checkboxColumn, fleetColumns } from './fleetColumns';
import { fleetGridSx, SITE_ROW_CLASS } from './fleetGridStyles';
import { FleetFilterField } from './FleetFilterField';
import { createRowKeeper, SORT_FIELDS, siteTotals, sortRows } from './fleetRows';
import type { FleetGridRow, FleetSort, PlatformRow, SortField } from './fleetRows';
import { FleetFilterContext, NoMatchOverlay } from './NoMatchOverlay';
import { RowCheckbox } from './RowCheckbox';
import { SavedFilters } from './SavedFilters';
import { ShownSelectionContext } from './SelectShownCheckbox';
import { useScrollbarSize } from './useScrollbarSize';

const ROW_HEIGHT = 52;
const NO_SELECTION: GridRowSelectionModel = { type: 'include', ids: new Set() };
const SLOTS = { noRowsOverlay: NoMatchOverlay, noResultsOverlay: NoMatchOverlay, rowCheckbox: RowCheckbox };
const number = new Intl.NumberFormat();

const rowClassName = (params: GridRowClassNameParams<FleetGridRow>) => (params.row.kind === 'site' ? SITE_ROW_CLASS : '');
const isRowSelectable = (params: GridRowParams<FleetGridRow>) => params.row.kind === 'platform';

function fleetSortOf(model: GridSortModel): FleetSort | null {
  const item = model[0];
  if (!item?.sort || !(SORT_FIELDS as readonly string[]).includes(item.field)) return null;
  return { field: item.field as SortField, direction: item.sort };
}

/** Filter, saved filters, bulk "Poll now" and the grid: every platform under its site's header; empty and loading while the fleet is read. */
export function FleetTable({ rows, sites, loading = false }: { rows: readonly PlatformRow[]; sites: ReadonlyMap<string, Site>; loading?: boolean }) {
  const openPlatform = useNavigation((state) => state.openPlatform);
  const [query, setQuery] = useState('');
  const [sortModel, setSortModel] = useState<GridSortModel>([]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [selection, setSelection] = useState<GridRowSelectionModel>(NO_SELECTION);
  const [polling, setPolling] = useState<{ key: number; targets: PollTarget[] } | null>(null);

  const sort = useMemo(() => fleetSortOf(sortModel), [sortModel]);
  const totals = useMemo(() => siteTotals(rows), [rows]);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const siteDirection = sort?.field === 'site' ? sort.direction : 'asc';
  const [keep] = useState(createRowKeeper);
  const arranged = useMemo(() => {
    const next = arrangeFleetRows(sorted, sites, { query, collapsed, totals, siteDirection });
    return { rows: keep(next.rows), matches: next.matches };
  }, [keep, sorted, sites, query, collapsed, totals, siteDirection]);
  const byId = useMemo(() => new Map(rows.map((row) => [row.id, row])), [rows]);

  // The grid gets its rows through its API rather than a changing `rows` prop: a new prop re-renders every
  // visible cell once with the old rows before the grid applies the new ones, which doubles the cost of a key.
  const apiRef = useGridApiRef();
  const scrollbarSize = useScrollbarSize();
  const [firstRows] = useState(() => arranged.rows);
  useLayoutEffect(() => {
    if (arranged.rows !== firstRows) apiRef.current?.setRows(arranged.rows as FleetGridRow[]);
  }, [apiRef, firstRows, arranged.rows]);

  const toggleSite = useCallback((siteId: string) => {
    setCollapsed((before) => {
      const next = new Set(before);
      if (!next.delete(siteId)) next.add(siteId);
      return next;
    });
  }, []);
  const columns = useMemo(() => fleetColumns(), []);
  const checkboxColDef = useMemo(() => checkboxColumn(columns.length + 1, toggleSite), [columns.length, toggleSite]);
  const filterState = useMemo(() => ({ query, clear: () => setQuery('') }), [query]);

  const onCellClick = useCallback<GridEventListener<'cellClick'>>(
    (params) => {
      const row = params.row as FleetGridRow;
      if (row.kind === 'site') toggleSite(row.siteId);
      else if (params.field !== GRID_CHECKBOX_SELECTION_FIELD) openPlatform(row.id);
    },
    [toggleSite, openPlatform],
  );
  const onCellKeyDown = useCallback<GridEventListener<'cellKeyDown'>>(
    (params, event) => {
      const row = params.row as FleetGridRow;
      if (row.kind === 'site' && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        event.defaultMuiPrevented = true;
        toggleSite(row.siteId);
      } else if (row.kind === 'platform' && event.key === 'Enter') {
        event.defaultMuiPrevented = true;
        openPlatform(row.id);
      }
    },
    [toggleSite, openPlatform],
  );

  const selected = useMemo(() => [...selection.ids].map((id) => byId.get(String(id))).filter((row): row is PlatformRow => row !== undefined), [selection, byId]);
  const shownSelection = useMemo(() => ({ rows: arranged.rows, selection }), [arranged.rows, selection]);
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
              onClick={() => setPolling({ key: Date.now(), targets: selected.map((row) => ({ id: row.id, name: row.name, siteName: row.siteName })) })}
            >
              Poll now
            </Button>
            <Button size="small" onClick={() => setSelection(NO_SELECTION)}>
              Clear selection
            </Button>
          </Paper>
        )}
      </Box>
      <Box sx={{ flex: 1, minHeight: 320 }}>
        <ShownSelectionContext.Provider value={shownSelection}>
          <DataGrid
            apiRef={apiRef}
            aria-label="Fleet: App Platforms grouped by site"
            rows={firstRows}
            loading={loading}
            columns={columns}
            checkboxSelection
            checkboxColDef={checkboxColDef}
            isRowSelectable={isRowSelectable}
            rowSelectionModel={selection}
            onRowSelectionModelChange={setSelection}
            disableRowSelectionOnClick
            disableRowSelectionExcludeModel
            keepNonExistentRowsSelected
            sortingMode="server"
            filterMode="server"
            paginationMode="server"
            sortModel={sortModel}
            onSortModelChange={setSortModel}
            disableColumnMenu
            disableColumnFilter
            hideFooter
            rowHeight={ROW_HEIGHT}
            scrollbarSize={scrollbarSize}
            columnHeaderHeight={44}
            getRowClassName={rowClassName}
            onCellClick={onCellClick}
            onCellKeyDown={onCellKeyDown}
            slots={SLOTS}
            sx={fleetGridSx}
          />
        </ShownSelectionContext.Provider>
      </Box>
      {polling && <BulkPollDialog key={polling.key} targets={polling.targets} onClose={() => setPolling(null)} />}
    </FleetFilterContext.Provider>
  );
}
