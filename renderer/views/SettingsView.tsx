import { useEffect } from 'react';
import { Alert, Box, Button, Chip, FormControl, FormControlLabel, FormLabel, Paper, Radio, RadioGroup, Stack, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import RefreshIcon from '@mui/icons-material/Refresh';
import { ThemePreference } from '../../electron/core/contract';
import { THEME_CHOICES } from '../components/ThemeMenu';
import { ViewHeader } from '../components/ViewHeader';
import { useAppInfo } from '../store/appInfoStore';
import { useSettings } from '../store/settingsStore';

export function SettingsView() {
  const { settings, error: settingsError, setTheme } = useSettings();
  const { info, health, error: infoError, loadInfo, loadHealth } = useAppInfo();
  useEffect(() => {
    void loadInfo();
    void loadHealth();
  }, [loadInfo, loadHealth]);

  return (
    <>
      <ViewHeader title="Settings" subtitle="How the console looks and where it keeps its data." />
      <Stack spacing={3} sx={{ maxWidth: 820 }}>
        {(settingsError ?? infoError) && <Alert severity="error">{settingsError ?? infoError}</Alert>}
        <Paper variant="outlined" sx={{ p: 3 }}>
          <FormControl>
            <FormLabel id="theme-label" sx={{ mb: 1, fontWeight: 600, color: 'text.primary', '&.Mui-focused': { color: 'text.primary' } }}>
              Theme
            </FormLabel>
            <RadioGroup
              row
              aria-labelledby="theme-label"
              value={settings?.theme ?? 'system'}
              onChange={(event) => {
                const theme = ThemePreference.safeParse(event.target.value);
                if (theme.success) void setTheme(theme.data);
              }}
            >
              {THEME_CHOICES.map((choice) => (
                <FormControlLabel key={choice.value} value={choice.value} control={<Radio />} label={choice.label} />
              ))}
            </RadioGroup>
          </FormControl>
        </Paper>
        <Paper variant="outlined" sx={{ p: 3 }}>
          <Typography sx={{ fontWeight: 600, mb: 1 }}>Data folder</Typography>
          <Typography color="text.secondary" sx={{ mb: 1 }}>
            The fleet, last known states, vault and audit log are kept here.
          </Typography>
          <Typography component="code" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="data-dir">
            {info?.dataDir ?? '…'}
          </Typography>
        </Paper>
        <Paper variant="outlined" sx={{ p: 3 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
            <Typography sx={{ fontWeight: 600, flex: 1 }}>Console engine</Typography>
            <Button startIcon={<RefreshIcon />} onClick={() => void loadHealth()}>
              Check again
            </Button>
          </Box>
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
                <Chip size="small" label={`Up ${formatUptime(health.uptimeSeconds)}`} />
                <Chip size="small" label={`Memory ${(health.rssBytes / 1024 / 1024).toFixed(0)} MB`} />
              </Box>
            </Stack>
          )}
        </Paper>
      </Stack>
    </>
  );
}

function formatUptime(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}
