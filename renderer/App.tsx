import { lazy, Suspense, useMemo } from 'react';
import type { ComponentType } from 'react';
import { CssBaseline, LinearProgress, ThemeProvider, useMediaQuery } from '@mui/material';
import { AppShell } from './components/AppShell';
import { useNavigation } from './store/navigationStore';
import type { ViewId } from './store/navigationStore';
import { useSettings } from './store/settingsStore';
import { createAppTheme } from './theme';
import { FleetView } from './views/FleetView';

// The Fleet screen comes with the page; the others (grids, charts, the terminal) load when first opened.
const AlarmsView = lazy(() => import('./views/AlarmsView').then((m) => ({ default: m.AlarmsView })));
const LogsView = lazy(() => import('./views/LogsView').then((m) => ({ default: m.LogsView })));
const SettingsView = lazy(() => import('./views/SettingsView').then((m) => ({ default: m.SettingsView })));
const WizardsView = lazy(() => import('./views/WizardsView').then((m) => ({ default: m.WizardsView })));
const PlatformView = lazy(() => import('./views/platform/PlatformView').then((m) => ({ default: m.PlatformView })));

const VIEW_COMPONENTS: Record<ViewId, ComponentType> = {
  fleet: FleetView,
  alarms: AlarmsView,
  wizards: WizardsView,
  logs: LogsView,
  settings: SettingsView,
};

export function App() {
  const systemDark = useMediaQuery('(prefers-color-scheme: dark)');
  const preference = useSettings((state) => state.settings?.theme ?? 'system');
  const route = useNavigation((state) => state.route);

  const mode = preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;
  const theme = useMemo(() => createAppTheme(mode), [mode]);
  const View = route.view === 'platform' ? null : VIEW_COMPONENTS[route.view];

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <AppShell>
        <Suspense fallback={<LinearProgress aria-label="Opening the screen" />}>
          {View ? <View /> : route.view === 'platform' && <PlatformView key={route.platformId} platformId={route.platformId} tab={route.tab} />}
        </Suspense>
      </AppShell>
    </ThemeProvider>
  );
}
