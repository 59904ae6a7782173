import type { Alarm, PlatformStatus } from '../contract';
import { beginCommand } from '../audit/auditLog';
import type { AuditLog } from '../audit/auditLog';
import type { RunSessions } from './runSessions';
import { StepFailure } from './stepFailure';
import type { ExecOptions, ExecResult, PlanContext, RunData, StepContext } from './wizardTypes';

export interface StepContextDeps {
  plan: PlanContext;
  data: RunData;
  runId: string;
  purpose: string;
  sessions: RunSessions;
  audit: AuditLog;
  output(text: string): void;
  poll(platformId: string): Promise<{ status: PlatformStatus | null; alarms: Alarm[] }>;
  download(platformId: string, paths: readonly string[], signal: AbortSignal): Promise<string[]>;
  upload(platformId: string, localPath: string, remoteName: string, signal: AbortSignal): Promise<string>;
  onAuditError(error: unknown): void;
  /** Each command's exit code (null when it did not end on its own). */
  onExit?(code: number | null): void;
  signal: AbortSignal;
  resuming?: boolean;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** The step's hands: root commands on the run's platforms, audited and streamed, and the console's own helpers. */
export function createStepContext(deps: StepContextDeps): StepContext {
  const { plan, signal } = deps;
  const target = (on: string | undefined) => {
    if (on === undefined || on === plan.platform.id) return plan.platform.id;
    if (!plan.peers.has(on)) throw new Error(`Platform ${on} is not part of this run.`);
    return on;
  };

  const exec = async (command: { text: string; masked: string }, opts: ExecOptions = {}): Promise<ExecResult> => {
    const platformId = target(opts.on);
    const where = platformId === plan.platform.id ? plan.platform.name : (plan.peers.get(platformId)?.platform.name ?? platformId);
    if (!opts.quiet) deps.output(`${where}# ${command.masked}\n`);
    const session = await deps.sessions.get(platformId, signal);
    const entry = { platformId, purpose: deps.purpose, command: command.masked, asRoot: true, runId: deps.runId };
    const end = await beginCommand(deps.audit, entry, deps.onAuditError);
    let code: number | null = null;
    try {
      const result = await session.run({ shell: command.text }, { timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal, onOutput: opts.quiet ? undefined : (text) => deps.output(text) });
      code = result.code;
      if (!opts.quiet) deps.output(`[exit ${result.code}]\n`);
      return result;
    } finally {
      deps.onExit?.(code);
      await end(code).catch((error: unknown) => deps.onAuditError(error));
    }
  };

  return {
    ...plan,
    data: deps.data,
    signal,
    resuming: deps.resuming ?? false,
    exec,
    async must(command, opts) {
      const result = await exec(command, opts);
      if (result.code !== 0) throw new StepFailure(`\`${command.masked}\` ended with exit code ${result.code}${lastLine(result.output)}.`);
      return result;
    },
    remember(key, value) {
      deps.data[key] = value;
    },
    say: (text) => deps.output(`${text}\n`),
    poll: (platformId) => orAbort(deps.poll(target(platformId)), signal),
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', stop);
          resolve();
        }, ms);
        const stop = () => {
          clearTimeout(timer);
          reject(signal.reason);
        };
        signal.addEventListener('abort', stop, { once: true });
      }),
    download: (paths, opts = {}) => orAbort(deps.download(target(opts.on), paths, signal), signal),
    upload: (localPath, remoteName, opts = {}) => deps.upload(target(opts.on), localPath, remoteName, signal),
  };
}

function lastLine(output: string): string {
  const line = output.trim().split('\n').pop()?.trim();
  return line ? `: ${line.slice(0, 300)}` : '';
}

/** The work's answer, or the abort's reason as soon as the step is cancelled or the console closes. */
function orAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}
