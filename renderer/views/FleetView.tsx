import { useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import DnsIcon from '@mui/icons-material/Dns';
import SettingsIcon from '@mui/icons-material/Settings';
import { EmptyState } from '../components/EmptyState';
import { ViewHeader } from '../components/ViewHeader';
import { useAlarms } from '../store/alarmStore';
import { useConnection } from '../store/connectionStore';
import { useFleet } from '../store/fleetStore';
import { useNavigation } from '../store/navigationStore';
import { FleetCounts } from './fleet/FleetCounts';
import { fleetCounts } from './fleet/fleetRows';
import { FleetTable } from './fleet/FleetTable';
import { useFleetRows } from './fleet/useFleetRows';

const TITLE = 'Fleet';
const SUBTITLE = 'Every customer site and App Platform you look after.';

export function FleetView() {
  const loaded = useFleet((state) => state.overviewLoaded);
  const sites = useFleet((state) => state.overviewSites);
  const platformCount = useFleet((state) => state.entries.length);
  const error = useFleet((state) => state.error);
  const inventoryProblem = useFleet((state) => state.inventoryProblem);
  const statusProblem = useFleet((state) => state.statusProblem);
  const problems = [inventoryProblem, statusProblem].filter((p): p is string => p !== null);
  const alarmError = useAlarms((state) => state.error);
  const reload = useFleet((state) => state.load);
  const rows = useFleetRows();
  const counts = useMemo(() => fleetCounts(rows), [rows]);
  // The empty table is laid out while the engine reads the fleet: its first mount is the costliest part of showing
  // it. Only once the connection is open and the page has sent its requests, so that the mount does not delay them.
  const connection = useConnection((state) => state.state);
  const [laidOut, setLaidOut] = useState(loaded);
  useEffect(() => {
    if (connection !== 'open') return;
    const timer = setTimeout(() => setLaidOut(true), 0);
    return () => clearTimeout(timer);
  }, [connection]);

  const alerts = (
    <>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {problems.map((problem) => (
        <Alert key={problem} severity="warning" sx={{ mb: 2 }}>
          {problem}
        </Alert>
      ))}
      {alarmError && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {alarmError}
        </Alert>
      )}
    </>
  );

  if (!loaded && !laidOut) {
    return (
      <>
        <ViewHeader title={TITLE} subtitle={SUBTITLE} />
        <LinearProgress aria-label="Reading the fleet" />
      </>
    );
  }
  if (loaded && platformCount === 0 && error) {
    // Without an answer the fleet may well have platforms: no "empty fleet" advice, only the error and a retry.
    return (
      <>
        <ViewHeader title={TITLE} subtitle={SUBTITLE} />
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => void reload()}>
              Try again
            </Button>
          }
        >
          {error}
        </Alert>
      </>
    );
  }
  if (loaded && platformCount === 0) {
    return (
      <>
        <ViewHeader title={TITLE} subtitle={SUBTITLE} />
        {alerts}
        <NoPlatforms />
      </>
    );
  }
  return (
    // The grid fills the window below the app bar (48 px) and the page padding (2 × 24 px), so it scrolls itself.
    <Box sx={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 96px)', minHeight: 520 }}>
      <ViewHeader title={TITLE} subtitle={SUBTITLE} actions={loaded ? <FleetCounts counts={counts} /> : undefined} />
      {alerts}
      <FleetTable rows={rows} sites={sites} loading={!loaded} />
    </Box>
  );
}

function NoPlatforms() {
  const go = useNavigation((state) => state.go);
  return (
    <EmptyState icon={<DnsIcon />} title="No App Platforms yet">
      <Typography>
        Your fleet is made of customer sites, each with one or more App Platforms. The console reaches each platform over SSH as
        the <strong>admin</strong> user, so for every platform you need its address and the admin and root passwords (or an SSH key).
      </Typography>
      <Typography>
        Start by adding a site and its platforms, or bring in many at once from a CSV file, from the Host entries of your
        SSH config, or from a lab fleet file. Passwords go into the console&apos;s encrypted vault, never into exported files.
      </Typography>
      <Typography>
        Once a platform is in the fleet, the console polls it and shows its image build, disk use, instances and replication here.
      </Typography>
      <Box sx={{ textAlign: 'center', mt: 2 }}>
        <Button variant="contained" startIcon={<SettingsIcon />} onClick={() => go('settings')}>
          Add or import platforms in Settings
        </Button>
      </Box>
    </EmptyState>
  );
}
