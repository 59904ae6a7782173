import { Divider, Typography } from '@mui/material';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { SettingsSection } from './SettingsSection';

export function ImportExportSection() {
  return (
    <SettingsSection id="import-export" title="Import and export" description="Bring many sites and platforms in at once, or take the fleet list out.">
      <Typography variant="h3" sx={{ fontSize: '1.05rem', fontWeight: 600, mb: 1.5 }}>
        Import
      </Typography>
      <ImportPanel />
      <Divider sx={{ my: 3 }} />
      <Typography variant="h3" sx={{ fontSize: '1.05rem', fontWeight: 600, mb: 1.5 }}>
        Export
      </Typography>
      <ExportPanel />
    </SettingsSection>
  );
}
