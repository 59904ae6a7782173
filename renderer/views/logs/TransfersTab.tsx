import { useCallback, useMemo } from 'react';
import { Alert, Typography } from '@mui/material';
import SyncAltIcon from '@mui/icons-material/SyncAlt';
import { EmptyState } from '../../components/EmptyState';
import { useFleet } from '../../store/fleetStore';
import { useRetrieval } from '../../store/retrievalStore';
import { useViewer } from '../../store/viewerStore';
import { JobList } from './JobList';
import { jobOrder, platformLabel } from './jobText';

/** Every download, bundle and memory dump of this engine run, across the fleet. */
export function TransfersTab() {
  const { jobs, loaded, error } = useRetrieval();
  const platforms = useFleet((s) => s.platforms);
  const sites = useFleet((s) => s.sites);
  const open = useViewer((s) => s.open);
  const list = useMemo(() => [...jobs.values()].sort(jobOrder), [jobs]);
  const platformOf = useCallback((id: string) => platformLabel(id, platforms, sites), [platforms, sites]);
  const running = list.filter((j) => j.state === 'running' || j.state === 'queued').length;
  return (
    <>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {loaded && list.length === 0 && !error ? (
        <EmptyState icon={<SyncAltIcon />} title="No transfers yet">
          <Typography>
            Downloads of logs and core dumps, support bundles and memory dumps show here with their progress, from every platform. Start them on a platform&apos;s Logs tab:
            open the platform from Fleet, then choose Logs.
          </Typography>
          <Typography>Finished bundles open in the offline viewer, also with no connection to the platform.</Typography>
        </EmptyState>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" role="status" sx={{ mb: 1 }}>
            {`${list.length} transfer${list.length === 1 ? '' : 's'}${running ? `, ${running} running or waiting` : ''}`}
          </Typography>
          <JobList jobs={list} label="Transfers" platformOf={platformOf} onOpenInViewer={(path) => void open(path)} maxHeight="calc(100vh - 300px)" />
        </>
      )}
    </>
  );
}
