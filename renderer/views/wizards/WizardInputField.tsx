import { Checkbox, FormControlLabel, FormHelperText, MenuItem, TextField, Box } from '@mui/material';
import type { Platform } from '../../../electron/core/contract';
import type { WizardInputSpec } from './wizardTypes';

interface WizardInputFieldProps {
  input: WizardInputSpec;
  value: string;
  onChange(value: string): void;
  /** Platforms to pick from for a `platform` input (the run's own left out). */
  platforms: readonly Platform[];
  disabled?: boolean;
}

/** One wizard input, by its kind: text, a choice, another platform, a secret (never kept beyond the dialog), a local file's path, or an attestation. */
export function WizardInputField({ input, value, onChange, platforms, disabled }: WizardInputFieldProps) {
  const id = `wizard-input-${input.key}`;
  const help = input.help ?? undefined;
  if (input.kind === 'attest') {
    return (
      <Box>
        <FormControlLabel
          control={<Checkbox checked={value === 'yes'} onChange={(e) => onChange(e.target.checked ? 'yes' : '')} disabled={disabled} slotProps={{ input: { 'aria-describedby': help ? `${id}-help` : undefined } }} />}
          label={`${input.label}${input.required ? ' *' : ''}`}
        />
        {help && <FormHelperText id={`${id}-help`} sx={{ mt: -0.5, ml: 4 }}>{help}</FormHelperText>}
      </Box>
    );
  }
  if (input.kind === 'choice' || input.kind === 'platform') {
    const options = input.kind === 'choice' ? (input.options ?? []) : platforms.map((p) => ({ value: p.id, label: p.name }));
    return (
      <TextField select id={id} label={input.label} required={input.required} value={value} onChange={(e) => onChange(e.target.value)} helperText={help} disabled={disabled} fullWidth>
        {!input.required && (
          <MenuItem value="">
            <em>None</em>
          </MenuItem>
        )}
        {options.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
    );
  }
  return (
    <TextField
      id={id}
      label={input.label}
      required={input.required}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      helperText={help ?? (input.kind === 'localFile' ? 'The full path of the file on this computer.' : undefined)}
      type={input.kind === 'secret' ? 'password' : 'text'}
      autoComplete={input.kind === 'secret' ? 'new-password' : 'off'}
      placeholder={input.kind === 'localFile' ? '/home/you/backup.tar.gz' : undefined}
      disabled={disabled}
      fullWidth
      slotProps={{ htmlInput: { spellCheck: false } }}
    />
  );
}
