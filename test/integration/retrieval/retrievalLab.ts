import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { EventMessage, PlatformStatus, RetrievalJob } from '../../../electron/core/contract';
import type { Engine } from '../../../electron/core/engine';
import { labUp } from '../../lab/lab';
import { inPlatform } from '../../lab/platformNamespace';
import { callEngine, closeLabEngine, importLabFleet, quietEngine } from '../monitor/labEngine';

export { callEngine as call } from '../monitor/labEngine';

/** An engine on a fresh data folder with one lab platform imported, its host key accepted and one poll done. */
export interface RetrievalLab {
  engine: Engine;
  dataDir: string;
  platformId: string;
  events: EventMessage[];
  stop(): Promise<void>;
}

export async function startRetrievalLab(name: string, spec: Record<string, unknown> = {}): Promise<RetrievalLab> {
  await labUp({ platforms: [{ name, kind: 'light', diskMiB: 128, ...spec }] });
  const dataDir = await mkdtemp(join(tmpdir(), 'apc-retrieval-'));
  const engine = quietEngine(dataDir);
  const events: EventMessage[] = [];
  engine.subscribe((event) => events.push(event));
  const platformId = (await importLabFleet(engine, 'Retrieval-Master-5521', name)).id;
  await callEngine(engine, 'monitor.pollNow', { platformIds: [platformId] });
  const statuses = await callEngine<{ statuses: Array<{ status: PlatformStatus }> }>(engine, 'monitor.statuses');
  const hostKey = statuses.result.statuses.find((s) => s.status.platformId === platformId)?.status.reach.hostKey;
  expect(hostKey, 'the unknown host key to accept').toBeTruthy();
  expect((await callEngine(engine, 'hostKeys.accept', { id: hostKey?.id, host: hostKey?.host, port: hostKey?.port, key: hostKey?.key })).ok).toBe(true);
  expect((await callEngine(engine, 'monitor.pollNow', { platformIds: [platformId] })).result).toEqual({ polled: 1, reached: 1 });
  return { engine, dataDir, platformId, events, stop: () => closeLabEngine(engine, dataDir) };
}

/** Waits until the job has ended, as retrieval.jobs reports it. */
export async function jobEnd(engine: Engine, jobId: string, timeoutMs = 90_000): Promise<RetrievalJob> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = (await callEngine<{ jobs: RetrievalJob[] }>(engine, 'retrieval.jobs')).result.jobs.find((j) => j.jobId === jobId);
    if (job && ['done', 'failed', 'cancelled'].includes(job.state)) return job;
    if (Date.now() > until) throw new Error(`job ${jobId} did not end in time: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const platformSha = async (name: string, path: string) => (await inPlatform(name, ['sha256sum', '--', path])).stdout.slice(0, 64);
export const localSha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
export const platformSh = (name: string, script: string, ...args: string[]) => inPlatform(name, ['sh', '-ec', script, 'sh', ...args]);

/**
 * Cuts every SSH connection to the platform, as a dropped link does: kills the per-connection sshd processes
 * of the platform's own network namespace (found by their established sockets on port 22), by pid.
 */
export async function cutConnections(name: string): Promise<number> {
  const { stdout } = await inPlatform(name, ['ss', '-tnpH', 'state', 'established', '( sport = :22 )']);
  const pids = [...new Set([...stdout.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])))];
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  return pids.length;
}
