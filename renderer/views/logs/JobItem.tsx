import { useState } from 'react';
import { Alert, Box, Button, Chip, LinearProgress, Stack, Typography } from '@mui/material';
import type { ChipProps } from '@mui/material';
import CancelIcon from '@mui/icons-material/Cancel';
import FolderZipIcon from '@mui/icons-material/FolderZip';
import MemoryIcon from '@mui/icons-material/Memory';
import DownloadIcon from '@mui/icons-material/Download';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import VisibilityIcon from '@mui/icons-material/Visibility';
import type { RetrievalJob } from '../../../electron/core/contract';
import { formatDateTime } from '../../format/age';
import { useRetrieval } from '../../store/retrievalStore';
import { CopyPathButton } from './CopyPathButton';
import { JOB_KIND_LABELS, JOB_STATE_LABELS, jobActions, jobFraction, jobProgressText } from './jobText';

const STATE_COLOURS: Record<RetrievalJob['state'], ChipProps['color']> = { queued: 'default', running: 'info', failed: 'error', done: 'success', cancelled: 'warning' };
const KIND_ICONS = { download: <DownloadIcon />, bundle: <FolderZipIcon />, 'memory-dump': <MemoryIcon /> } as const;

/** One download, bundle or memory dump: what, where from, how far, what it says, and what can be done with it. */
export function JobItem({ job, platform, onOpenInViewer }: { job: RetrievalJob; platform?: { site: string | null; name: string }; onOpenInViewer(path: string): void }) {
  const { cancel, resume } = useRetrieval();
  const [error, setError] = useState<string | null>(null);
  const actions = jobActions(job);
  const fraction = jobFraction(job);
  const act = async (what: 'cancel' | 'resume') => {
    setError(null);
    const outcome = await (what === 'cancel' ? cancel(job.jobId) : resume(job.jobId));
    if (!outcome.ok) setError(outcome.error);
  };
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '28px 1fr auto', columnGap: 1.5, rowGap: 0.5, py: 1.25, px: 1.5 }}>
      <Box aria-hidden sx={{ color: 'text.secondary', pt: 0.25 }}>
        {KIND_ICONS[job.kind]}
      </Box>
      <Box sx={{ minWidth: 0 }}>
        <Typography sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
          {platform && (
            <Box component="span" sx={{ color: 'text.secondary', fontWeight: 400 }}>
              {platform.site ? `${platform.site} / ` : ''}
              {platform.name}
              {': '}
            </Box>
          )}
          {job.label}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {`${JOB_KIND_LABELS[job.kind]}, started ${formatDateTime(job.createdAt)}${job.endedAt ? `, ended ${formatDateTime(job.endedAt)}` : ''}`}
        </Typography>
      </Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', justifyContent: 'flex-end' }}>
        <Chip size="small" data-testid="job-state" label={JOB_STATE_LABELS[job.state]} color={STATE_COLOURS[job.state]} variant={job.state === 'done' ? 'outlined' : 'filled'} />
        {actions.cancel && (
          <Button size="small" startIcon={<CancelIcon />} onClick={() => void act('cancel')} aria-label={`Cancel ${job.label}`}>
            Cancel
          </Button>
        )}
        {actions.resume && (
          <Button size="small" startIcon={<PlayArrowIcon />} onClick={() => void act('resume')} aria-label={`Resume ${job.label}`}>
            Resume
          </Button>
        )}
        {actions.openInViewer && job.localPath && (
          <Button size="small" variant="outlined" startIcon={<VisibilityIcon />} onClick={() => job.localPath && onOpenInViewer(job.localPath)}>
            Open in viewer
          </Button>
        )}
      </Stack>
      <Box sx={{ gridColumn: '2 / 4', minWidth: 0 }}>
        {job.state !== 'done' && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
            <LinearProgress
              variant={fraction === null ? (job.state === 'running' ? 'indeterminate' : 'determinate') : 'determinate'}
              value={Math.round((fraction ?? 0) * 100)}
              color={job.state === 'failed' ? 'error' : job.state === 'cancelled' ? 'warning' : 'primary'}
              aria-label={`Progress of ${job.label}`}
              sx={{ flex: 1, maxWidth: 420, height: 6, borderRadius: 3 }}
            />
            <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {jobProgressText(job)}
            </Typography>
          </Box>
        )}
        {job.message && (
          <Typography variant="body2" color={job.state === 'failed' ? 'error' : 'text.secondary'} sx={{ overflowWrap: 'anywhere', mt: 0.25 }}>
            {job.message}
          </Typography>
        )}
        {job.localPath && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
            <Typography variant="body2" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
              {job.state === 'done' ? `${job.localPath} (${jobProgressText(job)})` : job.localPath}
            </Typography>
            <CopyPathButton path={job.localPath} />
          </Box>
        )}
        {job.sha256 && (
          <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere', display: 'block' }}>
            {`sha256 ${job.sha256}`}
          </Typography>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 0.5 }} onClose={() => setError(null)}>
            {error}
          </Alert>
        )}
      </Box>
    </Box>
  );
}
