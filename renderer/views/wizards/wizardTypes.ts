import { methods } from '../../../electron/core/contract';
import type { Params, Result } from '../../../electron/core/contract';

/** The wizards' shapes as the contract carries them. */
export type WizardRun = Result<'wizards.get'>;
export type WizardPlan = Result<'wizards.plan'>;
export type WizardSummary = Result<'wizards.catalog'>['wizards'][number];
export type WizardInputSpec = WizardSummary['inputs'][number];
export type WizardStepView = WizardRun['steps'][number];
export type PreconditionView = WizardRun['preconditions'][number];
export type WizardRunState = WizardRun['state'];
export type WizardId = Params<'wizards.plan'>['wizardId'];
export type AuditEntry = Result<'audit.list'>['entries'][number];

/** Every wizard id the engine knows, whether or not its procedure is in the catalog yet. */
export const WIZARD_IDS: readonly WizardId[] = methods['wizards.plan'].params.shape.wizardId.options;

export const isWizardId = (id: string): id is WizardId => (WIZARD_IDS as readonly string[]).includes(id);
