import type { PlanContext, WizardDefinition, WizardStep } from './wizardTypes';
import type { PlannedCommand, WizardStepView, WizardSummary } from './wizardWire';

export function wizardSummary(definition: WizardDefinition): WizardSummary {
  return {
    id: definition.id,
    title: definition.title,
    summary: definition.summary,
    reference: definition.reference,
    alarmKinds: [...definition.alarmKinds],
    inputs: [...definition.inputs],
    stepCount: definition.steps.length,
  };
}

const platformOf = (p: PlanContext, on: string | undefined) => {
  if (on === undefined || on === p.platform.id) return p.platform;
  const peer = p.peers.get(on);
  if (!peer) throw new Error(`A step names platform ${on}, which is not part of this run.`);
  return peer.platform;
};

/** The step's commands as they would run now, secrets masked. */
export function plannedCommands(step: WizardStep, p: PlanContext): PlannedCommand[] {
  return step.commands(p).map(({ on, command }) => {
    const platform = platformOf(p, on);
    return { platformId: platform.id, platformName: platform.name, text: command.masked };
  });
}

/** A step as it is shown before it has run. */
export function pendingStepView(step: WizardStep, p: PlanContext): WizardStepView {
  return {
    id: step.id,
    title: step.title,
    explanation: typeof step.explanation === 'function' ? step.explanation(p) : step.explanation,
    kind: step.kind,
    destructive: step.destructive ?? false,
    idempotent: step.idempotent ?? true,
    commands: plannedCommands(step, p),
    manual: step.manual ? step.manual(p) : null,
    onFailure: step.onFailure,
    state: 'pending',
    startedAt: null,
    endedAt: null,
    outcome: null,
    exitCodes: [],
    output: '',
  };
}

/** The step view refreshed for what the run knows now; what already happened stays. */
export function refreshedStepView(step: WizardStep, p: PlanContext, view: WizardStepView): WizardStepView {
  if (view.state !== 'pending') return view;
  return pendingStepView(step, p);
}
