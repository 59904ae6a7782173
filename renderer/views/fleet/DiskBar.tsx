import { memo } from 'react';
import { formatBytes, formatPercent } from '../../format/bytes';
import { formatHours } from '../../format/duration';
import type { DiskCell } from './fleetRows';

/** Within this many points below the alarm threshold the bar turns amber. */
const NEAR_THRESHOLD_POINTS = 10;
const YEAR_HOURS = 24 * 366;

function timeToFullText(hoursToFull: number | null): string | null {
  if (hoursToFull === null || hoursToFull < 0 || hoursToFull >= YEAR_HOURS) return null;
  return `full in ${formatHours(hoursToFull)}`;
}

/** The data partition's use as a bar, its percent and, when the history tells, when it will be full. */
export const DiskBar = memo(function DiskBar({ disk }: { disk: DiskCell }) {
  const tone = disk.percent >= disk.alarmPercent ? 'error' : disk.percent >= disk.alarmPercent - NEAR_THRESHOLD_POINTS ? 'warning' : null;
  const toFull = timeToFullText(disk.hoursToFull);
  const label = `${formatPercent(disk.percent)} used${toFull ? `, ${toFull}` : ''}`;
  const percent = Math.max(0, Math.min(100, disk.percent));
  return (
    <div className="fc-two" title={`${formatBytes(disk.usedBytes)} of ${formatBytes(disk.sizeBytes)} used; alarm at ${disk.alarmPercent} %`}>
      <div className={tone ? `fc-bar fc-bar--${tone}` : 'fc-bar'} role="meter" aria-label="Disk used" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)} aria-valuetext={label}>
        <div style={{ width: `${percent}%` }} />
      </div>
      <div className={tone ? 'fc-bar-label fc-bar-label--alert' : 'fc-bar-label'}>{label}</div>
    </div>
  );
});
