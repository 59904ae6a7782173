import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import type { PlatformStatus } from '../../../../electron/core/contract';
import { formatBytes } from '../../../format/bytes';
import { pidOf } from './pidText';

/** Asks for the process to dump, with what the dump needs: image 13r3 or later and room on the data partition. */
export function MemoryDumpDialog({ platformName, status, onCancel, onStart }: { platformName: string; status: PlatformStatus | null; onCancel(): void; onStart(pid: number): Promise<string | null> }) {
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const parsed = pidOf(text);
  const problem = touched && 'problem' in parsed ? parsed.problem : null;
  const start = async () => {
    setTouched(true);
    if (!('pid' in parsed)) return;
    setStarting(true);
    setError(await onStart(parsed.pid));
    setStarting(false);
  };
  const free = status?.disk ? formatBytes(status.disk.availBytes) : null;
  return (
    <Dialog open onClose={onCancel} aria-labelledby="memory-dump-title" maxWidth="sm" fullWidth>
      <DialogTitle id="memory-dump-title">{`Memory dump of a process on ${platformName}`}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 1.5 }}>
          The console runs gdb&apos;s gcore as root on the running process, downloads the dump (sha256 checked) and removes it from the platform. The process keeps running but
          stops for the moment the dump is written. This needs App Platform image 13r3 or later, where gdb is part of the image.
        </Typography>
        <Typography sx={{ mb: 2 }}>
          {`A dump is about as big as the memory the process uses. The console checks the free space first and refuses when it is short${free ? `; at the last poll ${free} were free on the data partition` : ''}.`}
        </Typography>
        <TextField
          label="Process id (pid)"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onBlur={() => setTouched(true)}
          onKeyDown={(event) => event.key === 'Enter' && void start()}
          error={Boolean(problem)}
          helperText={problem ?? 'Find it with "ps aux | grep /apps/manager/manager" in the Terminal tab.'}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          fullWidth
        />
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button variant="contained" onClick={() => void start()} disabled={starting}>
          Dump and download
        </Button>
      </DialogActions>
    </Dialog>
  );
}
