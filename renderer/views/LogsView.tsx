import { useEffect } from 'react';
import { Box, Tab, Tabs } from '@mui/material';
import { ViewHeader } from '../components/ViewHeader';
import { useRetrieval } from '../store/retrievalStore';
import { useViewer } from '../store/viewerStore';
import type { LogsScreenTab } from '../store/viewerStore';
import { OfflineViewerTab } from './logs/OfflineViewerTab';
import { TransfersTab } from './logs/TransfersTab';

/** Every transfer across the fleet, and the offline viewer for bundles and log archives. */
export function LogsView() {
  const tab = useViewer((s) => s.tab);
  const setTab = useViewer((s) => s.setTab);
  const loadJobs = useRetrieval((s) => s.load);
  const running = useRetrieval((s) => [...s.jobs.values()].filter((j) => j.state === 'running' || j.state === 'queued').length);
  useEffect(() => void loadJobs(), [loadJobs]);
  return (
    <>
      <ViewHeader title="Logs" subtitle="Downloads, support bundles and memory dumps from your platforms, and the offline viewer for bundles and log archives." />
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs value={tab} onChange={(_event, value: LogsScreenTab) => setTab(value)} aria-label="Logs sections">
          <Tab value="transfers" label={running ? `Transfers (${running} running)` : 'Transfers'} id="logs-tab-transfers" aria-controls="logs-panel-transfers" />
          <Tab value="viewer" label="Offline viewer" id="logs-tab-viewer" aria-controls="logs-panel-viewer" />
        </Tabs>
      </Box>
      <Box role="tabpanel" id={`logs-panel-${tab}`} aria-labelledby={`logs-tab-${tab}`}>
        {tab === 'transfers' ? <TransfersTab /> : <OfflineViewerTab />}
      </Box>
    </>
  );
}
