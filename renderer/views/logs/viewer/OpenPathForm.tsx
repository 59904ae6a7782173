import { useState } from 'react';
import { Box, Button, TextField } from '@mui/material';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';

/** Opens a bundle or a log.tar.xz by its path on this computer. */
export function OpenPathForm({ onOpen, busy }: { onOpen(path: string): void; busy: boolean }) {
  const [path, setPath] = useState('');
  const submit = () => path.trim() && onOpen(path.trim());
  return (
    <Box
      component="form"
      aria-label="Open a bundle by its path"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}
    >
      <TextField
        size="small"
        label="Bundle or log archive on this computer"
        placeholder="/home/me/support/log.tar.xz"
        value={path}
        onChange={(event) => setPath(event.target.value)}
        helperText="A support bundle from this console, or a log.tar.xz made on the platform as the innovaphone wiki describes."
        sx={{ flex: 1 }}
      />
      <Button type="submit" variant="contained" startIcon={<FolderOpenIcon />} disabled={busy || !path.trim()} sx={{ mt: 0.25, flexShrink: 0 }}>
        Open
      </Button>
    </Box>
  );
}
