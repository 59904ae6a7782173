import { useState } from 'react';
import { Alert, Box, Button, CircularProgress, List, ListItem, ListItemIcon, ListItemText } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import type { Result } from '../../../electron/core/contract';
import { api } from '../../api/api';
import { describeError } from '../../store/describeError';

type ConnectionCheck = Result<'fleet.testConnection'>['checks'][number];

const STEP_LABELS: Record<ConnectionCheck['step'], string> = {
  ssh: 'SSH login as admin',
  root: 'su root',
  database: 'PostgreSQL',
  webserver: 'Webserver (HTTPS)',
};

function StepIcon({ ok }: { ok: boolean | null }) {
  if (ok === true) return <CheckCircleIcon color="success" titleAccess="OK" />;
  if (ok === false) return <ErrorIcon color="error" titleAccess="Failed" />;
  return <RadioButtonUncheckedIcon color="disabled" titleAccess="Not tried" />;
}

const outcome = (ok: boolean | null) => (ok === true ? 'OK' : ok === false ? 'failed' : 'not tried');

/** Logs in to one platform as the inventory says and lists how each step went. */
export function ConnectionTest({ platformId, platformName }: { platformId: string; platformName: string }) {
  const [busy, setBusy] = useState(false);
  const [checks, setChecks] = useState<readonly ConnectionCheck[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setChecks((await api.call('fleet.testConnection', { platformId })).checks);
    } catch (problem) {
      setChecks(null);
      setError(describeError(problem, `test the connection to ${platformName}`));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box>
      <Button variant="outlined" onClick={() => void run()} disabled={busy} startIcon={busy ? <CircularProgress size={16} /> : undefined}>
        {busy ? 'Testing…' : `Test connection to ${platformName}`}
      </Button>
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {error}
        </Alert>
      )}
      {checks && (
        <List dense aria-label={`Connection test of ${platformName}`} data-testid="connection-checks">
          {checks.map((check) => (
            <ListItem key={check.step} disableGutters alignItems="flex-start">
              <ListItemIcon sx={{ minWidth: 36, mt: 0.5 }}>
                <StepIcon ok={check.ok} />
              </ListItemIcon>
              <ListItemText
                primary={`${STEP_LABELS[check.step]}: ${outcome(check.ok)}`}
                secondary={check.message}
                slotProps={{ secondary: { sx: { wordBreak: 'break-word' } } }}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}
