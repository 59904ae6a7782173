import { memo } from 'react';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import type { SvgIconComponent } from '@mui/icons-material';
import type { StatusLevel } from './fleetRows';

const ICONS: Record<StatusLevel, SvgIconComponent> = {
  ok: CheckCircleIcon,
  warning: WarningAmberIcon,
  critical: ErrorIcon,
  unreachable: LinkOffIcon,
  unknown: HelpOutlineIcon,
};

/** Reach state and worst alarm as an icon whose shape and color differ per level, with the same in words. */
export const StatusDot = memo(function StatusDot({ level, text }: { level: StatusLevel; text: string }) {
  const Icon = ICONS[level];
  return (
    <span className={`fc-status fc-status--${level}`} title={text}>
      <Icon fontSize="small" aria-hidden />
      <span className="fc-sr">{text}</span>
    </span>
  );
});
