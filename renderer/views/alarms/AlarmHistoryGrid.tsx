import { useMemo } from 'react';
import type { GridColDef } from '@mui/x-data-grid';
import type { AlarmRow } from './alarmRows';
import { alarmDuration } from './alarmTime';
import { TimeCell, WrappedText } from './AlarmCells';
import { AlarmGrid, leadingAlarmColumns } from './AlarmGrid';

interface AlarmHistoryGridProps {
  rows: readonly AlarmRow[];
  now: number;
  onOpenPlatform(platformId: string): void;
}

/** Cleared alarms, most recently cleared first. */
export function AlarmHistoryGrid({ rows, now, onOpenPlatform }: AlarmHistoryGridProps) {
  const columns = useMemo<GridColDef<AlarmRow>[]>(
    () => [
      ...leadingAlarmColumns(now, onOpenPlatform, { platform: 140, site: 120, kind: 130, causeMin: 180, raised: 140 }),
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
  return <AlarmGrid rows={rows} columns={columns} label="Cleared alarms" noRowsLabel="No cleared alarms yet." />;
}
