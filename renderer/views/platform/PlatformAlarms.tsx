import { Box, List, ListItem, Typography } from '@mui/material';
import ErrorIcon from '@mui/icons-material/Error';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import type { Alarm } from '../../../electron/core/contract';
import { formatAge } from '../../format/age';
import { useNow } from '../../format/useNow';
import { FixWizardButton } from '../wizards/FixWizardButton';
import { StartWizardHost } from '../wizards/StartWizardHost';

/** This platform's active alarms, most severe first, each with the wizard that fixes it. */
export function PlatformAlarms({ alarms }: { alarms: readonly Alarm[] }) {
  const now = useNow(30_000);
  if (alarms.length === 0) return <Typography color="text.secondary">No active alarms.</Typography>;
  const sorted = [...alarms].sort((a, b) => (a.severity === b.severity ? Date.parse(b.raisedAt) - Date.parse(a.raisedAt) : a.severity === 'critical' ? -1 : 1));
  return (
    <>
    <List disablePadding aria-label="Active alarms">
      {sorted.map((alarm) => (
        <ListItem key={alarm.id} disableGutters alignItems="flex-start" sx={{ gap: 1.5 }}>
          <Box sx={{ mt: '2px' }}>
            {alarm.severity === 'critical' ? <ErrorIcon color="error" titleAccess="Critical" /> : <WarningAmberIcon color="warning" titleAccess="Warning" />}
          </Box>
          <Box sx={{ minWidth: 0, flex: 1 }}>
            <Typography sx={{ overflowWrap: 'anywhere' }}>{alarm.cause}</Typography>
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', mt: 0.5 }}>
              <Typography variant="body2" color="text.secondary">
                Raised {formatAge(Date.parse(alarm.raisedAt), now)}
              </Typography>
              {alarm.wizard && <FixWizardButton wizardId={alarm.wizard} platformId={alarm.platformId} />}
              {alarm.acknowledged && (
                <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                  Acknowledged{alarm.acknowledged.note ? `: ${alarm.acknowledged.note}` : ''}
                </Typography>
              )}
            </Box>
          </Box>
        </ListItem>
      ))}
    </List>
    <StartWizardHost />
    </>
  );
}
