import { memo } from 'react';
import type { StatusLevel } from './fleetRows';
import { RowIcon } from './RowIcon';
import type { RowIconName } from './RowIcon';

const ICONS: Record<StatusLevel, RowIconName> = {
  ok: 'checkCircle',
  warning: 'warningAmber',
  critical: 'error',
  unreachable: 'linkOff',
  unknown: 'helpOutline',
};

/** Reach state and worst alarm as an icon whose shape and color differ per level, with the same in words. */
export const StatusDot = memo(function StatusDot({ level, text }: { level: StatusLevel; text: string }) {
  return (
    <span className={`fc-status fc-status--${level}`} title={text}>
      <RowIcon name={ICONS[level]} />
      <span className="fc-sr">{text}</span>
    </span>
  );
});
