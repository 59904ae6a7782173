import { Chip } from '@mui/material';
import type { ChipProps } from '@mui/material';
import type { WizardRunState, WizardStepView } from './wizardTypes';
import { RUN_STATE_LABELS, STEP_STATE_LABELS } from './wizardHelpers';

const RUN_COLORS: Record<WizardRunState, ChipProps['color']> = {
  blocked: 'error',
  ready: 'primary',
  running: 'info',
  failed: 'error',
  interrupted: 'warning',
  done: 'success',
  cancelled: 'default',
};

const STEP_COLORS: Record<WizardStepView['state'], ChipProps['color']> = {
  pending: 'default',
  running: 'info',
  done: 'success',
  skipped: 'default',
  failed: 'error',
  interrupted: 'warning',
};

export function RunStateChip({ state }: { state: WizardRunState }) {
  return <Chip size="small" color={RUN_COLORS[state]} variant={state === 'cancelled' ? 'outlined' : 'filled'} label={RUN_STATE_LABELS[state]} />;
}

export function StepStateChip({ state }: { state: WizardStepView['state'] }) {
  return <Chip size="small" color={STEP_COLORS[state]} variant="outlined" label={STEP_STATE_LABELS[state]} />;
}
