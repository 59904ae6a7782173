import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RetrievalJob } from '../../../electron/core/contract';
import { ConnectError } from '../../../electron/core/connect/connectError';
import type { JobSpec } from '../../../electron/core/retrieval/jobSpec';
import { JOBS_FILE, createRetrievalJobs } from '../../../electron/core/retrieval/retrievalJobs';
import type { JobContext, JobWork } from '../../../electron/core/retrieval/retrievalJobs';

const quiet = { info: () => undefined, error: () => undefined };
const download = (platformId: string): JobSpec => ({ kind: 'download', platformId, paths: ['/var/log/messages'], targetDir: null });
const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/** Work that runs until released (or aborted), recording what ran at the same time. */
function gatedWork() {
  const running = new Set<string>();
  let most = 0;
  const releases = new Map<string, () => void>();
  const work: JobWork = (spec, context: JobContext) =>
    new Promise((resolve, reject) => {
      running.add(context.jobId);
      most = Math.max(most, running.size);
      const end = () => running.delete(context.jobId);
      context.signal.addEventListener('abort', () => {
        end();
        reject(new ConnectError('cancelled', 'Downloading was cancelled.'));
      });
      releases.set(context.jobId, () => {
        end();
        resolve({ localPath: `/local/${spec.platformId}`, sha256: 'a'.repeat(64), message: 'Done.' });
      });
    });
  return { work, running, most: () => most, release: (id: string) => releases.get(id)?.() };
}

describe('the retrieval job queue', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'apc-jobs-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('runs at most three jobs at once and one per platform, in order', async () => {
    const gate = gatedWork();
    const jobs = createRetrievalJobs({ dataDir, work: gate.work, emit: () => undefined, log: quiet });
    const submitted: RetrievalJob[] = [];
    for (const platform of ['a', 'a', 'b', 'c', 'd']) submitted.push(await jobs.submit(download(platform), 'x'));
    expect(submitted.every((j) => /^job-[0-9a-f]{24}$/.test(j.jobId))).toBe(true);
    await tick();
    const states = async () => (await jobs.list()).reverse().map((j) => j.state);
    expect(await states()).toEqual(['running', 'queued', 'running', 'running', 'queued']);
    gate.release(submitted[0]?.jobId as string);
    await tick();
    // The freed slot goes to the next job whose platform is free: the second job of a.
    expect(await states()).toEqual(['done', 'running', 'running', 'running', 'queued']);
    for (const job of submitted.slice(1)) gate.release(job.jobId);
    await tick();
    gate.release(submitted[4]?.jobId as string);
    await jobs.settled(submitted[4]?.jobId as string);
    expect(await states()).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(gate.most()).toBe(3);
    await jobs.close();
  });

  it('cancels a running job through its signal, resumes it, and throttles progress events to about four a second', async () => {
    const events: RetrievalJob[] = [];
    const signals: AbortSignal[] = [];
    const work: JobWork = async (_spec, context) => {
      signals.push(context.signal);
      const run = signals.length;
      for (let i = 1; i <= (run === 1 ? 1_000 : 20); i++) {
        if (context.signal.aborted) throw new ConnectError('cancelled', 'cancelled');
        context.progress({ bytesDone: i * 1000, bytesTotal: 1_000_000 });
        await tick(2);
      }
      return { localPath: '/x', sha256: null, message: 'Done.' };
    };
    const jobs = createRetrievalJobs({ dataDir, work, emit: (job) => events.push(job), log: quiet });
    const job = await jobs.submit(download('a'), 'x');
    await tick(600);
    expect((await jobs.get(job.jobId)).rate).toBeGreaterThan(0);
    const cancelled = await jobs.cancel(job.jobId);
    expect(cancelled).toMatchObject({ state: 'cancelled', resumable: true, message: 'Cancelled. Resume it to go on from where it stopped.' });
    expect(signals[0]?.aborted).toBe(true);
    const progress = events.filter((e) => e.state === 'running' && e.bytesDone > 0);
    // About 600 ms of progress reported every 2 ms: no more than one event per 250 ms gets out.
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThanOrEqual(4);
    expect((await jobs.resume(job.jobId)).state).toMatch(/queued|running/);
    expect(await jobs.settled(job.jobId)).toMatchObject({ state: 'done', message: 'Done.', localPath: '/x' });
    expect(signals).toHaveLength(2);
    expect(events.at(-1)?.state).toBe('done');
    await jobs.close();
  });

  it('reports a failure as the sentence of the error, keeps the list on disk, and restores interrupted jobs as resumable', async () => {
    const failing: JobWork = async () => {
      throw new ConnectError('remote_failed', 'The file vanished. Try again.');
    };
    const jobs = createRetrievalJobs({ dataDir, work: failing, emit: () => undefined, log: quiet });
    const job = await jobs.submit(download('a'), 'x');
    expect(await jobs.settled(job.jobId)).toMatchObject({ state: 'failed', message: 'The file vanished. Try again.', resumable: true });
    await jobs.close();
    const hanging: JobWork = (_spec, context) => new Promise((_resolve, reject) => context.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    const second = createRetrievalJobs({ dataDir, work: hanging, emit: () => undefined, log: quiet });
    expect((await second.list()).map((j) => j.jobId)).toEqual([job.jobId]);
    const memory = await second.submit({ kind: 'memory-dump', platformId: 'b', pid: 42 }, 'Memory dump of process 42');
    await tick();
    await second.close();
    const saved = JSON.parse(await readFile(join(dataDir, JOBS_FILE), 'utf8')) as { jobs: Array<{ job: RetrievalJob }> };
    expect(saved.jobs.find((j) => j.job.jobId === memory.jobId)?.job).toMatchObject({ state: 'failed', message: 'Stopped because the console closed. Resume it to go on.', resumable: false });

    let ran = 0;
    const third = createRetrievalJobs({ dataDir, work: async () => ((ran += 1), { localPath: null, sha256: null, message: 'Done.' }), emit: () => undefined, log: quiet });
    await expect(third.resume(memory.jobId)).rejects.toThrow(/memory dump cannot go on where it stopped/);
    expect((await third.resume(job.jobId)).state).toMatch(/queued|running/);
    expect(await third.settled(job.jobId)).toMatchObject({ state: 'done' });
    expect(ran).toBe(1);
    await expect(third.cancel('job-0000000000000000')).rejects.toThrow(/There is no retrieval job/);
    await third.close();
  });
});
