import { useCallback, useMemo, useState } from 'react';
import { Alert, Box, Button, LinearProgress, Tab, Tabs, Typography } from '@mui/material';
import NotificationsNoneIcon from '@mui/icons-material/NotificationsNone';
import { EmptyState } from '../components/EmptyState';
import { ViewHeader } from '../components/ViewHeader';
import { useAlarms } from '../store/alarmStore';
import { useFleet } from '../store/fleetStore';
import { useNavigation } from '../store/navigationStore';
import { AcknowledgeDialog } from './alarms/AcknowledgeDialog';
import { ActiveAlarmsGrid } from './alarms/ActiveAlarmsGrid';
import { AlarmFilters } from './alarms/AlarmFilters';
import { AlarmHistoryGrid } from './alarms/AlarmHistoryGrid';
import type { AlarmFilter, AlarmRow } from './alarms/alarmRows';
import { NO_ALARM_FILTER, activeRows, alarmRows, historyRows, kindsOf } from './alarms/alarmRows';
import { useNow } from '../format/useNow';

type AlarmTab = 'active' | 'history';

export function AlarmsView() {
  const { loaded, active, history, error } = useAlarms();
  const platforms = useFleet((state) => state.platforms);
  const sites = useFleet((state) => state.sites);
  const openPlatform = useNavigation((state) => state.openPlatform);
  const [tab, setTab] = useState<AlarmTab>('active');
  const [filter, setFilter] = useState<AlarmFilter>(NO_ALARM_FILTER);
  const [acknowledging, setAcknowledging] = useState<AlarmRow | null>(null);
  const now = useNow(30_000);

  const allActive = useMemo(() => alarmRows(active, platforms, sites), [active, platforms, sites]);
  const allHistory = useMemo(() => alarmRows(history, platforms, sites), [history, platforms, sites]);
  const shownActive = useMemo(() => activeRows(allActive, filter), [allActive, filter]);
  const shownHistory = useMemo(() => historyRows(allHistory, filter), [allHistory, filter]);
  const kinds = useMemo(() => {
    const present = kindsOf(tab === 'active' ? active : history);
    return filter.kind && !present.includes(filter.kind) ? [...present, filter.kind] : present;
  }, [tab, active, history, filter.kind]);
  const siteList = useMemo(() => [...sites.values()].sort((a, b) => a.name.localeCompare(b.name)), [sites]);
  const open = useCallback((platformId: string) => openPlatform(platformId), [openPlatform]);

  const counts = `${active.length} active${active.length ? `, ${active.filter((a) => a.severity === 'critical').length} critical` : ''}`;
  return (
    <>
      <ViewHeader title="Alarms" subtitle={loaded && !error ? `Active alarms across the whole fleet, worst first: ${counts}.` : 'Active alarms across the whole fleet, worst first.'} />
      {!loaded && <LinearProgress aria-label="Loading the alarms" sx={{ mb: 2 }} />}
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs value={tab} onChange={(_event, value: AlarmTab) => setTab(value)} aria-label="Alarm lists">
          <Tab value="active" label={`Active (${active.length})`} id="alarms-tab-active" aria-controls="alarms-panel-active" />
          <Tab value="history" label={`History (${history.length})`} id="alarms-tab-history" aria-controls="alarms-panel-history" />
        </Tabs>
      </Box>
      <div role="tabpanel" id={`alarms-panel-${tab}`} aria-labelledby={`alarms-tab-${tab}`}>
        {loaded && tab === 'active' && active.length === 0 && !error ? (
          <NoActiveAlarms />
        ) : (
          <>
            <AlarmFilters filter={filter} onChange={setFilter} sites={siteList} kinds={kinds} showAcknowledgedSwitch={tab === 'active'} />
            {tab === 'active' && shownActive.length === 0 && allActive.length > 0 ? (
              <NothingMatches onClear={() => setFilter(NO_ALARM_FILTER)} />
            ) : tab === 'active' ? (
              <ActiveAlarmsGrid rows={shownActive} now={now} onOpenPlatform={open} onAcknowledge={setAcknowledging} />
            ) : (
              <AlarmHistoryGrid rows={shownHistory} now={now} onOpenPlatform={open} />
            )}
          </>
        )}
      </div>
      <AcknowledgeDialog row={acknowledging} onClose={() => setAcknowledging(null)} />
    </>
  );
}

function NoActiveAlarms() {
  return (
    <EmptyState icon={<NotificationsNoneIcon />} title="No active alarms">
      <Typography>
        The console raises alarms from the polls of your App Platforms: the data partition filling up or full within hours, a missing
        reserve file, logs or core dumps taking too much space, a standby that is missing, not streaming or lagging behind, a webserver
        certificate about to expire, the AP Manager, webserver or PostgreSQL not running, and a platform that cannot be reached, refuses
        the login or shows a host key that changed.
      </Typography>
      <Typography>The limits are in Settings, under Polling and alarms. Cleared alarms stay listed under History.</Typography>
    </EmptyState>
  );
}

function NothingMatches({ onClear }: { onClear(): void }) {
  return (
    <Alert severity="info" action={<Button onClick={onClear}>Clear filters</Button>}>
      No active alarm matches the filters.
    </Alert>
  );
}
