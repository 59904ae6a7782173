import { TextField } from '@mui/material';
import { useRetrieval } from '../../store/retrievalStore';

/** The folder on this computer that downloads and bundles go to; empty keeps the console's own folders. */
export function SaveToField({ fullWidth = false }: { fullWidth?: boolean }) {
  const targetDir = useRetrieval((s) => s.targetDir);
  const setTargetDir = useRetrieval((s) => s.setTargetDir);
  return (
    <TextField
      size="small"
      label="Save to folder"
      value={targetDir}
      onChange={(event) => setTargetDir(event.target.value)}
      placeholder="The console's data folder (downloads/ and bundles/, per site and platform)"
      helperText="An absolute folder on this computer; leave it empty for the data folder. It applies to downloads and bundles until the console closes."
      fullWidth={fullWidth}
      sx={{ minWidth: 420 }}
    />
  );
}
