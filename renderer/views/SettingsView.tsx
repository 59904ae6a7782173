import { useEffect } from 'react';
import { Alert, Box, Stack } from '@mui/material';
import { ViewHeader } from '../components/ViewHeader';
import { useAppInfo } from '../store/appInfoStore';
import { useSettings } from '../store/settingsStore';
import { AppearanceSection } from './settings/AppearanceSection';
import { CredentialsSection } from './settings/CredentialsSection';
import { DataFolderSection } from './settings/DataFolderSection';
import { EngineHealthSection } from './settings/EngineHealthSection';
import { HostKeysSection } from './settings/HostKeysSection';
import { ImportExportSection } from './settings/ImportExportSection';
import { PollingSection } from './settings/PollingSection';
import { SettingsNav } from './settings/SettingsNav';
import type { SettingsNavItem } from './settings/SettingsNav';
import { VaultSection } from './settings/VaultSection';

const SECTIONS: readonly SettingsNavItem[] = [
  { id: 'appearance', label: 'Appearance' },
  { id: 'vault', label: 'Vault' },
  { id: 'credentials', label: 'Credentials' },
  { id: 'host-keys', label: 'Host keys' },
  { id: 'polling', label: 'Polling and alarms' },
  { id: 'import-export', label: 'Import and export' },
  { id: 'data-folder', label: 'Data folder' },
  { id: 'engine', label: 'Console engine' },
];

export function SettingsView() {
  const settingsError = useSettings((state) => state.error);
  const infoError = useAppInfo((state) => state.error);
  const loadInfo = useAppInfo((state) => state.loadInfo);
  const loadHealth = useAppInfo((state) => state.loadHealth);
  useEffect(() => {
    void loadInfo();
    void loadHealth();
  }, [loadInfo, loadHealth]);

  return (
    <>
      <ViewHeader title="Settings" subtitle="The vault and credentials, host keys, polling and alarm limits, import and export, and how the console looks." />
      <Box sx={{ display: 'flex', gap: 3, alignItems: 'flex-start' }}>
        <Box sx={{ width: 200, flexShrink: 0, position: 'sticky', top: 64, display: { xs: 'none', lg: 'block' } }}>
          <SettingsNav items={SECTIONS} />
        </Box>
        <Stack spacing={3} sx={{ flex: 1, minWidth: 0, maxWidth: 960 }}>
          {(settingsError ?? infoError) && <Alert severity="error">{settingsError ?? infoError}</Alert>}
          <AppearanceSection />
          <VaultSection />
          <CredentialsSection />
          <HostKeysSection />
          <PollingSection />
          <ImportExportSection />
          <DataFolderSection />
          <EngineHealthSection />
        </Stack>
      </Box>
    </>
  );
}
