import { useEffect, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Alert, Box, Button, Chip, Stack, TextField, Typography } from '@mui/material';
import type { StackProps } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import type { VaultState } from '../../../electron/core/contract';
import { useVault } from '../../store/vaultStore';
import { SettingsSection } from './SettingsSection';

/** The engine's own rule (electron/core/vault/masterKey.ts); checked here too so the user hears it before submitting. */
const MIN_MASTER_PASSWORD_LENGTH = 8;

const STATUS_CHIP: Record<VaultState['status'], { label: string; color: 'success' | 'warning' | 'default' }> = {
  unlocked: { label: 'Unlocked', color: 'success' },
  locked: { label: 'Locked', color: 'warning' },
  uninitialised: { label: 'Not set up', color: 'default' },
};

export function VaultSection() {
  const { vault, error, load } = useVault();
  useEffect(() => {
    void load();
  }, [load]);
  const chip = vault ? STATUS_CHIP[vault.status] : null;
  return (
    <SettingsSection
      id="vault"
      title="Vault"
      description="Passwords for the platforms are kept encrypted in the vault. The screen never shows them again: it only tells whether one is stored."
      actions={chip && <Chip label={chip.label} color={chip.color} icon={vault?.status === 'unlocked' ? <LockOpenIcon /> : <LockIcon />} data-testid="vault-status" />}
    >
      <Stack spacing={2}>
        {error && <Alert severity="error">{error}</Alert>}
        {vault?.problem && <Alert severity="warning">{vault.problem}</Alert>}
        {vault && <VaultFacts vault={vault} />}
        {vault?.status === 'uninitialised' && <InitialiseForm />}
        {vault?.status === 'locked' && vault.protection === 'masterPassword' && <UnlockForm />}
        {vault?.status === 'unlocked' && vault.protection === 'masterPassword' && <LockButton />}
      </Stack>
    </SettingsSection>
  );
}

function VaultFacts({ vault }: { vault: VaultState }) {
  const count = vault.refs.length;
  const stored = `${count} secret${count === 1 ? '' : 's'} stored.`;
  if (vault.protection === 'safeStorage') {
    return (
      <Typography>
        Protected by the operating system keychain, so it needs no master password. {vault.status === 'locked' ? 'The keychain is not available right now: start the console as the user who stored the secrets.' : stored}
      </Typography>
    );
  }
  if (vault.protection === 'masterPassword') {
    return (
      <Typography>
        Protected by a master password. {stored}{' '}
        {vault.status === 'locked' ? 'While it is locked the console cannot log in to platforms that need a stored password.' : 'Lock it when you leave the console unattended.'}
      </Typography>
    );
  }
  return vault.status === 'unlocked' ? (
    <Typography>Protected by the operating system keychain; the vault file is created with the first secret.</Typography>
  ) : (
    <Typography>Choose a master password to set up the vault. Without it the stored secrets cannot be recovered, so keep it safe.</Typography>
  );
}

function usePasswordSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (work: () => Promise<string | null>, clear: () => void) => {
    setBusy(true);
    const problem = await work();
    setBusy(false);
    setError(problem);
    clear();
  };
  return { busy, error, setError, submit };
}

function InitialiseForm() {
  const initialise = useVault((state) => state.initialise);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, setError, submit } = usePasswordSubmit();
  const tooShort = password.length > 0 && [...password].length < MIN_MASTER_PASSWORD_LENGTH;
  const differs = repeat.length > 0 && repeat !== password;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!password || tooShort) return setError(`Choose a master password of at least ${MIN_MASTER_PASSWORD_LENGTH} characters.`);
    if (repeat !== password) return setError('The two passwords differ. Enter the same master password twice.');
    void submit(() => initialise(password), () => {
      setPassword('');
      setRepeat('');
    });
  };
  return (
    <VaultForm label="Set up the vault" direction={{ xs: 'column', md: 'row' }} onSubmit={onSubmit} error={error}>
      <PasswordField label="Master password" autoComplete="new-password" value={password} onChange={setPassword} error={tooShort} helperText={`At least ${MIN_MASTER_PASSWORD_LENGTH} characters`} />
      <PasswordField label="Repeat the master password" autoComplete="new-password" value={repeat} onChange={setRepeat} error={differs} helperText={differs ? 'Differs from the first one' : ' '} />
      <Button type="submit" variant="contained" disabled={busy}>
        Set up the vault
      </Button>
    </VaultForm>
  );
}

function UnlockForm() {
  const unlock = useVault((state) => state.unlock);
  const [password, setPassword] = useState('');
  const { busy, error, setError, submit } = usePasswordSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) return setError('Enter the master password to unlock the vault.');
    void submit(() => unlock(password), () => setPassword(''));
  };
  return (
    <VaultForm label="Unlock the vault" direction="row" onSubmit={onSubmit} error={error}>
      <PasswordField label="Master password" autoComplete="current-password" value={password} onChange={setPassword} />
      <Button type="submit" variant="contained" disabled={busy} startIcon={<LockOpenIcon />}>
        Unlock
      </Button>
    </VaultForm>
  );
}

function LockButton() {
  const lock = useVault((state) => state.lock);
  const [error, setError] = useState<string | null>(null);
  return (
    <Box>
      <Button variant="outlined" startIcon={<LockIcon />} onClick={() => void lock().then(setError)}>
        Lock the vault
      </Button>
      <VaultError error={error} />
    </Box>
  );
}

interface VaultFormProps {
  label: string;
  direction: StackProps['direction'];
  onSubmit(event: FormEvent): void;
  error: string | null;
  children: ReactNode;
}

/** A vault form: its fields and button side by side, its error below. */
function VaultForm({ label, direction, onSubmit, error, children }: VaultFormProps) {
  return (
    <Box component="form" onSubmit={onSubmit} aria-label={label}>
      <Stack direction={direction} spacing={2} sx={{ alignItems: 'flex-start' }}>
        {children}
      </Stack>
      <VaultError error={error} />
    </Box>
  );
}

interface PasswordFieldProps {
  label: string;
  autoComplete: 'new-password' | 'current-password';
  value: string;
  onChange(value: string): void;
  error?: boolean;
  helperText?: string;
}

function PasswordField({ label, autoComplete, value, onChange, error, helperText }: PasswordFieldProps) {
  return <TextField label={label} type="password" autoComplete={autoComplete} size="small" value={value} onChange={(event) => onChange(event.target.value)} error={error} helperText={helperText} />;
}

function VaultError({ error }: { error: string | null }) {
  return error ? (
    <Alert severity="error" sx={{ mt: 2 }}>
      {error}
    </Alert>
  ) : null;
}
