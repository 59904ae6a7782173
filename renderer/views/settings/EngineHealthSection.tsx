import { Box, Button, Chip, Stack, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useAppInfo } from '../../store/appInfoStore';
import { formatDuration } from '../alarms/alarmTime';
import { SettingsSection } from './SettingsSection';

export function EngineHealthSection() {
  const health = useAppInfo((state) => state.health);
  const loadHealth = useAppInfo((state) => state.loadHealth);
  return (
    <SettingsSection
      id="engine"
      title="Console engine"
      actions={
        <Button startIcon={<RefreshIcon />} onClick={() => void loadHealth()}>
          Check again
        </Button>
      }
    >
      {health && (
        <Stack spacing={1} data-testid="health-checks">
          {health.checks.map((check) => (
            <Box key={check.name} sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start' }}>
              {check.ok ? <CheckCircleIcon color="success" aria-label="OK" /> : <ErrorIcon color="error" aria-label="Problem" />}
              <Box>
                <Typography sx={{ fontWeight: 500 }}>{check.name}</Typography>
                <Typography color="text.secondary" sx={{ wordBreak: 'break-word' }}>
                  {check.detail}
                </Typography>
              </Box>
            </Box>
          ))}
          <Box sx={{ display: 'flex', gap: 1, pt: 1, flexWrap: 'wrap' }}>
            <Chip size="small" label={`Up ${formatDuration(health.uptimeSeconds * 1000)}`} />
            <Chip size="small" label={`Memory ${(health.rssBytes / 1024 / 1024).toFixed(0)} MB`} />
          </Box>
        </Stack>
      )}
    </SettingsSection>
  );
}
