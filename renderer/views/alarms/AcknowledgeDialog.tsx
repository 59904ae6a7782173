import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import type { AlarmRow } from './alarmRows';
import { kindLabel } from './alarmKinds';
import { useAlarms } from '../../store/alarmStore';

const NOTE_MAX = 2000;

interface AcknowledgeDialogProps {
  row: AlarmRow | null;
  onClose(): void;
}

/** Acknowledges one alarm with a note; it stays active until the trouble is gone. */
export function AcknowledgeDialog({ row, onClose }: AcknowledgeDialogProps) {
  return (
    <Dialog open={row !== null} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="acknowledge-title">
      {row && <AcknowledgeForm key={row.id} row={row} onClose={onClose} />}
    </Dialog>
  );
}

function AcknowledgeForm({ row, onClose }: { row: AlarmRow; onClose(): void }) {
  const acknowledge = useAlarms((state) => state.acknowledge);
  const [note, setNote] = useState(row.alarm.acknowledged?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tooLong = note.length > NOTE_MAX;
  const submit = async () => {
    setBusy(true);
    const problem = await acknowledge(row.id, note.trim());
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!tooLong && !busy) void submit();
      }}
    >
      <DialogTitle id="acknowledge-title">Acknowledge alarm</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          {kindLabel(row.alarm.kind)} on {row.platformName} ({row.siteName}): {row.alarm.cause} The alarm stays in the list, marked as
          acknowledged, until the trouble is gone.
        </DialogContentText>
        {error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {error}
          </Alert>
        )}
        <TextField
          label="Note"
          placeholder="What is being done about it, and by whom"
          value={note}
          onChange={(event) => setNote(event.target.value)}
          multiline
          minRows={3}
          fullWidth
          error={tooLong}
          helperText={tooLong ? `At most ${NOTE_MAX} characters; shorten the note.` : `${note.length} / ${NOTE_MAX}`}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={busy || tooLong}>
          Acknowledge
        </Button>
      </DialogActions>
    </form>
  );
}
