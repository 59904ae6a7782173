import { Box, Button, Tooltip, Typography } from '@mui/material';
import ArticleIcon from '@mui/icons-material/Article';
import type { PlatformStatus } from '../../../electron/core/contract';
import { useNavigation } from '../../store/navigationStore';
import { FactList } from './FactList';
import type { Fact } from './FactList';
import { formatDateTime } from '../../format/age';
import { formatBytes } from '../../format/bytes';
import { SectionCard } from './SectionCard';

function coreDumpFacts(dumps: PlatformStatus['coreDumps']): Fact[] {
  if (!dumps) return [{ label: 'Core dumps', value: 'Not read in the last poll' }];
  if (dumps.count === 0) return [{ label: 'Core dumps', value: 'None' }];
  return [
    { label: 'Core dumps', value: `${dumps.count}, ${formatBytes(dumps.bytes)} together` },
    {
      label: 'Newest',
      value: dumps.newestPath ? (
        <Tooltip title={dumps.newestPath}>
          <Box component="span" sx={{ fontFamily: 'monospace', fontSize: '0.85rem', overflowWrap: 'anywhere' }}>
            {dumps.newestPath}
          </Box>
        </Tooltip>
      ) : (
        'Not known'
      ),
    },
    { label: 'Written', value: dumps.newestAt ? formatDateTime(dumps.newestAt) : 'Not known' },
  ];
}

/** What the last poll knows about logs and core dumps; fetching them is on the Logs screen. */
export function LogsTab({ status }: { status: PlatformStatus | null }) {
  const go = useNavigation((s) => s.go);
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <SectionCard title="Logs and core dumps">
        {status ? (
          <FactList columns={2} facts={[{ label: 'Logs (/var/log)', value: status.logsBytes === null ? 'Not read in the last poll' : formatBytes(status.logsBytes) }, ...coreDumpFacts(status.coreDumps)]} />
        ) : (
          <Typography color="text.secondary">Not polled yet.</Typography>
        )}
      </SectionCard>
      <Box>
        <Button variant="contained" startIcon={<ArticleIcon />} onClick={() => go('logs')}>
          Open the Logs screen
        </Button>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Logs, core dumps and support bundles are fetched from the Logs screen, also when the platform&apos;s web interface is down.
        </Typography>
      </Box>
    </Box>
  );
}
