import { useMemo } from 'react';
import { Box } from '@mui/material';
import { DataGrid } from '@mui/x-data-grid';
import type { GridColDef } from '@mui/x-data-grid';
import type { AlarmRow } from './alarmRows';
import { severityRank } from './alarmOrder';
import { kindLabel } from './alarmKinds';
import { alarmDuration } from './alarmTime';
import { ALARM_GRID_SX, PlatformLink, SeverityChip, TimeCell, WrappedText } from './AlarmCells';

interface AlarmHistoryGridProps {
  rows: readonly AlarmRow[];
  now: number;
  onOpenPlatform(platformId: string): void;
}

/** Cleared alarms, most recently cleared first. */
export function AlarmHistoryGrid({ rows, now, onOpenPlatform }: AlarmHistoryGridProps) {
  const columns = useMemo<GridColDef<AlarmRow>[]>(
    () => [
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
        width: 140,
        renderCell: ({ row, tabIndex }) => <PlatformLink name={row.platformName} tabIndex={tabIndex} onOpen={() => onOpenPlatform(row.alarm.platformId)} />,
      },
      { field: 'siteName', headerName: 'Site', width: 120, renderCell: ({ value }) => <WrappedText text={String(value ?? '')} /> },
      { field: 'kind', headerName: 'Kind', width: 130, valueGetter: (_value, row) => kindLabel(row.alarm.kind), renderCell: ({ value }) => <WrappedText text={String(value ?? '')} /> },
      { field: 'cause', headerName: 'Cause', flex: 1, minWidth: 180, valueGetter: (_value, row) => row.alarm.cause, renderCell: ({ value }) => <WrappedText text={String(value ?? '')} /> },
      {
        field: 'raisedAt',
        headerName: 'Raised',
        width: 140,
        valueGetter: (_value, row) => Date.parse(row.alarm.raisedAt),
        renderCell: ({ row }) => <TimeCell iso={row.alarm.raisedAt} now={now} />,
      },
      {
        field: 'clearedAt',
        headerName: 'Cleared',
        width: 140,
        valueGetter: (_value, row) => Date.parse(row.alarm.clearedAt ?? row.alarm.changedAt),
        renderCell: ({ row }) => <TimeCell iso={row.alarm.clearedAt ?? row.alarm.changedAt} now={now} />,
      },
      {
        field: 'duration',
        headerName: 'Lasted',
        width: 90,
        valueGetter: (_value, row) => Date.parse(row.alarm.clearedAt ?? row.alarm.changedAt) - Date.parse(row.alarm.raisedAt),
        renderCell: ({ row }) => alarmDuration(row.alarm.raisedAt, row.alarm.clearedAt ?? row.alarm.changedAt),
      },
      {
        field: 'note',
        headerName: 'Ack note',
        width: 160,
        valueGetter: (_value, row) => (row.alarm.acknowledged ? row.alarm.acknowledged.note || 'Acknowledged, no note.' : ''),
        renderCell: ({ value }) => <WrappedText text={String(value ?? '')} />,
      },
    ],
    [now, onOpenPlatform],
  );
  return (
    <Box sx={{ height: 'max(420px, calc(100vh - 330px))' }}>
      <DataGrid
        rows={rows}
        columns={columns}
        label="Cleared alarms"
        getRowHeight={() => 'auto'}
        disableRowSelectionOnClick
        disableColumnFilter
        initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
        pageSizeOptions={[25, 50, 100]}
        density="compact"
        sx={ALARM_GRID_SX}
        localeText={{ noRowsLabel: 'No cleared alarms yet.' }}
      />
    </Box>
  );
}
