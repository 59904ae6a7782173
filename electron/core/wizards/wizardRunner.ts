import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../audit/auditLog';
import { isConnectError } from '../connect/connectError';
import type { Alarm, LastPlatformStatus, PlatformStatus } from '../contract';
import type { EngineLog } from '../engineLog';
import type { PlatformAccess } from '../retrieval/platformAccess';
import { ContractError } from '../rpc/contractError';
import { maskSecrets, missingSecrets, validateInputs, withDefaults } from './wizardInputs';
import { MASK } from './remoteCommand';
import { createRunSessions } from './runSessions';
import type { RunSessions } from './runSessions';
import { createStepContext } from './stepContext';
import { StepFailure } from './stepFailure';
import { createWizardRunStore } from './wizardRunStore';
import type { StoredRun } from './wizardRunStore';
import type { PlanContext, RunData, StepContext, WizardDefinition, WizardStep } from './wizardTypes';
import { pendingStepView, refreshedStepView, wizardSummary } from './wizardViews';
import type { PreconditionView, WizardId, WizardPlan, WizardRun, WizardStepView, WizardSummary } from './wizardWire';

export interface WizardRunnerDeps {
  dataDir: string;
  catalog: readonly WizardDefinition[];
  access: Pick<PlatformAccess, 'identity' | 'dedicated'>;
  monitor: {
    statusesOf(platformIds: readonly string[]): Promise<LastPlatformStatus[]>;
    pollNow(platformIds: readonly string[]): Promise<unknown>;
    alarms(): Promise<{ active: Alarm[] }>;
  };
  audit: AuditLog;
  emit: { run(run: WizardRun): void; output(payload: { runId: string; stepId: string; text: string }): void };
  download(platformId: string, paths: readonly string[], signal: AbortSignal): Promise<string[]>;
  upload(platformId: string, localPath: string, remoteName: string, signal: AbortSignal): Promise<string>;
  log: EngineLog;
}

export interface WizardRunner {
  catalog(): WizardSummary[];
  plan(wizardId: WizardId, platformId: string, inputs: Record<string, string>): Promise<WizardPlan>;
  start(wizardId: WizardId, platformId: string, inputs: Record<string, string>, secrets: Record<string, string>): Promise<WizardRun>;
  step(runId: string, confirm: string | undefined, secrets: Record<string, string> | undefined): Promise<WizardRun>;
  resume(runId: string, secrets: Record<string, string> | undefined): Promise<WizardRun>;
  cancel(runId: string): Promise<WizardRun>;
  runs(): Promise<WizardRun[]>;
  get(runId: string): Promise<WizardRun>;
  close(): Promise<void>;
}

const OUTPUT_KEPT = 64 * 1024;
const now = () => new Date().toISOString();
const CONFIRM_DONE = 'done';
const CLOSING = new Error('The console is closing.');

/** Runs the catalog's wizards: plans, live preconditions, one step at a time, persisted after each, audited, resumable. */
export function createWizardRunner(deps: WizardRunnerDeps): WizardRunner {
  const store = createWizardRunStore(deps.dataDir);
  const byId = new Map(deps.catalog.map((d) => [d.id, d]));
  const secretsOf = new Map<string, Record<string, string>>();
  const active = new Map<string, { controller: AbortController; sessions: RunSessions }>();
  const sessionsOf = new Map<string, RunSessions>();
  /** Steps under way: closing waits for them to save what they ended with, so no later engine reads a run mid-write. */
  const inFlight = new Set<Promise<unknown>>();
  const recovered = recoverInterrupted();

  function definition(id: WizardId): WizardDefinition {
    const found = byId.get(id);
    if (!found) throw new ContractError('invalid_params', `There is no wizard "${id}".`, 'params.wizardId');
    return found;
  }

  async function recoverInterrupted(): Promise<void> {
    for (const run of await store.all()) {
      if (run.state !== 'running') continue;
      const steps = run.steps.map((s) => (s.state === 'running' ? { ...s, state: 'interrupted' as const, outcome: 'The console stopped while this step ran.' } : s));
      const step = steps[run.current];
      await store.save({ ...run, steps, state: 'interrupted', message: `The console stopped while "${step?.title ?? 'a step'}" ran. Resume: the step is checked first and run again only if it did not finish.`, updatedAt: now() });
    }
  }

  async function stored(runId: string): Promise<StoredRun> {
    await recovered;
    const run = await store.get(runId);
    if (!run) throw new ContractError('invalid_params', `There is no wizard run ${runId}. It may have been removed; start the wizard again.`, 'params.runId');
    return run;
  }

  async function statusOf(platformId: string): Promise<PlatformStatus | null> {
    return (await deps.monitor.statusesOf([platformId]))[0]?.status ?? null;
  }

  async function planContext(def: WizardDefinition, platformId: string, inputs: Record<string, string>, secrets: Record<string, string>, data: RunData): Promise<PlanContext> {
    const platform = await deps.access.identity(platformId);
    const peers = new Map<string, { platform: Awaited<ReturnType<typeof deps.access.identity>>; status: PlatformStatus | null }>();
    for (const key of def.peerInputs ?? []) {
      for (const id of (inputs[key] ?? '').split(',').filter(Boolean)) {
        if (id === platformId || peers.has(id)) continue;
        peers.set(id, { platform: await deps.access.identity(id), status: await statusOf(id) });
      }
    }
    return { platform, status: await statusOf(platformId), inputs, secrets, data, peers };
  }

  function view(run: StoredRun): WizardRun {
    const { data: _data, ...shown } = run;
    const def = byId.get(run.wizardId);
    return { ...shown, missingSecrets: def ? missingSecrets(def, secretsOf.get(run.runId) ?? {}) : [] };
  }

  async function save(run: StoredRun): Promise<WizardRun> {
    const next = { ...run, updatedAt: now() };
    await store.save(next);
    const shown = view(next);
    deps.emit.run(shown);
    return shown;
  }

  function contextFor(run: StoredRun, plan: PlanContext, stepId: string, onOutput: (text: string) => void, signal: AbortSignal, sessions: RunSessions, onExit?: (code: number | null) => void): StepContext {
    const secrets = secretsOf.get(run.runId) ?? {};
    return createStepContext({
      plan,
      data: run.data,
      runId: run.runId,
      purpose: `wizard: ${run.title}`,
      sessions,
      audit: deps.audit,
      output: (text) => {
        const masked = maskSecrets(text, secrets);
        onOutput(masked);
        deps.emit.output({ runId: run.runId, stepId, text: masked });
      },
      poll: async (platformId) => {
        await deps.monitor.pollNow([platformId]);
        const alarms = (await deps.monitor.alarms()).active.filter((a) => a.platformId === platformId);
        return { status: await statusOf(platformId), alarms };
      },
      download: deps.download,
      upload: deps.upload,
      onAuditError: (error) => deps.log.error('writing the audit log failed', error),
      onExit,
      signal,
    });
  }

  function sessionsFor(runId: string, title: string): RunSessions {
    let sessions = sessionsOf.get(runId);
    if (!sessions) {
      sessions = createRunSessions(deps.access, `wizard: ${title}`);
      sessionsOf.set(runId, sessions);
    }
    return sessions;
  }

  function endSessions(runId: string) {
    sessionsOf.get(runId)?.close();
    sessionsOf.delete(runId);
  }

  async function checkPreconditions(run: StoredRun, def: WizardDefinition, plan: PlanContext): Promise<PreconditionView[]> {
    const controller = new AbortController();
    const ctx = contextFor(run, plan, 'preconditions', () => undefined, controller.signal, sessionsFor(run.runId, run.title));
    const results: PreconditionView[] = [];
    for (const pre of def.preconditions) {
      try {
        const finding = await pre.check(ctx);
        results.push({ label: pre.label, ok: finding.ok, detail: maskSecrets(finding.detail, plan.secrets) });
      } catch (error) {
        results.push({ label: pre.label, ok: false, detail: maskSecrets(problemText(error), plan.secrets) });
      }
    }
    return results;
  }

  const blockedMessage = (pre: PreconditionView[]) => {
    const failed = pre.filter((p) => p.ok !== true);
    return failed.length === 0 ? null : `Not ready to run: ${failed.map((p) => `${p.label}: ${p.detail}`).join(' ')} Fix this, then resume the wizard to check again.`;
  };

  function requireInputs(def: WizardDefinition, plan: PlanContext) {
    const problem = validateInputs(def, plan);
    if (problem) throw new ContractError('invalid_params', problem.message, problem.field);
  }

  function confirmationNeeded(step: WizardStep, view: WizardStepView, platformName: string): { expect: string; words: string } | null {
    if (step.destructive || (view.state === 'interrupted' && step.idempotent === false)) {
      return { expect: platformName, words: `"${step.title}" changes ${platformName}: type the platform's name (${platformName}) to confirm.` };
    }
    if (step.kind === 'manual') return { expect: CONFIRM_DONE, words: `"${step.title}" is done by you outside the console: confirm with "done" once you have done it.` };
    return null;
  }

  async function runStep(run: StoredRun, def: WizardDefinition, index: number, confirmedBy: string | null): Promise<WizardRun> {
    const step = def.steps[index] as WizardStep;
    const before = run.steps[index] as WizardStepView;
    const secrets = secretsOf.get(run.runId) ?? {};
    const controller = new AbortController();
    const sessions = sessionsFor(run.runId, run.title);
    active.set(run.runId, { controller, sessions });
    let output = before.state === 'interrupted' ? before.output : '';
    const exitCodes: Array<number | null> = before.state === 'interrupted' ? [...before.exitCodes] : [];
    const startedAt = now();
    const running: WizardStepView = { ...before, state: 'running', startedAt, endedAt: null, outcome: null, output, exitCodes };
    run.steps[index] = running;
    run.state = 'running';
    run.message = null;
    if (confirmedBy) run.confirmations.push({ stepId: step.id, at: startedAt, typed: confirmedBy });
    await save(run);

    const plan = await planContext(def, run.platformId, run.inputs, secrets, run.data);
    const ctx = contextFor(run, plan, step.id, (text) => {
      output = (output + text).slice(-OUTPUT_KEPT);
    }, controller.signal, sessions, (code) => exitCodes.push(code));

    let state: WizardStepView['state'];
    let outcome: string;
    try {
      const earlier = before.state === 'interrupted' ? await step.verify({ ...ctx, resuming: true }) : null;
      const skipped = earlier?.ok ? null : ((await step.skip?.(ctx)) ?? null);
      if (earlier?.ok) {
        state = 'done';
        outcome = `Already done before the interruption: ${earlier.detail}`;
      } else if (skipped) {
        state = 'skipped';
        outcome = skipped;
      } else {
        if (step.kind !== 'manual') {
          if (step.run) await step.run(ctx);
          else for (const { on, command } of step.commands(plan)) await ctx.must(command, { on });
        }
        const finding = await step.verify(ctx);
        state = finding.ok ? 'done' : 'failed';
        outcome = finding.ok ? finding.detail : `${finding.detail} ${step.onFailure}`;
      }
    } catch (error) {
      if (controller.signal.aborted) {
        state = 'interrupted';
        outcome = controller.signal.reason === CLOSING ? 'The console closed while this step ran.' : 'Cancelled while it ran.';
      } else if (error instanceof StepFailure) {
        state = 'failed';
        outcome = `${error.message} ${step.onFailure}`;
      } else if (isConnectError(error) && ['disconnected', 'unreachable', 'timeout', 'auth_failed', 'root_auth_failed', 'host_key_changed', 'host_key_unknown'].includes(error.code)) {
        state = 'interrupted';
        outcome = `${error.message} Resume the wizard once ${run.platformName} can be reached: this step is checked first and run again only if it did not finish.`;
        endSessions(run.runId);
      } else {
        state = 'failed';
        outcome = `${problemText(error)} ${step.onFailure}`;
      }
    } finally {
      active.delete(run.runId);
    }
    outcome = maskSecrets(outcome, secrets);
    const fresh = (await store.get(run.runId)) ?? run;
    const cancelledMeanwhile = fresh.state === 'cancelled';
    run.steps[index] = { ...running, state, outcome, output, exitCodes, endedAt: now() };
    if (state === 'done' || state === 'skipped') run.current = index + 1;
    if (cancelledMeanwhile) {
      run.state = 'cancelled';
      run.message = fresh.message;
    } else if (state === 'failed') {
      run.state = 'failed';
      run.message = `Step "${step.title}" failed: ${outcome}`;
    } else if (state === 'interrupted') {
      run.state = 'interrupted';
      run.message = `Step "${step.title}" was interrupted: ${outcome}`;
    } else {
      run.state = run.current >= def.steps.length ? 'done' : 'ready';
    }
    const after = await planContext(def, run.platformId, run.inputs, secrets, run.data).catch(() => plan);
    run.steps = run.steps.map((v, i) => refreshedStepView(def.steps[i] as WizardStep, after, v));
    if (run.state === 'done' || run.state === 'cancelled') endSessions(run.runId);
    return save(run);
  }

  return {
    catalog: () => deps.catalog.map(wizardSummary),

    async plan(wizardId, platformId, given) {
      const def = definition(wizardId);
      const inputs = withDefaults(def, given);
      // Secrets are not asked for a dry run: the plan shows them masked.
      const placeholders = Object.fromEntries(def.inputs.filter((i) => i.kind === 'secret').map((i) => [i.key, MASK]));
      const plan = await planContext(def, platformId, inputs, placeholders, {});
      requireInputs(def, plan);
      return {
        wizardId,
        title: def.title,
        platformId,
        platformName: plan.platform.name,
        preconditions: def.preconditions.map((p) => ({ label: p.label, ok: null, detail: 'Checked on the platform when the wizard starts.' })),
        steps: def.steps.map((s) => pendingStepView(s, plan)),
      };
    },

    async start(wizardId, platformId, given, secrets) {
      await recovered;
      const def = definition(wizardId);
      const inputs = withDefaults(def, given);
      const plan = await planContext(def, platformId, inputs, secrets, {});
      requireInputs(def, plan);
      const runId = `wz-${randomUUID()}`;
      secretsOf.set(runId, { ...secrets });
      const run: StoredRun = {
        runId, wizardId, title: def.title, platformId, platformName: plan.platform.name, siteName: plan.platform.siteName,
        inputs: { ...inputs }, missingSecrets: [], state: 'running', current: 0, preconditions: [],
        steps: def.steps.map((s) => pendingStepView(s, plan)), confirmations: [], message: null, createdAt: now(), updatedAt: now(), data: {},
      };
      run.preconditions = await checkPreconditions(run, def, plan);
      run.message = blockedMessage(run.preconditions);
      run.state = run.message ? 'blocked' : 'ready';
      return save(run);
    },

    async step(runId, confirm, secrets) {
      const run = await stored(runId);
      const def = definition(run.wizardId);
      if (active.has(runId)) throw new ContractError('failed', `A step of "${run.title}" on ${run.platformName} is running already. Wait for it to end.`);
      if (secrets) secretsOf.set(runId, { ...secretsOf.get(runId), ...secrets });
      if (run.state !== 'ready') throw new ContractError('failed', notReady(run));
      const missing = missingSecrets(def, secretsOf.get(runId) ?? {});
      if (missing.length > 0) throw new ContractError('invalid_params', `Enter ${missing.join(', ')} again: secrets are kept only while the console runs.`, 'params.secrets');
      const index = run.current;
      const step = def.steps[index] as WizardStep;
      const needed = confirmationNeeded(step, run.steps[index] as WizardStepView, run.platformName);
      if (needed && confirm?.trim() !== needed.expect) throw new ContractError('invalid_params', needed.words, 'params.confirm');
      if (needed) {
        await deps.audit
          .record({ platformId: run.platformId, purpose: `wizard: ${run.title}`, command: '', asRoot: false, exitCode: null, runId, confirmation: `${step.kind === 'manual' ? 'Manual step done' : 'Confirmed'}: ${step.title} (typed "${confirm?.trim()}")` })
          .catch((error: unknown) => deps.log.error('writing the audit log failed', error));
      }
      const running = runStep(run, def, index, needed ? (confirm?.trim() ?? null) : null);
      inFlight.add(running);
      void running.catch(() => undefined).finally(() => inFlight.delete(running));
      return running;
    },

    async resume(runId, secrets) {
      const run = await stored(runId);
      const def = definition(run.wizardId);
      if (active.has(runId) || run.state === 'running') throw new ContractError('failed', `"${run.title}" on ${run.platformName} is running. Wait for the step to end.`);
      if (run.state === 'done' || run.state === 'cancelled') throw new ContractError('failed', `"${run.title}" on ${run.platformName} has ${run.state === 'done' ? 'finished' : 'been cancelled'}; start the wizard again to run it anew.`);
      if (secrets) secretsOf.set(runId, { ...secretsOf.get(runId), ...secrets });
      const plan = await planContext(def, run.platformId, run.inputs, secretsOf.get(runId) ?? {}, run.data);
      if (run.current === 0 && run.steps.every((s) => s.state === 'pending')) {
        run.preconditions = await checkPreconditions(run, def, plan);
        run.message = blockedMessage(run.preconditions);
        run.state = run.message ? 'blocked' : 'ready';
        return save(run);
      }
      // Past the first step the preconditions described the fault; what matters now is that the platform answers.
      try {
        await sessionsFor(runId, run.title).get(run.platformId, new AbortController().signal);
      } catch (error) {
        endSessions(runId);
        run.message = `${problemText(error)} The wizard waits at "${def.steps[run.current]?.title ?? 'the next step'}"; resume again once ${run.platformName} can be reached.`;
        return save(run);
      }
      const current = run.steps[run.current];
      if (current?.state === 'failed') run.steps[run.current] = { ...current, state: 'pending' };
      run.steps = run.steps.map((v, i) => refreshedStepView(def.steps[i] as WizardStep, plan, v));
      run.state = 'ready';
      run.message = null;
      return save(run);
    },

    async cancel(runId) {
      const run = await stored(runId);
      if (run.state === 'done' || run.state === 'cancelled') return view(run);
      active.get(runId)?.controller.abort(new Error('cancelled'));
      run.state = 'cancelled';
      run.message = 'Cancelled. Steps already run stay done; check the platform before you start the wizard again.';
      endSessions(runId);
      return save(run);
    },

    runs: async () => {
      await recovered;
      return (await store.all()).map(view).reverse();
    },
    get: async (runId) => view(await stored(runId)),
    async close() {
      for (const { controller } of active.values()) controller.abort(CLOSING);
      await Promise.allSettled([...inFlight]);
      for (const id of [...sessionsOf.keys()]) endSessions(id);
      await recovered;
    },
  };
}

function notReady(run: StoredRun): string {
  switch (run.state) {
    case 'blocked':
      return `"${run.title}" cannot run on ${run.platformName} yet: ${run.message ?? 'a precondition failed.'}`;
    case 'interrupted':
    case 'failed':
      return `"${run.title}" on ${run.platformName} stopped: ${run.message ?? ''} Resume it first.`.replace(/\s+/g, ' ');
    case 'done':
      return `"${run.title}" on ${run.platformName} has finished.`;
    case 'cancelled':
      return `"${run.title}" on ${run.platformName} was cancelled; start it again to run it anew.`;
    default:
      return `"${run.title}" on ${run.platformName} is running a step. Wait for it to end.`;
  }
}

function problemText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
