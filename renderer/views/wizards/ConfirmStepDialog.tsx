import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import type { WizardStepView } from './wizardTypes';
import { confirmationMatches } from './wizardHelpers';
import { CommandList } from './StepDetails';

/** Asks before a step that changes the platform: the platform's name must be typed; the typed text is the confirmation sent. */
export function ConfirmStepDialog({ step, platformName, onConfirm, onClose }: { step: WizardStepView; platformName: string; onConfirm(typed: string): void; onClose(): void }) {
  const [typed, setTyped] = useState('');
  const ok = confirmationMatches(typed, platformName);
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="confirm-step-title" aria-describedby="confirm-step-text">
      <DialogTitle id="confirm-step-title">Run "{step.title}" on {platformName}?</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          This step changes {platformName}. It runs the commands below as root.
        </Alert>
        <CommandList step={step} showPlatform={step.commands.some((c) => c.platformName !== platformName)} />
        <DialogContentText id="confirm-step-text" sx={{ mt: 2, mb: 1 }}>
          To confirm, type the platform's name: <strong>{platformName}</strong>
        </DialogContentText>
        <form
          id="confirm-step-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (ok) onConfirm(typed);
          }}
        >
          <TextField fullWidth label="Platform name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" slotProps={{ htmlInput: { spellCheck: false } }} />
        </form>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Back</Button>
        <Button type="submit" form="confirm-step-form" variant="contained" color="error" disabled={!ok}>
          Run step
        </Button>
      </DialogActions>
    </Dialog>
  );
}
