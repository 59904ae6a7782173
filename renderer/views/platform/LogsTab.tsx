import { useEffect, useState } from 'react';
import { Alert, Box, Button, Tooltip, Typography } from '@mui/material';
import ArticleIcon from '@mui/icons-material/Article';
import MemoryIcon from '@mui/icons-material/Memory';
import type { PlatformStatus } from '../../../electron/core/contract';
import { useFleet } from '../../store/fleetStore';
import { useNavigation } from '../../store/navigationStore';
import { useRetrieval } from '../../store/retrievalStore';
import { FactList } from './FactList';
import type { Fact } from './FactList';
import { formatDateTime } from '../../format/age';
import { formatBytes } from '../../format/bytes';
import { SectionCard } from './SectionCard';
import { CoreDumpsSection } from './logs/CoreDumpsSection';
import { FollowPane } from './logs/FollowPane';
import { LogFileBrowser } from './logs/LogFileBrowser';
import { MemoryDumpDialog } from './logs/MemoryDumpDialog';
import { PlatformJobs } from './logs/PlatformJobs';
import { SupportBundleCard } from './logs/SupportBundleCard';
import { SaveToField } from '../logs/SaveToField';

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

/** The platform's logs and core dumps: the last poll's facts, /var/log to browse, download and follow, core dumps, memory dumps and support bundles. */
export function LogsTab({ platformId, status }: { platformId: string; status: PlatformStatus | null }) {
  const go = useNavigation((s) => s.go);
  const platformName = useFleet((s) => s.platforms.find((p) => p.id === platformId)?.name ?? platformId);
  const loadJobs = useRetrieval((s) => s.load);
  const memoryDump = useRetrieval((s) => s.memoryDump);
  const [following, setFollowing] = useState<string | null>(null);
  const [dumping, setDumping] = useState(false);
  const [dumpStarted, setDumpStarted] = useState<string | null>(null);
  useEffect(() => void loadJobs(), [loadJobs]);

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
        <SectionCard title="Logs and core dumps at the last poll">
          {status ? (
            <FactList columns={2} facts={[{ label: 'Logs (/var/log)', value: status.logsBytes === null ? 'Not read in the last poll' : formatBytes(status.logsBytes) }, ...coreDumpFacts(status.coreDumps)]} />
          ) : (
            <Typography color="text.secondary">Not polled yet.</Typography>
          )}
        </SectionCard>
        <SectionCard title="Support bundle">
          <SupportBundleCard platformId={platformId} />
        </SectionCard>
      </Box>
      <SectionCard title="Files in /var/log">
        <Box sx={{ mb: 2 }}>
          <SaveToField fullWidth />
        </Box>
        <LogFileBrowser platformId={platformId} platformName={platformName} onFollow={setFollowing} />
      </SectionCard>
      {following && (
        <SectionCard title="Follow a log">
          <FollowPane key={following} platformId={platformId} path={following} onClose={() => setFollowing(null)} />
        </SectionCard>
      )}
      <SectionCard
        title="Core dumps"
        action={
          <Button size="small" variant="outlined" startIcon={<MemoryIcon />} onClick={() => setDumping(true)}>
            Memory dump of a process…
          </Button>
        }
      >
        {dumpStarted && (
          <Alert severity="success" sx={{ mb: 1 }} onClose={() => setDumpStarted(null)}>
            {dumpStarted}
          </Alert>
        )}
        <CoreDumpsSection platformId={platformId} platformName={platformName} />
      </SectionCard>
      <SectionCard
        title="Transfers"
        action={
          <Button size="small" startIcon={<ArticleIcon />} onClick={() => go('logs')}>
            All transfers and the offline viewer
          </Button>
        }
      >
        <PlatformJobs platformId={platformId} platformName={platformName} />
      </SectionCard>
      {dumping && (
        <MemoryDumpDialog
          platformName={platformName}
          status={status}
          onCancel={() => setDumping(false)}
          onStart={async (pid) => {
            const outcome = await memoryDump(platformId, pid);
            if (!outcome.ok) return outcome.error;
            setDumping(false);
            setDumpStarted(`Memory dump of process ${pid} started. Its progress is under Transfers below.`);
            return null;
          }}
        />
      )}
    </Box>
  );
}
