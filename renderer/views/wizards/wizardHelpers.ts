import type { WizardInputSpec, WizardRun, WizardRunState, WizardStepView } from './wizardTypes';

/** The live output kept per step, in characters; older text falls off the top. */
export const OUTPUT_LIMIT = 64 * 1024;

export const outputKey = (runId: string, stepId: string) => `${runId}/${stepId}`;

/** Appends text, keeping at most `limit` characters and starting at a line when it had to cut. */
export function appendBounded(current: string, text: string, limit = OUTPUT_LIMIT): string {
  const all = current + text;
  if (all.length <= limit) return all;
  const cut = all.slice(all.length - limit);
  const newline = cut.indexOf('\n');
  return newline >= 0 && newline < cut.length - 1 ? cut.slice(newline + 1) : cut;
}

const ACTIVE: readonly WizardRunState[] = ['running', 'interrupted', 'failed', 'blocked', 'ready'];

export function isActive(state: WizardRunState): boolean {
  return ACTIVE.includes(state);
}

/** Active and interrupted runs first (running, interrupted, failed, blocked, ready), then finished ones; newest first within each. */
export function sortRuns(runs: Iterable<WizardRun>): WizardRun[] {
  const rank = (run: WizardRun) => {
    const i = ACTIVE.indexOf(run.state);
    return i >= 0 ? i : ACTIVE.length;
  };
  return [...runs].sort((a, b) => rank(a) - rank(b) || Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
}

export const RUN_STATE_LABELS: Record<WizardRunState, string> = {
  blocked: 'Blocked',
  ready: 'Ready',
  running: 'Running',
  failed: 'Failed',
  interrupted: 'Interrupted',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const STEP_STATE_LABELS: Record<WizardStepView['state'], string> = {
  pending: 'Pending',
  running: 'Running',
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** The step the run is at, in words: "Step 3 of 9: Remove old logs", or how it ended. */
export function currentStepText(run: WizardRun): string {
  if (run.state === 'done') return `All ${run.steps.length} steps done`;
  const step = run.steps[run.current];
  if (!step) return `${run.steps.length} of ${run.steps.length} steps`;
  return `Step ${run.current + 1} of ${run.steps.length}: ${step.title}`;
}

/** Whether the run can go on with `wizards.step`, and whether it needs a resume first. */
export function nextAction(run: WizardRun): 'step' | 'resume' | 'none' {
  if (run.state === 'ready') return run.current < run.steps.length ? 'step' : 'none';
  if (run.state === 'interrupted' || run.state === 'failed' || run.state === 'blocked') return 'resume';
  return 'none';
}

/** The start form's initial values: each input's default, attestations unticked. */
export function initialValues(inputs: readonly WizardInputSpec[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const input of inputs) if (input.kind !== 'secret') values[input.key] = input.kind === 'attest' ? '' : (input.defaultValue ?? '');
  return values;
}

/** Splits the form into inputs and secrets as the engine takes them; empty optional fields are left out. */
export function splitForm(inputs: readonly WizardInputSpec[], values: Readonly<Record<string, string>>, secrets: Readonly<Record<string, string>>) {
  const plain: Record<string, string> = {};
  const secret: Record<string, string> = {};
  for (const input of inputs) {
    if (input.kind === 'platform' && input.key === '') continue;
    const value = input.kind === 'secret' ? (secrets[input.key] ?? '') : (values[input.key] ?? '');
    if (value === '') continue;
    if (input.kind === 'secret') secret[input.key] = value;
    else plain[input.key] = value;
  }
  return { inputs: plain, secrets: secret };
}

/** The required inputs still empty, by label. */
export function missingInputs(inputs: readonly WizardInputSpec[], values: Readonly<Record<string, string>>, secrets: Readonly<Record<string, string>>): string[] {
  return inputs.filter((i) => i.required && ((i.kind === 'secret' ? secrets[i.key] : values[i.key]) ?? '') === '').map((i) => i.label);
}

/** Whether a typed confirmation matches the platform's name (surrounding spaces ignored). */
export function confirmationMatches(typed: string, platformName: string): boolean {
  return typed.trim() === platformName;
}
