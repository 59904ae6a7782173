import { useEffect } from 'react';
import { Box, Button, CircularProgress, Tab, Tabs, Typography } from '@mui/material';
import SearchOffIcon from '@mui/icons-material/SearchOff';
import type { Platform, PlatformStatus } from '../../../electron/core/contract';
import { EmptyState } from '../../components/EmptyState';
import { useFleet } from '../../store/fleetStore';
import { PLATFORM_TABS, useNavigation } from '../../store/navigationStore';
import type { PlatformTab } from '../../store/navigationStore';
import { DiskTab } from './DiskTab';
import { InstancesTab } from './InstancesTab';
import { LogsTab } from './LogsTab';
import { OverviewTab } from './OverviewTab';
import { PlatformHeader } from './PlatformHeader';
import { ReplicationTab } from './ReplicationTab';
import { TerminalTab } from './TerminalTab';

const TAB_LABELS: Record<PlatformTab, string> = {
  overview: 'Overview',
  instances: 'Instances',
  disk: 'Disk',
  replication: 'Replication',
  logs: 'Logs',
  terminal: 'Terminal',
};

const tabId = (tab: PlatformTab) => `platform-tab-${tab}`;
const panelId = (tab: PlatformTab) => `platform-panel-${tab}`;

/** One platform in depth: header with the facts and actions, and a tab per concern (the tab lives in the URL). */
export function PlatformView({ platformId, tab }: { platformId: string; tab: PlatformTab }) {
  const loaded = useFleet((s) => s.loaded);
  const platform = useFleet((s) => s.platforms.find((p) => p.id === platformId) ?? null);
  const site = useFleet((s) => (platform ? (s.sites.get(platform.siteId) ?? null) : null));
  const known = useFleet((s) => s.statuses.get(platformId) ?? null);
  const polledBefore = useFleet((s) => s.summaries.has(platformId));
  const loadStatus = useFleet((s) => s.loadStatus);
  const { go, openPlatform } = useNavigation();
  useEffect(() => void loadStatus(platformId), [loadStatus, platformId]);

  if (!platform) {
    if (!loaded) {
      return (
        <Box sx={{ display: 'flex', justifyContent: 'center', mt: 8 }} role="status" aria-label="Loading the fleet">
          <CircularProgress />
        </Box>
      );
    }
    return (
      <EmptyState icon={<SearchOffIcon />} title="This platform is not in the fleet">
        <Typography>
          No platform with the id <strong>{platformId}</strong> is in the inventory. It may have been removed, or the link is from another installation.
        </Typography>
        <Box sx={{ textAlign: 'center', mt: 2 }}>
          <Button variant="contained" onClick={() => go('fleet')}>
            Back to Fleet
          </Button>
        </Box>
      </EmptyState>
    );
  }

  const status = known?.status ?? null;
  return (
    <>
      <PlatformHeader platform={platform} site={site} known={known} />
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs value={tab} onChange={(_, value: PlatformTab) => openPlatform(platform.id, value)} aria-label={`${platform.name} sections`} variant="scrollable" allowScrollButtonsMobile>
          {PLATFORM_TABS.map((t) => (
            <Tab key={t} value={t} label={TAB_LABELS[t]} id={tabId(t)} aria-controls={panelId(t)} />
          ))}
        </Tabs>
      </Box>
      <Box role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)}>
        {polledBefore && !known && tab !== 'terminal' ? (
          <Box sx={{ display: 'flex', justifyContent: 'center', mt: 6 }} role="status" aria-label="Reading the last known state">
            <CircularProgress />
          </Box>
        ) : (
          <PlatformTabPanel tab={tab} platform={platform} status={status} />
        )}
      </Box>
    </>
  );
}

function PlatformTabPanel({ tab, platform, status }: { tab: PlatformTab; platform: Platform; status: PlatformStatus | null }) {
  return (
    <>
      {tab === 'overview' && <OverviewTab platform={platform} status={status} />}
      {tab === 'instances' && <InstancesTab status={status} />}
      {tab === 'disk' && <DiskTab platform={platform} status={status} />}
      {tab === 'replication' && <ReplicationTab platform={platform} />}
      {tab === 'logs' && <LogsTab platformId={platform.id} status={status} />}
      {tab === 'terminal' && <TerminalTab platformId={platform.id} platformName={platform.name} />}
    </>
  );
}
