import { memo, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Typography,
} from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DoNotDisturbIcon from '@mui/icons-material/DoNotDisturbOn';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import type { RetrievalJob } from '../../../electron/core/contract';
import { formatBytes } from '../../format/bytes';
import { useNavigation } from '../../store/navigationStore';
import { useRetrieval } from '../../store/retrievalStore';
import { SaveToField } from '../logs/SaveToField';
import type { PollTarget } from './BulkPollDialog';

type Phase = 'confirm' | 'starting' | 'started';

const ENDED = new Set<RetrievalJob['state']>(['done', 'failed', 'cancelled']);

/** "Collect support bundles" for the selected platforms: one confirmation, then each platform's bundle as it goes. */
export function BulkBundleDialog({ targets, onClose }: { targets: readonly PollTarget[]; onClose: () => void }) {
  const [phase, setPhase] = useState<Phase>('confirm');
  const [withCoreDumps, setWithCoreDumps] = useState(false);
  const [jobIds, setJobIds] = useState<ReadonlyMap<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const start = useRetrieval((s) => s.bundle);
  const cancel = useRetrieval((s) => s.cancel);
  const jobs = useRetrieval((s) => s.jobs);
  const go = useNavigation((s) => s.go);
  const count = targets.length;
  const plural = count === 1 ? 'platform' : 'platforms';

  const collect = async () => {
    setPhase('starting');
    const outcome = await start(
      targets.map((t) => t.id),
      withCoreDumps,
    );
    if (!outcome.ok) {
      setError(outcome.error);
      setPhase('confirm');
      return;
    }
    setJobIds(new Map(outcome.jobs.map((job) => [job.platformId, job.jobId])));
    setPhase('started');
  };

  const mine = [...jobIds.values()].map((id) => jobs.get(id)).filter((job): job is RetrievalJob => job !== undefined);
  const tally = { done: 0, failed: 0, cancelled: 0 };
  for (const job of mine) if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') tally[job.state]++;
  const open = mine.filter((job) => !ENDED.has(job.state));
  const finished = phase === 'started' && open.length === 0;
  const title = phase === 'started' ? (finished ? `Support bundles of ${count} ${plural}: finished` : `Collecting support bundles of ${count} ${plural}…`) : `Collect support bundles of ${count} ${plural}?`;

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="bulk-bundle-title">
      <DialogTitle id="bulk-bundle-title">{title}</DialogTitle>
      <DialogContent>
        {phase === 'started' ? (
          <Typography role="status" aria-live="polite" sx={{ mb: 1 }}>
            {tally.done} collected{tally.failed ? ` · ${tally.failed} failed` : ''}
            {tally.cancelled ? ` · ${tally.cancelled} cancelled` : ''}
            {open.length ? ` · ${open.length} to go` : ''}
          </Typography>
        ) : (
          <>
            <DialogContentText>
              Each platform&apos;s logs, disk and mount state, processes, image build, instances, replication state and recent alarms go into one archive on this computer,
              a few platforms at a time. Nothing is written to the platforms, so this works with a full disk too.
            </DialogContentText>
            <FormControlLabel
              sx={{ mt: 1 }}
              control={<Checkbox checked={withCoreDumps} onChange={(event) => setWithCoreDumps(event.target.checked)} />}
              label="Include core dumps (they can be large)"
            />
            <Box sx={{ mt: 1 }}>
              <SaveToField fullWidth />
            </Box>
            {error && (
              <Alert severity="error" sx={{ mt: 1 }}>
                {error}
              </Alert>
            )}
          </>
        )}
        <Box sx={{ maxHeight: 320, overflowY: 'auto', mt: 1, border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <List dense aria-label={phase === 'started' ? 'Bundle results' : 'Platforms to collect from'}>
            {targets.map((target) => {
              const jobId = jobIds.get(target.id);
              return <BundleResultItem key={target.id} target={target} job={jobId ? (jobs.get(jobId) ?? null) : null} started={phase === 'started'} />;
            })}
          </List>
        </Box>
      </DialogContent>
      <DialogActions>
        {phase === 'started' ? (
          <>
            <Button onClick={() => go('logs')}>Open Transfers</Button>
            {!finished && (
              <Button color="warning" onClick={() => void Promise.all(open.map((job) => cancel(job.jobId)))}>
                Cancel the rest
              </Button>
            )}
            <Button variant={finished ? 'contained' : 'text'} onClick={onClose}>
              {finished ? 'Close' : 'Close (bundles go on)'}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="contained" onClick={() => void collect()} disabled={phase === 'starting'}>
              Collect {count} {count === 1 ? 'bundle' : 'bundles'}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

function jobLook(job: RetrievalJob | null, started: boolean) {
  if (!started) return null;
  if (!job) return { icon: <ErrorOutlineIcon fontSize="small" color="error" />, text: 'Not started: the engine did not take this platform.' };
  switch (job.state) {
    case 'queued':
      return { icon: <HourglassEmptyIcon fontSize="small" color="disabled" />, text: 'Waiting for its turn' };
    case 'running':
      return { icon: <CircularProgress size={18} aria-hidden />, text: `${job.message ?? 'Collecting'}${job.bytesDone ? ` · ${formatBytes(job.bytesDone)}` : ''}` };
    case 'done':
      return { icon: <CheckCircleIcon fontSize="small" color="success" />, text: `Collected: ${job.localPath ?? ''}` };
    case 'failed':
      return { icon: <ErrorOutlineIcon fontSize="small" color="error" />, text: job.message ?? 'Failed.' };
    case 'cancelled':
      return { icon: <DoNotDisturbIcon fontSize="small" color="disabled" />, text: job.message ?? 'Cancelled.' };
  }
}

const BundleResultItem = memo(function BundleResultItem({ target, job, started }: { target: PollTarget; job: RetrievalJob | null; started: boolean }) {
  const look = jobLook(job, started);
  const progress = job?.state === 'running' && job.bytesTotal ? Math.min(100, (job.bytesDone / job.bytesTotal) * 100) : null;
  return (
    <ListItem>
      {look && <ListItemIcon sx={{ minWidth: 32 }}>{look.icon}</ListItemIcon>}
      <ListItemText
        primary={`${target.name} (${target.siteName})`}
        secondary={
          look && (
            <>
              <span style={{ overflowWrap: 'anywhere' }}>{look.text}</span>
              {progress !== null && <LinearProgress variant="determinate" value={progress} aria-label={`Bundle of ${target.name}`} sx={{ mt: 0.5 }} />}
            </>
          )
        }
        slotProps={{ secondary: { component: 'div' } }}
      />
    </ListItem>
  );
});
