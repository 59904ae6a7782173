import { useEffect, useMemo } from 'react';
import { CssBaseline, ThemeProvider, useMediaQuery } from '@mui/material';
import { AppShell } from './components/AppShell';
import { useNavigation } from './store/navigationStore';
import type { ViewId } from './store/navigationStore';
import { useSettings } from './store/settingsStore';
import { createAppTheme } from './theme';
import { AlarmsView } from './views/AlarmsView';
import { FleetView } from './views/FleetView';
import { LogsView } from './views/LogsView';
import { SettingsView } from './views/SettingsView';
import { WizardsView } from './views/WizardsView';
import { PlatformView } from './views/platform/PlatformView';
import { useFleet } from './store/fleetStore';
import { useAlarms } from './store/alarmStore';

const VIEW_COMPONENTS: Record<ViewId, () => React.JSX.Element> = {
  fleet: FleetView,
  alarms: AlarmsView,
  wizards: WizardsView,
  logs: LogsView,
  settings: SettingsView,
};

export function App() {
  const systemDark = useMediaQuery('(prefers-color-scheme: dark)');
  const preference = useSettings((state) => state.settings?.theme ?? 'system');
  const loadSettings = useSettings((state) => state.load);
  const route = useNavigation((state) => state.route);
  const loadFleet = useFleet((state) => state.load);
  const loadAlarms = useAlarms((state) => state.load);
  useEffect(() => {
    void loadSettings();
    void loadFleet();
    void loadAlarms();
  }, [loadSettings, loadFleet, loadAlarms]);

  const mode = preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;
  const theme = useMemo(() => createAppTheme(mode), [mode]);
  const View = route.view === 'platform' ? null : VIEW_COMPONENTS[route.view];

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <AppShell>
        {View ? <View /> : route.view === 'platform' && <PlatformView key={route.platformId} platformId={route.platformId} tab={route.tab} />}
      </AppShell>
    </ThemeProvider>
  );
}
