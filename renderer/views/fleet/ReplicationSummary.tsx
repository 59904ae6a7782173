import { memo } from 'react';
import type { ReplicationTone } from './fleetRows';

const CLASS: Record<ReplicationTone, string> = { ok: 'fc-line', warning: 'fc-line fc-warning', muted: 'fc-line fc-muted' };

/** "primary · 2/2 streaming", "standby · lag 3 s", "off"; amber when a standby is missing, not streaming or far behind. */
export const ReplicationSummary = memo(function ReplicationSummary({ text, tone }: { text: string; tone: ReplicationTone }) {
  return (
    <span className={CLASS[tone]} title={text}>
      {text}
    </span>
  );
});
