import { Alert, Box, Chip, List, ListItem, Typography } from '@mui/material';
import ErrorIcon from '@mui/icons-material/Error';
import WarningIcon from '@mui/icons-material/Warning';
import type { ViewerBundle } from '../../../../electron/core/contract';
import { formatDateTime } from '../../../format/age';
import { formatBytes, formatPercent } from '../../../format/bytes';
import { FactList } from '../../platform/FactList';
import { SectionCard } from '../../platform/SectionCard';

/** What the bundle says about the platform when it was collected: who, which build, disk, alarms, and what could not be read. */
export function BundleSummaryCard({ bundle }: { bundle: ViewerBundle }) {
  const s = bundle.summary;
  const textFiles = bundle.files.filter((f) => !f.binary);
  const bytes = bundle.files.reduce((sum, f) => sum + f.sizeBytes, 0);
  const mismatched = bundle.files.filter((f) => f.verified === false).length;
  const facts = [
    { label: 'Platform', value: s ? `${s.siteName ? `${s.siteName} / ` : ''}${s.platformName ?? 'not named'}${s.address ? ` (${s.address})` : ''}` : 'Not known: a log archive made by hand has no summary' },
    { label: 'Image build', value: s?.build ?? 'Not known' },
    { label: 'Collected', value: s?.collectedAt ? formatDateTime(s.collectedAt) : 'Not known' },
    { label: 'Data partition', value: s?.disk ? `${formatBytes(s.disk.usedBytes)} of ${formatBytes(s.disk.sizeBytes)} used (${formatPercent((s.disk.usedBytes / Math.max(1, s.disk.sizeBytes)) * 100)})` : 'Not known' },
    { label: 'Core dumps', value: s?.includesCoreDumps === null || !s ? 'Not known' : s.includesCoreDumps ? 'Included' : 'Left out' },
    {
      label: 'Files',
      value: `${bundle.files.length} (${textFiles.length} text, ${bundle.files.length - textFiles.length} binary), ${formatBytes(bytes)}${mismatched ? `, ${mismatched} not matching the manifest` : ''}`,
    },
  ];
  const alarms = (
    <>
      {!s || s.alarms.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {s ? 'No active alarm when the bundle was collected.' : 'Not known.'}
        </Typography>
      ) : (
        <List dense disablePadding aria-label="Alarms at collection time">
          {s.alarms.map((alarm, i) => (
            <ListItem key={`${alarm.kind}-${i}`} disableGutters sx={{ gap: 1, alignItems: 'flex-start' }}>
              <Chip
                size="small"
                color={alarm.severity === 'critical' ? 'error' : 'warning'}
                icon={alarm.severity === 'critical' ? <ErrorIcon /> : <WarningIcon />}
                label={alarm.severity === 'critical' ? 'Critical' : 'Warning'}
              />
              <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                <Box component="span" sx={{ fontWeight: 500 }}>
                  {alarm.kind}
                </Box>
                {`: ${alarm.cause}`}
              </Typography>
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
  return (
    <SectionCard title="Summary">
      <FactList columns={4} facts={[...facts, { label: 'Alarms at collection time', value: alarms, wide: true }]} />
      {bundle.problems.length > 0 && (
        <Alert severity="warning" sx={{ mt: 2 }} aria-label="Problems reading the bundle">
          <Typography variant="body2" sx={{ fontWeight: 500, mb: 0.5 }}>
            {`${bundle.problems.length} problem${bundle.problems.length === 1 ? '' : 's'} reading the bundle:`}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {bundle.problems.map((problem) => (
              <li key={problem}>
                <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                  {problem}
                </Typography>
              </li>
            ))}
          </Box>
        </Alert>
      )}
    </SectionCard>
  );
}
