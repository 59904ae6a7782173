import type { ReactNode } from 'react';
import { GRID_CHECKBOX_SELECTION_COL_DEF, gridClasses } from '@mui/x-data-grid';
import type { DataGridProps, GridColDef, GridRenderCellParams } from '@mui/x-data-grid';
import { AlarmSummary } from './AlarmSummary';
import { DiskBar } from './DiskBar';
import { SITE_CELL_CLASS } from './fleetGridStyles';
import type { FleetGridRow, PlatformRow, SortField } from './fleetRows';
import { PollAge } from './PollAge';
import { ReplicationSummary } from './ReplicationSummary';
import { RoleText } from './RoleText';
import { SelectShownCheckbox } from './SelectShownCheckbox';
import { SiteGroupHeader } from './SiteGroupHeader';
import { StatusDot } from './StatusDot';
import { TwoLines } from './TwoLines';

type Params = GridRenderCellParams<FleetGridRow>;
type FleetColumn = GridColDef<FleetGridRow> & { field: SortField };
type CheckboxColumn = NonNullable<DataGridProps<FleetGridRow>['checkboxColDef']>;

/** Cells of site header rows are covered by the header's span; these render platform rows only. */
const platformCell = (render: (row: PlatformRow) => ReactNode) => (params: Params) => (params.row.kind === 'platform' ? render(params.row) : null);

const WORST_FIRST = ['desc', 'asc', null] as const;

/** The columns after the checkbox; their fields are the sort fields of fleetRows. */
export function fleetColumns(): FleetColumn[] {
  return [
    {
      field: 'state',
      headerName: 'Status',
      description: 'Whether the last poll reached the platform, and its worst alarm',
      width: 76,
      align: 'center',
      headerAlign: 'center',
      display: 'flex',
      sortingOrder: WORST_FIRST,
      renderCell: platformCell((row) => <StatusDot level={row.level} text={row.levelText} />),
    },
    {
      field: 'name',
      headerName: 'Platform',
      flex: 0.8,
      minWidth: 130,
      display: 'flex',
      renderCell: platformCell((row) => <TwoLines main={row.name} sub={row.address} title={row.tags.length ? `${row.name}, tags: ${row.tags.join(', ')}` : row.name} />),
    },
    {
      field: 'site',
      headerName: 'Site',
      width: 130,
      display: 'flex',
      renderCell: platformCell((row) => <TwoLines main={row.siteName} sub={row.customer} title={row.customer ? `${row.siteName} (${row.customer})` : row.siteName} />),
    },
    {
      field: 'role',
      headerName: 'Role',
      description: 'The role the inventory expects, and what replication says when it differs',
      width: 100,
      display: 'flex',
      renderCell: platformCell((row) => <RoleText expected={row.expectedRole} actual={row.actualRole} mismatch={row.roleMismatch} />),
    },
    {
      field: 'build',
      headerName: 'Build',
      description: 'Image build of the App Platform',
      width: 72,
      display: 'flex',
      renderCell: platformCell((row) => (row.build === null ? <span className="fc-muted">—</span> : row.build)),
    },
    {
      field: 'disk',
      headerName: 'Disk',
      description: 'Use of the data partition, and when it will be full at the current rate',
      width: 140,
      display: 'flex',
      sortingOrder: WORST_FIRST,
      renderCell: platformCell((row) => (row.disk ? <DiskBar disk={row.disk} /> : <span className="fc-muted">—</span>)),
    },
    {
      field: 'replication',
      headerName: 'Replication',
      width: 190,
      display: 'flex',
      renderCell: platformCell((row) => <ReplicationSummary text={row.replicationText} tone={row.replicationTone} />),
    },
    {
      field: 'alarm',
      headerName: 'Worst alarm',
      flex: 1.6,
      minWidth: 170,
      display: 'flex',
      sortingOrder: WORST_FIRST,
      renderCell: platformCell((row) => <AlarmSummary alarm={row.alarm} />),
    },
    {
      field: 'lastPoll',
      headerName: 'Last poll',
      width: 88,
      display: 'flex',
      sortingOrder: WORST_FIRST,
      renderCell: platformCell((row) => <PollAge receivedAt={row.receivedAt} />),
    },
  ];
}

const defaultCheckbox = GRID_CHECKBOX_SELECTION_COL_DEF.renderCell;

/** The checkbox column; on a site's row its cell spans the whole row and holds the site's header. Its header selects the shown platforms. */
export function checkboxColumn(spanAll: number, onToggleSite: (siteId: string) => void): CheckboxColumn {
  return {
    colSpan: (_value, row) => (row.kind === 'site' ? spanAll : undefined),
    cellClassName: (params) => (params.row.kind === 'site' ? SITE_CELL_CLASS : gridClasses.cellCheckbox),
    renderCell: (params: Params) => (params.row.kind === 'site' ? <SiteGroupHeader row={params.row} onToggle={onToggleSite} /> : defaultCheckbox?.(params)),
    renderHeader: (params) => <SelectShownCheckbox field={params.field} />,
  };
}
