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
  const view = useNavigation((state) => state.view);
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  const mode = preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;
  const theme = useMemo(() => createAppTheme(mode), [mode]);
  const View = VIEW_COMPONENTS[view];

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <AppShell>
        <View />
      </AppShell>
    </ThemeProvider>
  );
}
