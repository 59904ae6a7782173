import { Typography } from '@mui/material';
import { useAppInfo } from '../../store/appInfoStore';
import { SettingsSection } from './SettingsSection';

export function DataFolderSection() {
  const dataDir = useAppInfo((state) => state.info?.dataDir);
  return (
    <SettingsSection id="data-folder" title="Data folder" description="The fleet, last known states, vault and audit log are kept here.">
      <Typography component="code" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="data-dir">
        {dataDir ?? '…'}
      </Typography>
    </SettingsSection>
  );
}
