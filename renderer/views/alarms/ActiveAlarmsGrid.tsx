import { useMemo } from 'react';
import { Box, Button, Typography } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import type { AlarmRow } from './alarmRows';
import { formatDateTime } from '../../format/age';
import { formatAge } from './alarmTime';
import { AlarmGrid, leadingAlarmColumns } from './AlarmGrid';
import { WrappedText } from './AlarmCells';
import { FixWizardButton } from '../wizards/FixWizardButton';
import { StartWizardHost } from '../wizards/StartWizardHost';

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
      // The cause says what is wrong; the wizard that fixes it is one click below it.
      ...leadingAlarmColumns(now, onOpenPlatform, { platform: 145, site: 130, kind: 145, causeMin: 220, raised: 150 }).map((column) =>
        column.field === 'cause'
          ? {
              ...column,
              renderCell: ({ row, tabIndex }: { row: AlarmRow; tabIndex: 0 | -1 }) => (
                <Box sx={{ display: 'grid', gap: 0.5, justifyItems: 'start' }}>
                  <WrappedText text={row.alarm.cause} />
                  {row.alarm.wizard && <FixWizardButton wizardId={row.alarm.wizard} platformId={row.alarm.platformId} tabIndex={tabIndex} />}
                </Box>
              ),
            }
          : column,
      ),
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
                  <Typography variant="caption" color="text.secondary" component="div" title={formatDateTime(ack.at)}>
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
    <>
      <AlarmGrid rows={rows} columns={columns} label="Active alarms" />
      <StartWizardHost />
    </>
  );
}
