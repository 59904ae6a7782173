// The wizards' part of the contract: catalog, plans, runs and their events.
import { z } from 'zod';

const IsoTime = z.iso.datetime({ offset: true });

export const WIZARD_IDS = [
  'disk-full',
  'disk-warning',
  'clear-core-dumps',
  'manager-mismatch',
  'restore-certificate',
  'shrink-database',
  'standby-down',
  'primary-down',
  'postgres-major-update',
  'external-database',
  'broken-filesystem',
  'resize-vm-disk',
  'external-db-access',
  'change-address',
] as const;
export const WizardId = z.enum(WIZARD_IDS);
export type WizardId = z.infer<typeof WizardId>;

export const WizardInputSpec = z.strictObject({
  key: z.string(),
  label: z.string(),
  /** text; choice (one of options); platform (another inventory platform); secret (kept in memory only); localFile (a file on this computer); attest (a yes the user gives, e.g. "I have a backup"). */
  kind: z.enum(['text', 'choice', 'platform', 'secret', 'localFile', 'attest']),
  required: z.boolean(),
  help: z.string().nullable(),
  options: z.array(z.strictObject({ value: z.string(), label: z.string() })).nullable(),
  defaultValue: z.string().nullable(),
});
export type WizardInputSpec = z.infer<typeof WizardInputSpec>;

export const WizardSummary = z.strictObject({
  id: WizardId,
  title: z.string(),
  summary: z.string(),
  /** The wiki's procedure this follows (admin-facts section 2). */
  reference: z.string(),
  /** Alarm kinds that suggest this wizard. */
  alarmKinds: z.array(z.string()),
  inputs: z.array(WizardInputSpec),
  stepCount: z.number().int().positive(),
});
export type WizardSummary = z.infer<typeof WizardSummary>;

export const PlannedCommand = z.strictObject({
  platformId: z.string(),
  platformName: z.string(),
  /** As the platform will run it, secrets masked. */
  text: z.string(),
});
export type PlannedCommand = z.infer<typeof PlannedCommand>;

export const StepState = z.enum(['pending', 'running', 'done', 'skipped', 'failed', 'interrupted']);
export type StepState = z.infer<typeof StepState>;

export const ManualValue = z.strictObject({ label: z.string(), value: z.string() });

export const WizardStepView = z.strictObject({
  id: z.string(),
  title: z.string(),
  explanation: z.string(),
  /** command: the console runs it; manual: the user does it elsewhere and confirms; check: the console only reads. */
  kind: z.enum(['command', 'manual', 'check']),
  destructive: z.boolean(),
  idempotent: z.boolean(),
  commands: z.array(PlannedCommand),
  manual: z.strictObject({ instructions: z.array(z.string()), values: z.array(ManualValue) }).nullable(),
  onFailure: z.string(),
  state: StepState,
  startedAt: IsoTime.nullable(),
  endedAt: IsoTime.nullable(),
  /** What happened, in a sentence: the verification's finding, or why it failed. */
  outcome: z.string().nullable(),
  exitCodes: z.array(z.number().int().nullable()),
  /** The newest output of the step's commands (at most 64 KiB). */
  output: z.string(),
});
export type WizardStepView = z.infer<typeof WizardStepView>;

export const PreconditionView = z.strictObject({ label: z.string(), ok: z.boolean().nullable(), detail: z.string() });
export type PreconditionView = z.infer<typeof PreconditionView>;

export const WizardRunState = z.enum(['blocked', 'ready', 'running', 'failed', 'interrupted', 'done', 'cancelled']);
export type WizardRunState = z.infer<typeof WizardRunState>;

export const WizardConfirmation = z.strictObject({ stepId: z.string(), at: IsoTime, typed: z.string() });

export const WizardRun = z.strictObject({
  runId: z.string(),
  wizardId: WizardId,
  title: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  siteName: z.string(),
  /** Inputs as given, secrets left out. */
  inputs: z.record(z.string(), z.string()),
  /** Secret inputs this run still needs (after a restart they must be given again). */
  missingSecrets: z.array(z.string()),
  state: WizardRunState,
  /** Index of the next step to run (steps.length when all are done). */
  current: z.number().int().nonnegative(),
  preconditions: z.array(PreconditionView),
  steps: z.array(WizardStepView),
  confirmations: z.array(WizardConfirmation),
  /** Why the run stopped, and the wiki's advice; null while all is well. */
  message: z.string().nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type WizardRun = z.infer<typeof WizardRun>;

/** A dry run: the whole plan, nothing run, nothing sent to the platform. */
export const WizardPlan = z.strictObject({
  wizardId: WizardId,
  title: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  preconditions: z.array(PreconditionView),
  steps: z.array(WizardStepView),
});
export type WizardPlan = z.infer<typeof WizardPlan>;

export const WizardOutput = z.strictObject({ runId: z.string(), stepId: z.string(), text: z.string() });

const RunId = z.string().regex(/^wz-[0-9a-f-]{8,64}$/, 'a wizard run id');
const Inputs = z.record(z.string().min(1).max(64), z.string().max(4_096)).refine((r) => Object.keys(r).length <= 32, 'at most 32 inputs');
const Secrets = z.record(z.string().min(1).max(64), z.string().min(1).max(4_096)).refine((r) => Object.keys(r).length <= 8, 'at most 8 secrets');
const PlatformIdParam = z.string().min(1).max(64);

export const AuditEntryWire = z.strictObject({
  at: IsoTime,
  platformId: z.string(),
  purpose: z.string(),
  command: z.string(),
  asRoot: z.boolean(),
  exitCode: z.number().int().nullable(),
  runId: z.string().nullable(),
  confirmation: z.string().nullable(),
});

export const wizardMethods = {
  'wizards.catalog': { params: z.strictObject({}), result: z.strictObject({ wizards: z.array(WizardSummary) }) },
  /** The dry run: every step with its commands, as they would run now; nothing is sent to the platform. */
  'wizards.plan': { params: z.strictObject({ wizardId: WizardId, platformId: PlatformIdParam, inputs: Inputs.default({}) }), result: WizardPlan },
  /** Checks the preconditions live and creates the run; it runs nothing that changes the platform. */
  'wizards.start': {
    params: z.strictObject({ wizardId: WizardId, platformId: PlatformIdParam, inputs: Inputs.default({}), secrets: Secrets.default({}) }),
    result: WizardRun,
  },
  /** Runs the next step (or records a manual step as done) and answers when it has ended; `confirm` is the platform's name, typed, for destructive steps. */
  'wizards.step': {
    params: z.strictObject({ runId: RunId, confirm: z.string().max(200).optional(), secrets: Secrets.optional() }),
    result: WizardRun,
  },
  /** After a restart, a cut connection or a failure: re-checks the preconditions and what the interrupted step left, then waits for the next step. */
  'wizards.resume': { params: z.strictObject({ runId: RunId, secrets: Secrets.optional() }), result: WizardRun },
  'wizards.cancel': { params: z.strictObject({ runId: RunId }), result: WizardRun },
  'wizards.runs': { params: z.strictObject({}), result: z.strictObject({ runs: z.array(WizardRun) }) },
  'wizards.get': { params: z.strictObject({ runId: RunId }), result: WizardRun },
  /** The audit log, newest first: every command run on a platform, with its exit code, and every confirmation. */
  'audit.list': {
    params: z.strictObject({ platformId: PlatformIdParam.optional(), runId: RunId.optional(), limit: z.number().int().min(1).max(10_000).default(1_000) }),
    result: z.strictObject({ entries: z.array(AuditEntryWire) }),
  },
  /** The whole audit log as JSON Lines, to save. */
  'audit.export': { params: z.strictObject({}), result: z.strictObject({ text: z.string(), fileName: z.string(), entries: z.number().int().nonnegative() }) },
} as const;

export const wizardEvents = {
  'wizards.run': WizardRun,
  'wizards.output': WizardOutput,
} as const;
