import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { z } from 'zod';
import type { Alarm, EventMessage, FleetList, PlatformStatus } from '../../../electron/core/contract';
import type { Engine } from '../../../electron/core/engine';
import type { AuditEntry } from '../../../electron/core/audit/auditLog';
import type { WizardRun } from '../../../electron/core/wizards/wizardWire';
import { labUp } from '../../lab/lab';
import { processesIn } from '../../lab/platformNamespace';
import type { FleetSpec } from '../../lab/labSpec';
import { callEngine, closeLabEngine, importLabFleet, quietEngine } from '../monitor/labEngine';
import { startConsoleProcess } from './consoleProcess';

export { callEngine as call } from '../monitor/labEngine';

export const MASTER_PASSWORD = 'Wizard-Master-7713';

/** An engine on a fresh data folder with a lab fleet imported, every host key accepted and one poll done. */
export interface WizardLab {
  engine: Engine;
  dataDir: string;
  /** Platform id by lab name. */
  ids: Record<string, string>;
  events: EventMessage[];
  /** A new engine on the same data folder, as after a crash or a restart (the old one is closed first, unless handed over). */
  restart(): Promise<Engine>;
  /** Closes the engine so that a console process can take over the data folder until `restart`. */
  handOver(): Promise<void>;
  stop(): Promise<void>;
}

/** The spec as written (defaults left out), as labUp takes it. */
export type WizardFleetSpec = z.input<typeof FleetSpec>;

export async function startWizardLab(spec: WizardFleetSpec): Promise<WizardLab> {
  await labUp({ replication: [], ...spec } as FleetSpec);
  const dataDir = await mkdtemp(join(tmpdir(), 'apc-wizard-'));
  let handedOver = false;
  const lab: WizardLab = {
    engine: quietEngine(dataDir),
    dataDir,
    ids: {},
    events: [],
    async handOver() {
      await lab.engine.close();
      handedOver = true;
    },
    async restart() {
      if (!handedOver) await lab.engine.close();
      handedOver = false;
      lab.engine = quietEngine(dataDir);
      lab.engine.subscribe((event) => lab.events.push(event));
      expect((await callEngine(lab.engine, 'vault.unlock', { masterPassword: MASTER_PASSWORD })).ok).toBe(true);
      return lab.engine;
    },
    stop: () => closeLabEngine(lab.engine, dataDir),
  };
  lab.engine.subscribe((event) => lab.events.push(event));
  const first = spec.platforms[0]?.name as string;
  await importLabFleet(lab.engine, MASTER_PASSWORD, first);
  const fleet = await callEngine<FleetList>(lab.engine, 'fleet.list');
  for (const p of fleet.result.platforms) lab.ids[p.name] = p.id;
  const ids = Object.values(lab.ids);
  await callEngine(lab.engine, 'monitor.pollNow', { platformIds: ids });
  const statuses = await callEngine<{ statuses: Array<{ status: PlatformStatus }> }>(lab.engine, 'monitor.statuses');
  for (const { status } of statuses.result.statuses) {
    const key = status.reach.hostKey;
    if (key) expect((await callEngine(lab.engine, 'hostKeys.accept', { id: key.id, host: key.host, port: key.port, key: key.key })).ok).toBe(true);
  }
  await callEngine(lab.engine, 'monitor.pollNow', { platformIds: ids });
  return lab;
}

/** The lab's AP Manager password stored for each platform and its certificate trusted, so that polls log in and read the manager's version. */
export async function loginToManagers(lab: WizardLab, names: readonly string[], password = 'pwd'): Promise<void> {
  const ids = names.map((name) => lab.ids[name] as string);
  for (const id of ids) {
    const ref = `platform:${id}:manager-password`;
    expect((await callEngine(lab.engine, 'vault.setSecret', { ref, secret: password })).ok).toBe(true);
    expect((await callEngine(lab.engine, 'fleet.updatePlatform', { id, credentials: { managerPasswordRef: ref } })).ok).toBe(true);
  }
  await callEngine(lab.engine, 'monitor.pollNow', { platformIds: ids });
  const statuses = await callEngine<{ statuses: Array<{ status: PlatformStatus }> }>(lab.engine, 'monitor.statuses');
  for (const { status } of statuses.result.statuses.filter((s) => ids.includes(s.status.platformId))) {
    const sha256 = status.certificate?.sha256;
    expect(sha256, `no certificate read from ${status.platformId}`).toBeTruthy();
    expect((await callEngine(lab.engine, 'webserver.trust', { platformId: status.platformId, sha256 })).ok).toBe(true);
  }
  await callEngine(lab.engine, 'monitor.pollNow', { platformIds: ids });
}

/** Starts a wizard; fails the test with the engine's message when it cannot. */
export async function startWizard(engine: Engine, wizardId: string, platformId: string, inputs: Record<string, string> = {}, secrets: Record<string, string> = {}): Promise<WizardRun> {
  const answer = await callEngine<WizardRun>(engine, 'wizards.start', { wizardId, platformId, inputs, secrets });
  expect(answer.ok, answer.error?.message).toBe(true);
  return answer.result;
}

/** The next step's `wizards.step` call, confirmed the way a user would (the platform's name for destructive steps, "done" for manual ones). */
function stepParams(run: WizardRun): { runId: string; confirm?: string } {
  const view = run.steps[run.current];
  const confirm = view?.destructive || (view?.state === 'interrupted' && !view.idempotent) ? run.platformName : view?.kind === 'manual' ? 'done' : undefined;
  return { runId: run.runId, ...(confirm ? { confirm } : {}) };
}

/** Runs one step, confirming it as a user would. */
export async function step(engine: Engine, run: WizardRun): Promise<WizardRun> {
  const answer = await callEngine<WizardRun>(engine, 'wizards.step', stepParams(run));
  expect(answer.ok, answer.error?.message).toBe(true);
  return answer.result;
}

/** Steps until the run is done (or stops), with `beforeStep` called before each step (for manual steps the lab performs). */
export async function runToEnd(engine: Engine, start: WizardRun, beforeStep?: (stepId: string, run: WizardRun) => Promise<void>): Promise<WizardRun> {
  let run = start;
  while (run.state === 'ready') {
    const next = run.steps[run.current];
    if (next && beforeStep) await beforeStep(next.id, run);
    run = await step(engine, run);
  }
  return run;
}

/** When to cut a step: some time into it, or once a command is seen running on a lab platform. */
export type StepCut = { afterMs: number } | { platform: string; command: string };

async function reached(cut: StepCut): Promise<void> {
  if ('afterMs' in cut) return new Promise((resolve) => setTimeout(resolve, cut.afterMs));
  const until = Date.now() + 60_000;
  while (!(await processesIn(cut.platform)).some((line) => line.includes(cut.command))) {
    if (Date.now() > until) throw new Error(`"${cut.command}" never ran on ${cut.platform}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Closes the console at `cut` in the run's next step (a new engine takes over the data folder, as after quitting and starting it again),
 * checks that the step is left interrupted, and resumes the run: what a partner gets after restarting the console.
 */
export async function restartDuringStep(lab: WizardLab, run: WizardRun, at: StepCut): Promise<WizardRun> {
  const cut = callEngine<WizardRun>(lab.engine, 'wizards.step', stepParams(run)).catch(() => null);
  await reached(at);
  await lab.restart();
  await cut;
  return resumeInterrupted(lab, run);
}

/**
 * Runs the next step in a console process of its own and kills that process (SIGKILL) at `cut`, as a crash or a power cut does;
 * then a new engine on the same data folder finds the step interrupted and resumes the run.
 */
export async function crashDuringStep(lab: WizardLab, run: WizardRun, at: StepCut): Promise<WizardRun> {
  await lab.handOver();
  const other = await startConsoleProcess(lab.dataDir);
  try {
    expect((await other.call('vault.unlock', { masterPassword: MASTER_PASSWORD })).ok).toBe(true);
    void other.call('wizards.step', stepParams(run)).catch(() => null);
    await reached(at);
  } finally {
    await other.kill();
  }
  await lab.restart();
  return resumeInterrupted(lab, run);
}

async function resumeInterrupted(lab: WizardLab, run: WizardRun): Promise<WizardRun> {
  const stepId = run.steps[run.current]?.id;
  const stopped = await callEngine<WizardRun>(lab.engine, 'wizards.get', { runId: run.runId });
  expect(stopped.result.state).toBe('interrupted');
  expect(stopped.result.steps[stopped.result.current]?.id).toBe(stepId);
  const resumed = await callEngine<WizardRun>(lab.engine, 'wizards.resume', { runId: run.runId });
  expect(resumed.ok, resumed.error?.message).toBe(true);
  expect(resumed.result.state).toBe('ready');
  return resumed.result;
}

/** The run's end, with every step's outcome in the failure message. */
export function expectDone(run: WizardRun): void {
  const story = run.steps.map((s) => `${s.id}: ${s.state} ${s.outcome ?? ''}`).join('\n');
  expect(run.state, `${run.message ?? ''}\n${story}`).toBe('done');
}

export async function auditOf(engine: Engine, runId: string): Promise<AuditEntry[]> {
  return (await callEngine<{ entries: AuditEntry[] }>(engine, 'audit.list', { runId })).result.entries;
}

export async function activeAlarms(engine: Engine, platformId: string): Promise<Alarm[]> {
  return (await callEngine<{ active: Alarm[] }>(engine, 'alarms.list')).result.active.filter((a) => a.platformId === platformId);
}

/** Every secret of the lab fleet (and any given), none of which may appear in the audit. */
export function expectNoSecret(entries: readonly AuditEntry[], secrets: readonly string[]): void {
  const text = JSON.stringify(entries);
  for (const secret of secrets) expect(text.includes(secret), `a secret in the audit`).toBe(false);
}

export { closeLabEngine };
