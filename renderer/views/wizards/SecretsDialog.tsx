import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import type { WizardInputSpec } from './wizardTypes';

/** Asks again for the secrets a run lost with a restart; they go to the engine with the next call and are not kept here. */
export function SecretsDialog({ keys, inputs, onSubmit, onClose }: { keys: readonly string[]; inputs: readonly WizardInputSpec[]; onSubmit(secrets: Record<string, string>): void; onClose(): void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const complete = keys.every((k) => (values[k] ?? '') !== '');
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth aria-labelledby="secrets-title">
      <DialogTitle id="secrets-title">Passwords needed again</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>The console keeps passwords for a wizard only in memory, so after a restart they must be given again.</DialogContentText>
        <form
          id="secrets-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (complete) onSubmit(values);
          }}
        >
          <Stack spacing={2}>
            {keys.map((key) => {
              const spec = inputs.find((input) => input.key === key);
              return (
                <TextField
                  key={key}
                 
                  type="password"
                  autoComplete="new-password"
                  label={spec?.label ?? key}
                  helperText={spec?.help ?? undefined}
                  value={values[key] ?? ''}
                  onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
                />
              );
            })}
          </Stack>
        </form>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Back</Button>
        <Button type="submit" form="secrets-form" variant="contained" disabled={!complete}>
          Continue
        </Button>
      </DialogActions>
    </Dialog>
  );
}
