import { Box, Chip, Link, Typography } from '@mui/material';
import ErrorIcon from '@mui/icons-material/Error';
import WarningIcon from '@mui/icons-material/Warning';
import type { Alarm } from '../../../electron/core/contract';
import { formatDateTime } from '../../format/age';
import { formatAge } from './alarmTime';

/** Rows grow with their text; every cell starts at the same top line. */
export const ALARM_GRID_SX = { '& .MuiDataGrid-cell': { py: 1, alignItems: 'flex-start', display: 'flex' } } as const;

export function SeverityChip({ severity }: { severity: Alarm['severity'] }) {
  return severity === 'critical' ? (
    <Chip size="small" color="error" icon={<ErrorIcon />} label="Critical" />
  ) : (
    <Chip size="small" color="warning" icon={<WarningIcon />} label="Warning" sx={(t) => (t.palette.mode === 'light' ? { bgcolor: t.palette.warning.dark } : {})} />
  );
}

/** Opens the platform's detail; the grid decides whether it is in the tab order. */
export function PlatformLink({ name, tabIndex, onOpen }: { name: string; tabIndex: 0 | -1; onOpen(): void }) {
  return (
    <Link component="button" type="button" tabIndex={tabIndex} onClick={onOpen} sx={{ textAlign: 'left', fontWeight: 500 }}>
      {name}
    </Link>
  );
}

/** Age on top, the time below: "2 h ago" / "1 Dec 2025, 14:03". */
export function TimeCell({ iso, now }: { iso: string; now: number }) {
  return (
    <Box sx={{ lineHeight: 1.3 }}>
      <Typography variant="body2">{formatAge(iso, now)}</Typography>
      <Typography variant="caption" color="text.secondary">
        {formatDateTime(iso)}
      </Typography>
    </Box>
  );
}

export function WrappedText({ text }: { text: string }) {
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
      {text}
    </Typography>
  );
}
