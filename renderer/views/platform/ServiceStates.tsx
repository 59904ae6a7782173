import { Box, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined';
import type { PlatformStatus } from '../../../electron/core/contract';
import { serviceState } from './platformFacts';
import type { ServiceState } from './platformFacts';

const SERVICES: Array<[keyof PlatformStatus['services'], string]> = [
  ['manager', 'AP Manager'],
  ['webserver', 'Webserver'],
  ['postgres', 'PostgreSQL'],
  ['managerHttps', 'AP Manager over HTTPS'],
];

const STATE_TEXT: Record<ServiceState, string> = { running: 'Running', stopped: 'Stopped', unknown: 'Not known' };

function StateIcon({ state }: { state: ServiceState }) {
  if (state === 'running') return <CheckCircleIcon fontSize="small" color="success" aria-hidden />;
  if (state === 'stopped') return <CancelIcon fontSize="small" color="error" aria-hidden />;
  return <HelpOutlineIcon fontSize="small" color="disabled" aria-hidden />;
}

export function ServiceStates({ services }: { services: PlatformStatus['services'] | null }) {
  return (
    <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1 }} aria-label="Services">
      {SERVICES.map(([key, label]) => {
        const state = serviceState(services?.[key] ?? null);
        return (
          <Box component="li" key={key} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <StateIcon state={state} />
            <Typography sx={{ flex: 1 }}>{label}</Typography>
            <Typography color={state === 'stopped' ? 'error' : 'text.secondary'} sx={{ fontWeight: state === 'stopped' ? 600 : 400 }}>
              {STATE_TEXT[state]}
            </Typography>
          </Box>
        );
      })}
    </Box>
  );
}
