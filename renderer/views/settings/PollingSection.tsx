import { useState } from 'react';
import type { FormEvent } from 'react';
import { Alert, Box, Button, InputAdornment, Stack, TextField, Typography } from '@mui/material';
import { MIN_POLL_INTERVAL_SECONDS } from '../../../electron/core/contract';
import type { Settings } from '../../../electron/core/contract';
import { useSettings } from '../../store/settingsStore';
import { SettingsSection } from './SettingsSection';
import type { PollingErrors, PollingForm, ThresholdField } from './thresholdForm';
import { DEFAULT_POLL_INTERVAL_SECONDS, THRESHOLD_GROUPS, defaultForm, formOf, readPollingForm } from './thresholdForm';

export function PollingSection() {
  const settings = useSettings((state) => state.settings);
  return (
    <SettingsSection
      id="polling"
      title="Polling and alarms"
      description="How often the console polls every platform, and the limits its alarms are raised at. An empty limit uses the default shown."
    >
      {settings ? <PollingEditor settings={settings} /> : <Typography color="text.secondary">Loading the settings…</Typography>}
    </SettingsSection>
  );
}

function PollingEditor({ settings }: { settings: Settings }) {
  const update = useSettings((state) => state.update);
  const [form, setForm] = useState<PollingForm>(() => formOf(settings));
  const [errors, setErrors] = useState<PollingErrors>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [shown, setShown] = useState(settings);
  // Settings saved elsewhere (another window, or this form's own save) show up unless the user is editing.
  if (settings !== shown && !dirty) {
    setShown(settings);
    setForm(formOf(settings));
  }

  const save = async (next: PollingForm, done: string) => {
    const read = readPollingForm(next);
    setErrors(read.errors);
    if (!read.change) {
      setOutcome({ ok: false, message: 'Some values need a fix before they can be saved; see the fields marked red.' });
      return;
    }
    setBusy(true);
    const problem = await update(read.change);
    setBusy(false);
    setOutcome(problem ? { ok: false, message: problem } : { ok: true, message: done });
    if (!problem) setDirty(false);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(form, 'Saved. The next poll uses the new values.');
  };
  const resetToDefaults = () => {
    const defaults = defaultForm();
    setForm(defaults);
    void save(defaults, 'Back to the defaults.');
  };
  const edit = (next: PollingForm) => {
    setForm(next);
    setDirty(true);
    setOutcome(null);
  };

  return (
    <Box component="form" onSubmit={onSubmit} noValidate aria-label="Polling and alarm limits">
      <Stack spacing={3}>
        <TextField
          label="Poll every"
          value={form.pollIntervalSeconds}
          onChange={(event) => edit({ ...form, pollIntervalSeconds: event.target.value })}
          error={Boolean(errors.pollIntervalSeconds)}
          helperText={errors.pollIntervalSeconds ?? `Seconds, at least ${MIN_POLL_INTERVAL_SECONDS}. Default ${DEFAULT_POLL_INTERVAL_SECONDS}.`}
          size="small"
          sx={{ maxWidth: 260 }}
          slotProps={{ input: { endAdornment: <InputAdornment position="end">seconds</InputAdornment> }, htmlInput: { inputMode: 'numeric' } }}
        />
        {THRESHOLD_GROUPS.map((group) => (
          <Box key={group.title} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
            <Typography component="legend" sx={{ fontWeight: 600, mb: 1.5 }}>
              {group.title}
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
              {group.fields.map((field) => (
                <ThresholdInput
                  key={field.key}
                  field={field}
                  value={form.thresholds[field.key]}
                  error={errors[field.key]}
                  onChange={(value) => edit({ ...form, thresholds: { ...form.thresholds, [field.key]: value } })}
                />
              ))}
            </Box>
          </Box>
        ))}
        <Typography variant="body2" color="text.secondary">
          The disk threshold itself is per platform (the AP Manager&apos;s own setting) and is set with the platform in the fleet.
        </Typography>
        <Stack direction="row" spacing={2}>
          <Button type="submit" variant="contained" disabled={busy}>
            Save
          </Button>
          <Button onClick={resetToDefaults} disabled={busy}>
            Reset to defaults
          </Button>
        </Stack>
        {outcome && (
          <Alert severity={outcome.ok ? 'success' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
            {outcome.message}
          </Alert>
        )}
      </Stack>
    </Box>
  );
}

function ThresholdInput({ field, value, error, onChange }: { field: ThresholdField; value: string; error: string | undefined; onChange(value: string): void }) {
  return (
    <TextField
      label={field.label}
      value={value}
      placeholder={String(field.defaultValue)}
      onChange={(event) => onChange(event.target.value)}
      error={Boolean(error)}
      helperText={error ?? `${field.help} Default ${field.defaultValue} ${field.unit}.`}
      size="small"
      slotProps={{ inputLabel: { shrink: true }, input: { endAdornment: <InputAdornment position="end">{field.unit}</InputAdornment> }, htmlInput: { inputMode: 'decimal' } }}
    />
  );
}
