import { Box } from '@mui/material';
import { DataGrid } from '@mui/x-data-grid';
import type { GridColDef } from '@mui/x-data-grid';
import type { AlarmRow } from './alarmRows';
import { severityRank } from './alarmOrder';
import { kindLabel } from './alarmKinds';
import { ALARM_GRID_SX, PlatformLink, SeverityChip, TimeCell, WrappedText } from './AlarmCells';

/** Column widths in px; the cause column takes what is left, from `causeMin` up. */
export interface AlarmColumnWidths {
  platform: number;
  site: number;
  kind: number;
  causeMin: number;
  raised: number;
}

/** The columns every alarm grid opens with: severity, platform, site, kind, cause, raised. */
export function leadingAlarmColumns(now: number, onOpenPlatform: (platformId: string) => void, widths: AlarmColumnWidths): GridColDef<AlarmRow>[] {
  return [
    {
      field: 'severity',
      headerName: 'Severity',
      width: 115,
      valueGetter: (_value, row) => severityRank(row.alarm.severity),
      renderCell: ({ row }) => <SeverityChip severity={row.alarm.severity} />,
    },
    {
      field: 'platformName',
      headerName: 'Platform',
      width: widths.platform,
      renderCell: ({ row, tabIndex }) => <PlatformLink name={row.platformName} tabIndex={tabIndex} onOpen={() => onOpenPlatform(row.alarm.platformId)} />,
    },
    { field: 'siteName', headerName: 'Site', width: widths.site, renderCell: ({ value }) => <WrappedText text={String(value ?? '')} /> },
    { field: 'kind', headerName: 'Kind', width: widths.kind, valueGetter: (_value, row) => kindLabel(row.alarm.kind), renderCell: ({ value }) => <WrappedText text={String(value ?? '')} /> },
    { field: 'cause', headerName: 'Cause', flex: 1, minWidth: widths.causeMin, valueGetter: (_value, row) => row.alarm.cause, renderCell: ({ value }) => <WrappedText text={String(value ?? '')} /> },
    {
      field: 'raisedAt',
      headerName: 'Raised',
      width: widths.raised,
      valueGetter: (_value, row) => Date.parse(row.alarm.raisedAt),
      renderCell: ({ row }) => <TimeCell iso={row.alarm.raisedAt} now={now} />,
    },
  ];
}

interface AlarmGridProps {
  rows: readonly AlarmRow[];
  columns: GridColDef<AlarmRow>[];
  label: string;
  noRowsLabel?: string;
}

/** A paged, virtualized grid of alarms whose rows grow with their text. */
export function AlarmGrid({ rows, columns, label, noRowsLabel }: AlarmGridProps) {
  return (
    <Box sx={{ height: 'max(420px, calc(100vh - 330px))' }}>
      <DataGrid
        rows={rows}
        columns={columns}
        label={label}
        getRowHeight={() => 'auto'}
        disableRowSelectionOnClick
        disableColumnFilter
        initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
        pageSizeOptions={[25, 50, 100]}
        density="compact"
        sx={ALARM_GRID_SX}
        localeText={noRowsLabel ? { noRowsLabel } : undefined}
      />
    </Box>
  );
}
