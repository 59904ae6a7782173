import { useState } from 'react';
import { Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { CoreDump } from '../../../../electron/core/contract';
import { formatBytes } from '../../../format/bytes';

/** Asks before core dumps are removed from the platform, and says why removing old ones matters. */
export function DeleteCoreDumpsDialog({ platformName, dumps, onCancel, onConfirm }: { platformName: string; dumps: readonly CoreDump[]; onCancel(): void; onConfirm(): void }) {
  const [understood, setUnderstood] = useState(false);
  const total = dumps.reduce((sum, dump) => sum + dump.sizeBytes, 0);
  const many = dumps.length !== 1;
  return (
    <Dialog open onClose={onCancel} aria-labelledby="delete-core-dumps-title" maxWidth="sm" fullWidth>
      <DialogTitle id="delete-core-dumps-title">{`Delete ${dumps.length} core dump${many ? 's' : ''} from ${platformName}?`}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 1.5 }}>
          Old core dumps in /var/log/core_dumps can keep the AP Manager from starting after an image update, and they take space on the data partition. Removing
          them once they are safe on this computer is the fix the innovaphone wiki gives.
        </Typography>
        <Alert severity="warning" sx={{ mb: 1.5 }}>
          {`The file${many ? 's are' : ' is'} removed from the platform for good (${formatBytes(total)}). The console deletes only core dumps it has downloaded and checked; the copies stay on this computer.`}
        </Alert>
        <List dense aria-label="Core dumps to delete" sx={{ maxHeight: 200, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, mb: 1 }}>
          {dumps.map((dump) => (
            <ListItem key={dump.path}>
              <ListItemText
                primary={<Box component="span" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{dump.path}</Box>}
                secondary={`${formatBytes(dump.sizeBytes)}, kept at ${dump.downloaded?.localPath ?? 'not downloaded'}`}
                slotProps={{ secondary: { sx: { overflowWrap: 'anywhere' } } }}
              />
            </ListItem>
          ))}
        </List>
        <FormControlLabel control={<Checkbox checked={understood} onChange={(event) => setUnderstood(event.target.checked)} />} label={`I have the downloaded cop${many ? 'ies' : 'y'} and want ${many ? 'these files' : 'this file'} removed from the platform`} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Keep them</Button>
        <Button color="error" variant="contained" disabled={!understood} onClick={onConfirm}>
          {`Delete ${dumps.length} from the platform`}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
