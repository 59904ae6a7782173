import type { AuditLog } from '../audit/auditLog';
import type { Handler } from '../rpc/handlers';
import type { WizardRunner } from './wizardRunner';

type WizardMethod = 'wizards.catalog' | 'wizards.plan' | 'wizards.start' | 'wizards.step' | 'wizards.resume' | 'wizards.cancel' | 'wizards.runs' | 'wizards.get' | 'audit.list' | 'audit.export';
export type WizardHandlers = { [M in WizardMethod]: Handler<M> };

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

/** The contract's wizards.* and audit.* methods. */
export function wizardHandlers(runner: WizardRunner, audit: AuditLog): WizardHandlers {
  return {
    'wizards.catalog': async () => ({ wizards: runner.catalog() }),
    'wizards.plan': ({ wizardId, platformId, inputs }) => runner.plan(wizardId, platformId, inputs ?? {}),
    'wizards.start': ({ wizardId, platformId, inputs, secrets }) => runner.start(wizardId, platformId, inputs ?? {}, secrets ?? {}),
    'wizards.step': ({ runId, confirm, secrets }) => runner.step(runId, confirm, secrets),
    'wizards.resume': ({ runId, secrets }) => runner.resume(runId, secrets),
    'wizards.cancel': ({ runId }) => runner.cancel(runId),
    'wizards.runs': async () => ({ runs: await runner.runs() }),
    'wizards.get': ({ runId }) => runner.get(runId),
    'audit.list': async ({ platformId, runId, limit }) => ({ entries: (await audit.list({ platformId, runId }, limit)).reverse() }),
    'audit.export': async () => {
      const entries = await audit.list({}, Number.MAX_SAFE_INTEGER);
      return { text: entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : ''), fileName: `ap-console-audit-${stamp()}.jsonl`, entries: entries.length };
    },
  };
}
