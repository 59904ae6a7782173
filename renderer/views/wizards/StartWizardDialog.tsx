import { useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Divider, LinearProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { WizardPlan } from './wizardTypes';
import { api } from '../../api/api';
import { describeError } from '../../store/describeError';
import { useFleet } from '../../store/fleetStore';
import { useNavigation } from '../../store/navigationStore';
import { useWizards } from '../../store/wizardStore';
import type { StartRequest } from '../../store/wizardStore';
import { initialValues, missingInputs, splitForm } from './wizardHelpers';
import { PlanView } from './PlanView';
import { WizardInputField } from './WizardInputField';

/** Starts a wizard on a platform: its inputs, a dry run of the whole plan, and the start; secrets stay in this dialog only. */
export function StartWizardDialog({ request, onClose }: { request: StartRequest | null; onClose(): void }) {
  return request ? <StartWizardForm key={`${request.wizardId}/${request.platformId ?? ''}`} request={request} onClose={onClose} /> : null;
}

function StartWizardForm({ request, onClose }: { request: StartRequest; onClose(): void }) {
  const catalog = useWizards((s) => s.catalog);
  const catalogError = useWizards((s) => s.catalogError);
  const loadCatalog = useWizards((s) => s.loadCatalog);
  const put = useWizards((s) => s.put);
  const openRun = useWizards((s) => s.openRun);
  const go = useNavigation((s) => s.go);
  const platforms = useFleet((s) => s.platforms);
  const wizard = catalog.find((w) => w.id === request.wizardId);
  const [platformId, setPlatformId] = useState(request.platformId ?? '');
  const [edited, setValues] = useState<Record<string, string>>({});
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [plan, setPlan] = useState<WizardPlan | null>(null);
  const [busy, setBusy] = useState<'plan' | 'start' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => void loadCatalog(), [loadCatalog]);
  const values = useMemo(() => ({ ...initialValues(wizard?.inputs ?? []), ...edited }), [wizard, edited]);

  const sorted = useMemo(() => [...platforms].sort((a, b) => a.name.localeCompare(b.name)), [platforms]);
  const platform = platforms.find((p) => p.id === platformId);
  const others = useMemo(() => sorted.filter((p) => p.id !== platformId), [sorted, platformId]);
  const missing = wizard ? missingInputs(wizard.inputs, values, secrets) : [];
  const ready = Boolean(wizard && platform) && missing.length === 0 && busy === null;
  const title = wizard ? `Start: ${wizard.title}` : 'Start a wizard';

  const change = (apply: () => void) => {
    apply();
    setPlan(null);
    setError(null);
  };
  const dryRun = async () => {
    if (!wizard || !platform) return;
    setBusy('plan');
    setError(null);
    try {
      setPlan(await api.call('wizards.plan', { wizardId: wizard.id, platformId: platform.id, inputs: splitForm(wizard.inputs, values, secrets).inputs }));
    } catch (e) {
      setError(describeError(e, 'make the plan'));
    } finally {
      setBusy(null);
    }
  };
  const start = async () => {
    if (!wizard || !platform) return;
    setBusy('start');
    setError(null);
    try {
      const run = await api.call('wizards.start', { wizardId: wizard.id, platformId: platform.id, ...splitForm(wizard.inputs, values, secrets) });
      put(run);
      openRun(run.runId);
      go('wizards');
      onClose();
    } catch (e) {
      setError(describeError(e, 'start the wizard'));
      setBusy(null);
    }
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="md" fullWidth aria-labelledby="start-wizard-title" scroll="paper">
      <DialogTitle id="start-wizard-title">{title}</DialogTitle>
      <DialogContent dividers>
        {!wizard && !catalogError && <LinearProgress aria-label="Loading the wizards" />}
        {catalogError && <Alert severity="error">{catalogError}</Alert>}
        {wizard && (
          <Stack spacing={2}>
            <Box>
              <Typography>{wizard.summary}</Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                Follows the {wizard.reference}
              </Typography>
            </Box>
            {request.platformId && platform ? (
              <Typography>
                Platform: <strong>{platform.name}</strong>
              </Typography>
            ) : (
              <TextField select id="wizard-platform" label="Platform" required value={platformId} onChange={(e) => change(() => setPlatformId(e.target.value))} fullWidth>
                {sorted.map((p) => (
                  <MenuItem key={p.id} value={p.id}>
                    {p.name}
                  </MenuItem>
                ))}
              </TextField>
            )}
            {request.platformId && !platform && <Alert severity="warning">This platform is no longer in the fleet. Pick another one in the Wizards view.</Alert>}
            {wizard.inputs.map((input) => (
              <WizardInputField
                key={input.key}
                input={input}
                value={input.kind === 'secret' ? (secrets[input.key] ?? '') : (values[input.key] ?? '')}
                onChange={(v) => change(() => (input.kind === 'secret' ? setSecrets((s) => ({ ...s, [input.key]: v })) : setValues((s) => ({ ...s, [input.key]: v }))))}
                platforms={others}
                disabled={busy !== null}
              />
            ))}
            {missing.length > 0 && platform && (
              <Typography variant="body2" color="text.secondary">
                Still needed: {missing.join(', ')}.
              </Typography>
            )}
            {busy && <LinearProgress aria-label={busy === 'plan' ? 'Making the plan' : 'Checking the preconditions on the platform'} />}
            {error && (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            )}
            {plan && (
              <>
                <Divider />
                <PlanView plan={plan} />
              </>
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        {wizard && (
          <Typography variant="body2" color="text.secondary" sx={{ mr: 'auto', pl: 1 }}>
            Start checks the preconditions; each step then runs only when you click it.
          </Typography>
        )}
        <Button onClick={onClose} disabled={busy !== null}>
          Close
        </Button>
        <Button variant="outlined" onClick={() => void dryRun()} disabled={!ready}>
          Dry run
        </Button>
        <Button variant="contained" onClick={() => void start()} disabled={!ready}>
          Start
        </Button>
      </DialogActions>
    </Dialog>
  );
}
