import { create } from 'zustand';
import type { RetrievalJob } from '../../electron/core/contract';
import { api } from '../api/api';
import { describeError } from './describeError';

/** The outcome of starting or steering a job: the job as the engine reports it, or a sentence saying why not. */
export type JobOutcome = { ok: true; jobs: RetrievalJob[] } | { ok: false; error: string };

interface RetrievalState {
  loaded: boolean;
  /** Every job of this engine run, by id; kept current by retrieval.job events. */
  jobs: ReadonlyMap<string, RetrievalJob>;
  error: string | null;
  /** Where downloads and bundles go when a call names no folder; empty: the engine's own folders in the data folder. */
  targetDir: string;
  setTargetDir(folder: string): void;
  load(): Promise<void>;
  download(platformId: string, paths: string[], targetDir?: string): Promise<JobOutcome>;
  bundle(platformIds: string[], includeCoreDumps: boolean, targetDir?: string): Promise<JobOutcome>;
  memoryDump(platformId: string, pid: number): Promise<JobOutcome>;
  cancel(jobId: string): Promise<JobOutcome>;
  resume(jobId: string): Promise<JobOutcome>;
}

/** Events come in order and always win; a call's answer only adds jobs no event told of yet, unless it changed the job's state itself (cancel, resume). */
type Source = 'event' | 'started' | 'changed';

/** Downloads, support bundles and memory dumps across the fleet, as one list that the engine's events keep current. */
export const useRetrieval = create<RetrievalState>((set, get) => {
  const put = (jobs: readonly RetrievalJob[], source: Source) => {
    if (jobs.length === 0) return;
    const next = new Map(get().jobs);
    for (const job of jobs) if (source !== 'started' || !next.has(job.jobId)) next.set(job.jobId, job);
    set({ jobs: next });
  };
  api.on('retrieval.job', (job) => put([job], 'event'));
  const chosenFolder = () => get().targetDir.trim() || undefined;
  const run = async (doing: string, call: () => Promise<RetrievalJob[]>, source: Source = 'started'): Promise<JobOutcome> => {
    try {
      const jobs = await call();
      put(jobs, source);
      return { ok: true, jobs };
    } catch (error) {
      return { ok: false, error: describeError(error, doing) };
    }
  };
  return {
    loaded: false,
    jobs: new Map(),
    error: null,
    targetDir: '',
    setTargetDir: (folder) => set({ targetDir: folder }),
    async load() {
      try {
        const { jobs } = await api.call('retrieval.jobs', {});
        put(jobs, 'started');
        set({ loaded: true, error: null });
      } catch (error) {
        set({ loaded: true, error: describeError(error, 'read the transfers') });
      }
    },
    download: (platformId, paths, targetDir = chosenFolder()) =>
      run('start the download', async () => [await api.call('retrieval.download', { platformId, paths, ...(targetDir ? { targetDir } : {}) })]),
    bundle: (platformIds, includeCoreDumps, targetDir = chosenFolder()) =>
      run('start the support bundle', async () => (await api.call('retrieval.bundle', { platformIds, includeCoreDumps, ...(targetDir ? { targetDir } : {}) })).jobs),
    memoryDump: (platformId, pid) => run('start the memory dump', async () => [await api.call('coreDumps.memoryDump', { platformId, pid })]),
    cancel: (jobId) => run('cancel the transfer', async () => [await api.call('retrieval.cancel', { jobId })], 'changed'),
    resume: (jobId) => run('resume the transfer', async () => [await api.call('retrieval.resume', { jobId })], 'changed'),
  };
});
