import { Box, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined';
import type { PlatformStatus } from '../../../electron/core/contract';
import { reachSentence } from './platformFacts';

/** How the last poll reached the platform, with an icon that does not rely on colour alone. */
export function ReachabilityText({ reach }: { reach: PlatformStatus['reach'] | null }) {
  const ok = reach?.state === 'ok';
  const icon = !reach ? <HelpOutlineIcon fontSize="small" color="disabled" /> : ok ? <CheckCircleIcon fontSize="small" color="success" /> : <ErrorIcon fontSize="small" color="error" />;
  return (
    <Box component="span" sx={{ display: 'inline-flex', gap: 0.75, alignItems: 'flex-start' }}>
      <Box component="span" aria-hidden sx={{ display: 'inline-flex', mt: '2px' }}>
        {icon}
      </Box>
      <Typography component="span" color={reach && !ok ? 'error' : 'text.primary'}>
        {reach ? reachSentence(reach) : 'Not polled yet.'}
      </Typography>
    </Box>
  );
}
