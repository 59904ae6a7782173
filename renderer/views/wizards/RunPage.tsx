import { useEffect, useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, LinearProgress, Paper, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import type { WizardRun, WizardStepView } from './wizardTypes';
import { api } from '../../api/api';
import { describeError } from '../../store/describeError';
import { useWizards } from '../../store/wizardStore';
import { formatDateTime } from '../../format/age';
import { currentStepText, isActive, nextAction } from './wizardHelpers';
import { ConfirmStepDialog } from './ConfirmStepDialog';
import { PreconditionList } from './PreconditionList';
import { RunSteps } from './RunSteps';
import { SecretsDialog } from './SecretsDialog';
import { RunStateChip } from './StateChips';

type Pending = { kind: 'confirm'; step: WizardStepView } | { kind: 'secrets'; then: 'step' | 'resume'; confirm?: string } | { kind: 'cancel' } | null;

/** One run: its preconditions, every step with commands and output, and the buttons to go on, resume or cancel. */
export function RunPage({ runId }: { runId: string }) {
  const run = useWizards((s) => s.runs.get(runId));
  const put = useWizards((s) => s.put);
  const openRun = useWizards((s) => s.openRun);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    if (run) return;
    api.call('wizards.get', { runId }).then(put, (e: unknown) => setLoadError(describeError(e, 'read the wizard run')));
  }, [run, runId, put]);
  const back = (
    <Button startIcon={<ArrowBackIcon />} onClick={() => openRun(null)} sx={{ mb: 1, ml: -1 }}>
      All runs
    </Button>
  );
  if (!run)
    return (
      <>
        {back}
        {loadError ? <Alert severity="error">{loadError}</Alert> : <LinearProgress aria-label="Loading the run" />}
      </>
    );
  return (
    <>
      {back}
      <RunContent run={run} />
    </>
  );
}

function RunContent({ run }: { run: WizardRun }) {
  const { step, resume, cancel, catalog, loadCatalog } = useWizards();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  useEffect(() => void loadCatalog(), [loadCatalog]);
  const inputs = catalog.find((w) => w.id === run.wizardId)?.inputs ?? [];
  const action = nextAction(run);
  const current = run.steps[run.current];
  const needsSecrets = run.missingSecrets.length > 0;

  const perform = async (what: 'step' | 'resume' | 'cancel', confirm?: string, secrets?: Record<string, string>) => {
    setPending(null);
    setBusy(true);
    setError(null);
    const outcome = what === 'step' ? await step(run.runId, confirm, secrets) : what === 'resume' ? await resume(run.runId, secrets) : await cancel(run.runId);
    setBusy(false);
    if (!outcome.ok) setError(outcome.error);
  };
  const runCurrent = (s: WizardStepView) => {
    if (s.kind === 'manual') return needsSecrets ? setPending({ kind: 'secrets', then: 'step', confirm: 'done' }) : void perform('step', 'done');
    if (s.destructive) return setPending({ kind: 'confirm', step: s });
    return needsSecrets ? setPending({ kind: 'secrets', then: 'step' }) : void perform('step');
  };
  const confirmed = (typed: string) => (needsSecrets ? setPending({ kind: 'secrets', then: 'step', confirm: typed }) : void perform('step', typed));
  const doResume = () => (needsSecrets ? setPending({ kind: 'secrets', then: 'resume' }) : void perform('resume'));

  const running = run.state === 'running' || busy;
  return (
    <Box component="article" aria-labelledby="run-title">
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, mb: 2, flexWrap: 'wrap' }}>
        <Box sx={{ flex: 1, minWidth: 280 }}>
          <Typography variant="h1" component="h1" id="run-title">
            {run.title}
          </Typography>
          <Typography color="text.secondary">
            {run.platformName} · {run.siteName} · started {formatDateTime(run.createdAt)}
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 1 }} role="status" aria-label="Run state">
            <RunStateChip state={run.state} />
            <Typography variant="body2">{currentStepText(run)}</Typography>
          </Box>
        </Box>
        <Box sx={{ display: 'flex', gap: 1 }}>
          {action === 'resume' && (
            <Button variant="contained" onClick={doResume} disabled={running}>
              Resume
            </Button>
          )}
          {isActive(run.state) && (
            <Button variant="outlined" color="error" onClick={() => setPending({ kind: 'cancel' })} disabled={running}>
              Cancel
            </Button>
          )}
        </Box>
      </Box>
      {run.message && (
        <Alert severity={run.state === 'done' ? 'success' : run.state === 'interrupted' || run.state === 'cancelled' ? 'warning' : 'error'} sx={{ mb: 2 }}>
          {run.message}
        </Alert>
      )}
      {run.state === 'done' && !run.message && (
        <Alert severity="success" sx={{ mb: 2 }}>
          All steps are done. Poll the platform to see its alarms clear.
        </Alert>
      )}
      {needsSecrets && isActive(run.state) && (
        <Alert severity="info" sx={{ mb: 2 }}>
          This run needs its passwords again (the console keeps them in memory only): the next step or resume asks for them.
        </Alert>
      )}
      {error && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Paper variant="outlined" component="section" aria-labelledby="preconditions-title" sx={{ p: 2, mb: 2 }}>
        <Typography variant="h2" component="h2" id="preconditions-title" sx={{ fontSize: '1.1rem', mb: 1 }}>
          Preconditions
        </Typography>
        <PreconditionList preconditions={run.preconditions} label="Preconditions" />
      </Paper>
      <Paper variant="outlined" component="section" aria-labelledby="steps-title" sx={{ p: 2 }}>
        <Typography variant="h2" component="h2" id="steps-title" sx={{ fontSize: '1.1rem', mb: 1.5 }}>
          Steps
        </Typography>
        <RunSteps run={run} canRun={action === 'step' && Boolean(current)} busy={running} onRun={runCurrent} />
      </Paper>
      {pending?.kind === 'confirm' && <ConfirmStepDialog step={pending.step} platformName={run.platformName} onConfirm={confirmed} onClose={() => setPending(null)} />}
      {pending?.kind === 'secrets' && (
        <SecretsDialog keys={run.missingSecrets} inputs={inputs} onClose={() => setPending(null)} onSubmit={(secrets) => void perform(pending.then, pending.confirm, secrets)} />
      )}
      {pending?.kind === 'cancel' && (
        <Dialog open onClose={() => setPending(null)} aria-labelledby="cancel-run-title">
          <DialogTitle id="cancel-run-title">Cancel this wizard?</DialogTitle>
          <DialogContent>
            <DialogContentText>
              The steps done so far stay done on {run.platformName}; the rest will not run. You can start the wizard again later.
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setPending(null)}>Keep the run</Button>
            <Button color="error" variant="contained" onClick={() => void perform('cancel')}>
              Cancel the run
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
}
