import { memo } from 'react';
import type { AlarmCell } from './fleetRows';

/** The worst active alarm: its severity, its cause, and how many more there are. */
export const AlarmSummary = memo(function AlarmSummary({ alarm }: { alarm: AlarmCell | null }) {
  if (!alarm) return <span className="fc-muted">none</span>;
  const more = alarm.count - 1;
  const severity = alarm.severity === 'critical' ? 'Critical' : 'Warning';
  return (
    <div className="fc-two" title={`${severity}: ${alarm.cause}${more > 0 ? ` (and ${more} more)` : ''}`}>
      <div className={`fc-line fc-severity ${alarm.severity === 'critical' ? 'fc-critical' : 'fc-warning'}`}>
        {severity}
        {more > 0 ? ` · +${more} more` : ''}
      </div>
      <div className="fc-line">{alarm.cause}</div>
    </div>
  );
});
