import { useState } from 'react';
import type { FormEvent } from 'react';
import { Alert, Box, Button, Stack, TextField } from '@mui/material';
import type { Platform } from '../../../electron/core/contract';
import { useVault } from '../../store/vaultStore';
import type { CredentialEntry, CredentialScope } from './credentialRefs';
import { SECRET_FIELDS } from './credentialRefs';
import { saveCredentials } from './saveCredentials';
import type { SaveOutcome } from './saveCredentials';

interface CredentialFormProps {
  scope: CredentialScope;
  platforms: readonly Platform[];
  vaultUnlocked: boolean;
}

/** Masked fields that are never prefilled; what is typed goes to the vault and is then forgotten. */
export function CredentialForm({ scope, platforms, vaultUnlocked }: CredentialFormProps) {
  const setSecret = useVault((state) => state.setSecret);
  const [entry, setEntry] = useState<CredentialEntry>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await saveCredentials(scope, platforms, entry, setSecret);
    setBusy(false);
    setOutcome(result);
    if (result.ok) setEntry({});
  };
  const where = scope.kind === 'site' ? `all ${platforms.length} platforms of the site` : 'this platform';
  return (
    <Box component="form" onSubmit={(event) => void onSubmit(event)} aria-label="Store credentials" autoComplete="off">
      <Stack spacing={2} sx={{ maxWidth: 620 }}>
        {!vaultUnlocked && <Alert severity="info">Unlock or set up the vault above to store passwords.</Alert>}
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
          {SECRET_FIELDS.map((field) => (
            <TextField
              key={field.id}
              label={`${field.label}${field.optional ? ' (optional)' : ''}`}
              type="password"
              autoComplete="new-password"
              size="small"
              value={entry[field.id] ?? ''}
              onChange={(event) => setEntry({ ...entry, [field.id]: event.target.value })}
              helperText="Empty keeps what is stored"
              disabled={!vaultUnlocked}
            />
          ))}
          <TextField
            label="Database user (optional)"
            size="small"
            value={entry.databaseUser ?? ''}
            onChange={(event) => setEntry({ ...entry, databaseUser: event.target.value })}
            helperText="Empty keeps the current one"
            disabled={!vaultUnlocked}
          />
        </Box>
        <Box>
          <Button type="submit" variant="contained" disabled={!vaultUnlocked || busy}>
            Save for {where}
          </Button>
        </Box>
        {outcome && <Alert severity={outcome.ok ? 'success' : 'error'}>{outcome.message}</Alert>}
      </Stack>
    </Box>
  );
}
