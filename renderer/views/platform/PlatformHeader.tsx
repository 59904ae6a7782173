import { Alert, Box, Breadcrumbs, Button, Chip, Link, Paper, Snackbar, Typography } from '@mui/material';
import type { Theme } from '@mui/material/styles';
import RefreshIcon from '@mui/icons-material/Refresh';
import type { Platform, Site } from '../../../electron/core/contract';
import { HostKeyDecisionAlert } from '../../components/HostKeyDecisionAlert';
import type { KnownStatus } from '../../store/fleetStore';
import { useNavigation } from '../../store/navigationStore';
import { FactList } from './FactList';
import { formatAge } from '../../format/age';
import { formatDuration } from '../../format/duration';
import { PlatformLinks } from './PlatformLinks';
import { formFactorText, roleSummary } from './platformFacts';
import { ReachabilityText } from './ReachabilityText';
import { useNow } from '../../format/useNow';
import { usePollNow } from './usePollNow';

/** Warning colour dark enough to read as text on the paper of either theme. */
const warningText = { color: (t: Theme) => (t.palette.mode === 'dark' ? t.palette.warning.light : t.palette.warning.dark) };

interface PlatformHeaderProps {
  platform: Platform;
  site: Site | null;
  known: KnownStatus | null;
}

export function PlatformHeader({ platform, site, known }: PlatformHeaderProps) {
  const go = useNavigation((s) => s.go);
  const now = useNow();
  const { polling, outcome, poll, clearOutcome } = usePollNow(platform.id, platform.name);
  const status = known?.status ?? null;
  const role = roleSummary(platform, status?.replication ?? null);
  const reach = status?.reach ?? null;
  const siteText = site ? (site.customer ? `${site.name} · ${site.customer}` : site.name) : 'Site not found';
  const lastPoll = known ? `${formatAge(known.receivedAt, now)} (took ${formatDuration(known.status.durationMs / 1000)})` : 'Never';

  return (
    <Box component="header" sx={{ mb: 2 }}>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
        <Link component="button" type="button" underline="hover" color="inherit" onClick={() => go('fleet')}>
          Fleet
        </Link>
        <Typography color="text.primary">{platform.name}</Typography>
      </Breadcrumbs>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Box sx={{ flex: 1, minWidth: 280 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
            <Typography variant="h1" component="h1" sx={{ overflowWrap: 'anywhere' }}>
              {platform.name}
            </Typography>
            <Chip size="small" label={role.actual ?? role.expected} color={role.mismatch ? 'warning' : 'default'} variant="outlined" />
          </Box>
          <Typography color="text.secondary">{siteText}</Typography>
        </Box>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', justifyContent: 'flex-end' }}>
          <PlatformLinks address={platform.address} />
          <Button variant="contained" startIcon={<RefreshIcon />} loading={polling} loadingPosition="start" onClick={() => void poll()}>
            {polling ? 'Polling…' : 'Poll now'}
          </Button>
        </Box>
      </Box>
      {reach && (reach.state === 'host_key_unknown' || reach.state === 'host_key_changed') && (
        <Box sx={{ mb: 2 }}>
          <HostKeyDecisionAlert platformId={platform.id} platformName={platform.name} reach={reach} />
        </Box>
      )}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <FactList
          columns={4}
          facts={[
            { label: 'Address', value: platform.sshPort === 22 ? platform.address : `${platform.address}, SSH port ${platform.sshPort}` },
            { label: 'Image build', value: status?.build ?? 'Not known yet' },
            { label: 'Form factor', value: formFactorText(status?.formFactor ?? platform.formFactor) },
            { label: 'Uptime', value: status?.uptimeSeconds != null ? formatDuration(status.uptimeSeconds) : 'Not known yet' },
            { label: 'Role', value: <Typography component="span" sx={role.mismatch ? warningText : undefined}>{role.text}</Typography> },
            { label: 'Reachability', value: <ReachabilityText reach={reach} />, wide: true },
            { label: 'Last poll', value: lastPoll },
          ]}
        />
      </Paper>
      <Box role="status" aria-live="polite" sx={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' }}>
        {polling ? `Polling ${platform.name}…` : ''}
      </Box>
      <Snackbar open={outcome !== null} autoHideDuration={6000} onClose={clearOutcome} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <Alert severity={outcome?.severity ?? 'success'} variant="filled" onClose={clearOutcome} sx={{ width: '100%' }}>
          {outcome?.message ?? ''}
        </Alert>
      </Snackbar>
    </Box>
  );
}
