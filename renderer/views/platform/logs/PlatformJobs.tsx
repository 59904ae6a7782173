import { useMemo } from 'react';
import { Typography } from '@mui/material';
import { useNavigation } from '../../../store/navigationStore';
import { useRetrieval } from '../../../store/retrievalStore';
import { useViewer } from '../../../store/viewerStore';
import { JobList } from '../../logs/JobList';
import { jobOrder } from '../../logs/jobText';

/** This platform's downloads, bundles and memory dumps, newest and running first. */
export function PlatformJobs({ platformId, platformName }: { platformId: string; platformName: string }) {
  const all = useRetrieval((s) => s.jobs);
  const go = useNavigation((s) => s.go);
  const open = useViewer((s) => s.open);
  const jobs = useMemo(() => [...all.values()].filter((j) => j.platformId === platformId).sort(jobOrder), [all, platformId]);
  if (jobs.length === 0) {
    return <Typography color="text.secondary">Nothing fetched from {platformName} since the console started. Downloads, bundles and memory dumps show here with their progress.</Typography>;
  }
  return (
    <JobList
      jobs={jobs}
      label={`Transfers from ${platformName}`}
      maxHeight={420}
      onOpenInViewer={(path) => {
        void open(path);
        go('logs');
      }}
    />
  );
}
