import { useMemo } from 'react';
import { Box, Button, Typography } from '@mui/material';
import { DataGrid } from '@mui/x-data-grid';
import type { GridColDef } from '@mui/x-data-grid';
import type { AlarmRow } from './alarmRows';
import { severityRank } from './alarmOrder';
import { kindLabel } from './alarmKinds';
import { formatAge, formatTime } from './alarmTime';
import { ALARM_GRID_SX, PlatformLink, SeverityChip, TimeCell, WrappedText } from './AlarmCells';

interface ActiveAlarmsGridProps {
  rows: readonly AlarmRow[];
  now: number;
  onOpenPlatform(platformId: string): void;
  onAcknowledge(row: AlarmRow): void;
}

/** Active alarms, in the order given (worst first, then newest); virtualized for long lists. */
export function ActiveAlarmsGrid({ rows, now, onOpenPlatform, onAcknowledge }: ActiveAlarmsGridProps) {
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
        width: 145,
        renderCell: ({ row, tabIndex }) => <PlatformLink name={row.platformName} tabIndex={tabIndex} onOpen={() => onOpenPlatform(row.alarm.platformId)} />,
      },
      { field: 'siteName', headerName: 'Site', width: 130, renderCell: ({ value }) => <WrappedText text={String(value ?? '')} /> },
      { field: 'kind', headerName: 'Kind', width: 145, valueGetter: (_value, row) => kindLabel(row.alarm.kind), renderCell: ({ value }) => <WrappedText text={String(value ?? '')} /> },
      { field: 'cause', headerName: 'Cause', flex: 1, minWidth: 220, valueGetter: (_value, row) => row.alarm.cause, renderCell: ({ value }) => <WrappedText text={String(value ?? '')} /> },
      {
        field: 'raisedAt',
        headerName: 'Raised',
        width: 150,
        valueGetter: (_value, row) => Date.parse(row.alarm.raisedAt),
        renderCell: ({ row }) => <TimeCell iso={row.alarm.raisedAt} now={now} />,
      },
      {
        field: 'acknowledged',
        headerName: 'Acknowledged',
        width: 210,
        sortable: false,
        valueGetter: (_value, row) => row.alarm.acknowledged?.note ?? '',
        renderCell: ({ row, tabIndex }) => {
          const ack = row.alarm.acknowledged;
          return (
            <Box sx={{ whiteSpace: 'normal', lineHeight: 1.3 }}>
              {ack && (
                <>
                  <Typography variant="caption" color="text.secondary" component="div" title={formatTime(ack.at)}>
                    {formatAge(ack.at, now)}
                  </Typography>
                  <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
                    {ack.note || 'No note.'}
                  </Typography>
                </>
              )}
              <Button size="small" tabIndex={tabIndex} onClick={() => onAcknowledge(row)} sx={{ ml: -0.5 }}>
                {ack ? 'Change note' : 'Acknowledge'}
              </Button>
            </Box>
          );
        },
      },
    ],
    [now, onOpenPlatform, onAcknowledge],
  );
  return (
    <Box sx={{ height: 'max(420px, calc(100vh - 330px))' }}>
      <DataGrid
        rows={rows}
        columns={columns}
        label="Active alarms"
        getRowHeight={() => 'auto'}
        disableRowSelectionOnClick
        disableColumnFilter
        initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
        pageSizeOptions={[25, 50, 100]}
        density="compact"
        sx={ALARM_GRID_SX}
      />
    </Box>
  );
}
