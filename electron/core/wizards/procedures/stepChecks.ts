import { byteText } from '../../format/byteText';
import { command } from '../remoteCommand';
import type { Finding, StepContext } from '../wizardTypes';
import { AP, readDataDf } from './apCommands';

/** After an interruption a service either is in the wanted state by now or the step runs again. */
const RESUME_WAIT_MS = 10_000;

export type Service = 'manager' | 'webserver' | 'postgres' | 'managerHttps';

/** Polls until the service is in the wanted state (the monitor's probe tells), for up to `waitMs`. */
export async function serviceIs(ctx: StepContext, service: Service, running: boolean, opts: { on?: string; waitMs?: number } = {}): Promise<Finding> {
  const waitMs = ctx.resuming ? Math.min(opts.waitMs ?? 60_000, RESUME_WAIT_MS) : (opts.waitMs ?? 60_000);
  const until = Date.now() + waitMs;
  const name = service === 'managerHttps' ? 'The AP Manager over HTTPS' : service === 'postgres' ? 'PostgreSQL' : `The ${service}`;
  for (;;) {
    const { status } = await ctx.poll(opts.on);
    const state = status?.services[service] ?? null;
    if (state === running) return { ok: true, detail: `${name} is ${running ? 'running' : 'stopped'}.` };
    if (Date.now() > until) return { ok: false, detail: `${name} is ${state === null ? 'in an unknown state' : state ? 'still running' : 'not running'} after ${Math.round(waitMs / 1000)} s.` };
    await ctx.sleep(2_000);
  }
}

/** The data partition as `df` sees it now. */
export async function dataDisk(ctx: StepContext, on?: string) {
  const { output } = await ctx.exec(AP.dfData, { on, quiet: true });
  const df = readDataDf(output);
  if (!df) throw new Error(`df gave no reading for /mnt/sda2: ${output.trim().slice(0, 200)}`);
  return df;
}

export const diskText = (df: { percent: number; availableBytes: number; sizeBytes: number }) => `${df.percent} % used, ${byteText(df.availableBytes)} free of ${byteText(df.sizeBytes)}`;

/** Whether a path exists on the platform (test -e). */
export async function exists(ctx: StepContext, path: string, on?: string): Promise<boolean> {
  return (await ctx.exec(command('test', '-e', path), { on, quiet: true })).code === 0;
}
