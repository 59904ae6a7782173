import { useMemo } from 'react';
import { Alert, Box, CircularProgress, Typography } from '@mui/material';
import type { Platform, PlatformStatus } from '../../../electron/core/contract';
import { useSettings } from '../../store/settingsStore';
import { diskBreakdown } from './diskBreakdown';
import { DiskBreakdownBar } from './DiskBreakdownBar';
import { diskLines, historyIsShort, MIN_HISTORY_POINTS, usageSeries } from './diskHistory';
import { DiskUsageChart } from './DiskUsageChart';
import { FactList } from './FactList';
import { formatHours } from '../../format/duration';
import { formatBytes, formatBytesPerHour } from '../../format/bytes';
import { SectionCard } from './SectionCard';
import { useDiskHistory } from './useDiskHistory';

const DEFAULT_WARNING_MARGIN = 10;

type Disk = NonNullable<PlatformStatus['disk']>;

function timeToFullText(disk: Disk): string {
  if (disk.hoursToFull !== null) return formatHours(disk.hoursToFull);
  if (disk.fillBytesPerHour === null) return 'Not known yet: the usage history is too short';
  return disk.fillBytesPerHour <= 0 ? 'Not filling up' : 'Not known';
}

function DiskFigures({ disk, alarmPercent, warningPercent }: { disk: Disk; alarmPercent: number; warningPercent: number }) {
  return (
    <FactList
      columns={4}
      facts={[
        { label: `Used on ${disk.mount}`, value: `${formatBytes(disk.usedBytes)} of ${formatBytes(disk.sizeBytes)} (${disk.percent} %)`, title: `${disk.device} on ${disk.mount}` },
        { label: 'Free', value: formatBytes(disk.availBytes) },
        { label: 'Alarm threshold', value: `${alarmPercent} % (warning from ${warningPercent} %)` },
        { label: 'Fill rate', value: disk.fillBytesPerHour === null ? 'Not known yet' : formatBytesPerHour(disk.fillBytesPerHour) },
        { label: 'Time to full', value: timeToFullText(disk) },
      ]}
    />
  );
}

export function DiskTab({ platform, status }: { platform: Platform; status: PlatformStatus | null }) {
  const margin = useSettings((s) => s.settings?.alarmThresholds.diskWarningMarginPercent ?? DEFAULT_WARNING_MARGIN);
  const history = useDiskHistory(platform.id, status?.polledAt ?? null);
  const series = useMemo(() => usageSeries(history.points), [history.points]);
  const lines = diskLines(platform.diskAlarmPercent, margin);
  const breakdown = status ? diskBreakdown(status, status.reserveFileBytes) : null;

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <SectionCard title="Data partition">
        {status?.disk ? (
          <DiskFigures disk={status.disk} alarmPercent={lines.alarmPercent} warningPercent={lines.warningPercent} />
        ) : (
          <Typography color="text.secondary">{status ? 'The last poll could not read the disk usage (see the notes on the Overview tab).' : 'Not polled yet.'}</Typography>
        )}
      </SectionCard>
      <SectionCard title="Usage over time">
        {history.error ? (
          <Alert severity="error">{history.error}</Alert>
        ) : history.loading ? (
          <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }} role="status" aria-label="Reading the disk history">
            <CircularProgress />
          </Box>
        ) : historyIsShort(series) ? (
          <Typography color="text.secondary">
            Not enough readings yet for a chart: {series.times.length} of at least {MIN_HISTORY_POINTS}. Each poll adds one; the console keeps 14 days.
          </Typography>
        ) : (
          <DiskUsageChart series={series} lines={lines} />
        )}
      </SectionCard>
      <SectionCard title="What fills the partition">
        {breakdown ? <DiskBreakdownBar breakdown={breakdown} /> : <Typography color="text.secondary">Not known until a poll reads the disk usage.</Typography>}
      </SectionCard>
    </Box>
  );
}
