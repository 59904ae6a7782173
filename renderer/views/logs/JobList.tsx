import { useRef } from 'react';
import { Box, Divider } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RetrievalJob } from '../../../electron/core/contract';
import { JobItem } from './JobItem';

/** Jobs as a virtualized list; each row is as tall as its content. */
export function JobList({ jobs, label, platformOf, onOpenInViewer, maxHeight }: {
  jobs: readonly RetrievalJob[];
  label: string;
  platformOf?(platformId: string): { site: string | null; name: string };
  onOpenInViewer(path: string): void;
  maxHeight: number | string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as it is each render, never memoized
  const virtualizer = useVirtualizer({ count: jobs.length, getScrollElement: () => scrollRef.current, estimateSize: () => 110, overscan: 6, getItemKey: (i) => jobs[i]?.jobId ?? i });
  return (
    <Box ref={scrollRef} sx={{ maxHeight, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Box role="list" aria-label={label} sx={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const job = jobs[item.index];
          if (!job) return null;
          return (
            <Box key={item.key} ref={virtualizer.measureElement} data-index={item.index} role="listitem" aria-label={job.label} sx={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}>
              {item.index > 0 && <Divider />}
              <JobItem job={job} platform={platformOf?.(job.platformId)} onOpenInViewer={onOpenInViewer} />
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
