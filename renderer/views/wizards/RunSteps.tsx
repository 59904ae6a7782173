import { useEffect, useRef } from 'react';
import { Box, Button, CircularProgress, Step, StepLabel, Stepper, Typography } from '@mui/material';
import type { WizardRun, WizardStepView } from './wizardTypes';
import { useWizards } from '../../store/wizardStore';
import { outputKey } from './wizardHelpers';
import { OutputPane } from './OutputPane';
import { StepStateChip } from './StateChips';
import { DestructiveBadge, KindBadge, StepBody } from './StepDetails';

interface RunStepsProps {
  run: WizardRun;
  /** The current step can be run now. */
  canRun: boolean;
  busy: boolean;
  onRun(step: WizardStepView): void;
}

/** Every step of the run, top to bottom, with what it does, what it ran and what came of it; the current one with its button. */
export function RunSteps({ run, canRun, busy, onRun }: RunStepsProps) {
  const output = useWizards((s) => s.output);
  const currentRef = useRef<HTMLLIElement>(null);
  const first = useRef(true);
  const at = run.current;
  useEffect(() => {
    // The next step comes into view as the run moves on (not when the page opens).
    if (first.current) first.current = false;
    else currentRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [at]);
  const showPlatform = run.steps.some((s) => s.commands.some((c) => c.platformId !== run.platformId));
  return (
    <Stepper orientation="vertical" connector={null} activeStep={run.current} aria-label={`Steps of ${run.title}`} component="ol" sx={{ p: 0, '& .MuiStep-root': { listStyle: 'none' } }}>
      {run.steps.map((step, i) => {
        const current = i === run.current;
        const live = output.get(outputKey(run.runId, step.id)) ?? '';
        const text = step.state === 'running' ? live || step.output : step.output || live;
        return (
          <Step key={step.id} ref={current ? currentRef : undefined} completed={step.state === 'done' || step.state === 'skipped'} expanded component="li" aria-current={current ? 'step' : undefined}>
            <StepLabel error={step.state === 'failed'} optional={<StepMeta step={step} />}>
              <Typography component="h3" sx={{ fontWeight: current ? 700 : 500, fontSize: '1rem' }}>
                {step.title}
              </Typography>
            </StepLabel>
            <Box sx={{ ml: '11px', pl: '20px', borderLeft: 1, borderColor: 'divider', pb: 2, pt: 0.5 }}>
              <StepBody step={step} showPlatform={showPlatform} />
              {step.outcome && (
                <Typography variant="body2" sx={{ mt: 1, fontWeight: 500 }} color={step.state === 'failed' ? 'error' : step.state === 'interrupted' ? 'warning.main' : 'text.primary'}>
                  {step.outcome}
                </Typography>
              )}
              {step.exitCodes.length > 0 && (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                  Exit codes: {step.exitCodes.map((c) => (c === null ? 'none (cut off)' : String(c))).join(', ')}
                </Typography>
              )}
              {step.state === 'failed' && step.onFailure && (
                <Typography variant="body2" sx={{ mt: 0.5 }}>
                  {step.onFailure}
                </Typography>
              )}
              {(text || step.state === 'running') && (
                <Box sx={{ mt: 1 }}>
                  <OutputPane text={text || 'Waiting for output…'} label={`Output of ${step.title}`} live={step.state === 'running'} />
                </Box>
              )}
              {current && canRun && (
                <Box sx={{ mt: 1.5, display: 'flex', gap: 1, alignItems: 'center' }}>
                  <Button variant="contained" color={step.destructive ? 'error' : 'primary'} onClick={() => onRun(step)} disabled={busy}>
                    {step.kind === 'manual' ? 'Done' : 'Run step'}
                  </Button>
                  {step.kind === 'manual' && (
                    <Typography variant="body2" color="text.secondary">
                      Click Done once you have done this step as described.
                    </Typography>
                  )}
                </Box>
              )}
              {current && step.state === 'running' && (
                <Box sx={{ mt: 1.5, display: 'flex', gap: 1, alignItems: 'center' }} role="status">
                  <CircularProgress size={18} aria-hidden />
                  <Typography variant="body2">Running on {run.platformName}…</Typography>
                </Box>
              )}
            </Box>
          </Step>
        );
      })}
    </Stepper>
  );
}

function StepMeta({ step }: { step: WizardStepView }) {
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 0.5 }}>
      <StepStateChip state={step.state} />
      {step.destructive && <DestructiveBadge />}
      <KindBadge kind={step.kind} />
    </Box>
  );
}
