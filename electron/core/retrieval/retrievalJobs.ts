import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { RetrievalJob } from '../contract';
import { isConnectError } from '../connect/connectError';
import { ConnectError } from '../connect/connectError';
import type { EngineLog } from '../engineLog';
import { createJsonFileStore } from '../storage/jsonFileStore';
import { JobSpec, resumableKind } from './jobSpec';

export const JOBS_FILE = 'retrieval-jobs.json';
export const PROGRESS_EVERY_MS = 250;
const KEPT_JOBS = 500;

export interface JobProgress {
  bytesDone: number;
  bytesTotal: number | null;
  message?: string;
}

/** What a job's work gets: its signal, a way to report, and the paths it finished before (a resumed job skips them). */
export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  progress(progress: JobProgress): void;
  /** Paths done in an earlier run of this job. */
  readonly done: ReadonlySet<string>;
  markDone(path: string): void;
}

export interface JobOutcome {
  localPath: string | null;
  sha256: string | null;
  message: string;
}

export type JobWork = (spec: JobSpec, context: JobContext) => Promise<JobOutcome>;

export interface RetrievalJobsOptions {
  dataDir: string;
  work: JobWork;
  emit(job: RetrievalJob): void;
  log: EngineLog;
  /** Jobs running at once over the fleet, and on one platform. */
  concurrency?: number;
  perPlatform?: number;
}

export interface RetrievalJobs {
  submit(spec: JobSpec, label: string): Promise<RetrievalJob>;
  list(): Promise<RetrievalJob[]>;
  get(jobId: string): Promise<RetrievalJob>;
  cancel(jobId: string): Promise<RetrievalJob>;
  resume(jobId: string): Promise<RetrievalJob>;
  /** Settles when the job has ended (for tests and bulk work). */
  settled(jobId: string): Promise<RetrievalJob>;
  /** Stops running jobs (kept as failed and resumable) and saves the list. */
  close(): Promise<void>;
}

const Saved = z.strictObject({ job: RetrievalJob, spec: JobSpec, done: z.array(z.string()) });
const JobsFile = z.strictObject({ version: z.literal(1), jobs: z.array(Saved) });

interface Entry {
  job: RetrievalJob;
  spec: JobSpec;
  done: Set<string>;
  abort?: AbortController;
  running?: Promise<void>;
  lastEmit: number;
  emitTimer?: NodeJS.Timeout;
  rateFrom?: { at: number; bytes: number };
  waiters: Array<(job: RetrievalJob) => void>;
}

const ended = (state: RetrievalJob['state']) => state === 'done' || state === 'failed' || state === 'cancelled';
const nowIso = () => new Date().toISOString();

/** The download queue: bounded concurrency over the fleet and per platform, cancel, resume, progress events, a list kept on disk. */
export function createRetrievalJobs(options: RetrievalJobsOptions): RetrievalJobs {
  const concurrency = options.concurrency ?? 3;
  const perPlatform = options.perPlatform ?? 1;
  const store = createJsonFileStore(join(options.dataDir, JOBS_FILE), JobsFile, () => ({ version: 1 as const, jobs: [] }));
  const entries = new Map<string, Entry>();
  let closing = false;
  let saving: Promise<unknown> = Promise.resolve();
  let saveTimer: NodeJS.Timeout | undefined;

  const loaded = (async () => {
    const saved = await store.read();
    for (const { job, spec, done } of saved.jobs) {
      const interrupted = !ended(job.state);
      const restored: RetrievalJob = interrupted
        ? { ...job, state: 'failed', rate: 0, endedAt: job.endedAt ?? nowIso(), message: job.state === 'queued' ? 'The console closed before this job started. Resume it to start it.' : 'The console closed while this job ran. Resume it to go on.', resumable: resumableKind(spec.kind) }
        : job;
      entries.set(job.jobId, { job: restored, spec, done: new Set(done), lastEmit: 0, waiters: [] });
    }
  })().catch((error: unknown) => options.log.error('reading the retrieval job list failed', error));

  const save = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    const jobs = [...entries.values()].slice(-KEPT_JOBS).map((e) => ({ job: e.job, spec: e.spec, done: [...e.done] }));
    saving = saving
      .then(() => store.update(() => ({ version: 1, jobs })))
      .catch((error: unknown) => options.log.error('saving the retrieval job list failed', error));
    return saving;
  };
  const saveSoon = () => {
    saveTimer ??= setTimeout(() => void save(), 1_000);
    saveTimer.unref();
  };

  const emitNow = (entry: Entry) => {
    clearTimeout(entry.emitTimer);
    entry.emitTimer = undefined;
    entry.lastEmit = Date.now();
    options.emit({ ...entry.job });
  };
  /** At most one progress event per PROGRESS_EVERY_MS and job; the last one always follows. */
  const emitThrottled = (entry: Entry) => {
    const wait = entry.lastEmit + PROGRESS_EVERY_MS - Date.now();
    if (wait <= 0) emitNow(entry);
    else entry.emitTimer ??= setTimeout(() => emitNow(entry), wait);
  };

  const update = (entry: Entry, change: Partial<RetrievalJob>) => {
    entry.job = { ...entry.job, ...change };
    if (change.state !== undefined) {
      emitNow(entry);
      void save();
      if (ended(entry.job.state)) for (const waiter of entry.waiters.splice(0)) waiter({ ...entry.job });
    } else {
      emitThrottled(entry);
      saveSoon();
    }
  };

  const find = async (jobId: string): Promise<Entry> => {
    await loaded;
    const entry = entries.get(jobId);
    if (!entry) throw new ConnectError('remote_failed', `There is no retrieval job ${jobId}; it may have been from before the job list was cleared. Start the download again.`, { reason: 'not_found' });
    return entry;
  };

  const runningOn = (platformId: string) => [...entries.values()].filter((e) => e.job.state === 'running' && e.job.platformId === platformId).length;

  const pump = () => {
    if (closing) return;
    let running = [...entries.values()].filter((e) => e.job.state === 'running').length;
    for (const entry of entries.values()) {
      if (running >= concurrency) break;
      if (entry.job.state !== 'queued' || runningOn(entry.job.platformId) >= perPlatform) continue;
      running += 1;
      start(entry);
    }
  };

  const start = (entry: Entry) => {
    const abort = new AbortController();
    entry.abort = abort;
    entry.rateFrom = { at: Date.now(), bytes: entry.job.bytesDone };
    update(entry, { state: 'running', message: 'Starting.', endedAt: null, rate: 0 });
    const context: JobContext = {
      jobId: entry.job.jobId,
      signal: abort.signal,
      done: entry.done,
      markDone: (path) => {
        entry.done.add(path);
        saveSoon();
      },
      progress: ({ bytesDone, bytesTotal, message }) => {
        const now = Date.now();
        const from = entry.rateFrom ?? { at: now, bytes: bytesDone };
        const seconds = (now - from.at) / 1000;
        const rate = seconds >= 0.25 ? Math.max(0, (bytesDone - from.bytes) / seconds) : entry.job.rate;
        if (seconds >= 3) entry.rateFrom = { at: now, bytes: bytesDone };
        update(entry, { bytesDone, bytesTotal, rate, ...(message !== undefined ? { message } : {}) });
      },
    };
    entry.running = options
      .work(entry.spec, context)
      .then(
        (outcome) => {
          update(entry, { state: 'done', message: outcome.message, localPath: outcome.localPath, sha256: outcome.sha256, rate: 0, endedAt: nowIso(), resumable: false });
        },
        (error: unknown) => {
          const resumable = resumableKind(entry.spec.kind);
          if (abort.signal.aborted && closing) {
            update(entry, { state: 'failed', rate: 0, endedAt: nowIso(), resumable, message: 'Stopped because the console closed. Resume it to go on.' });
          } else if (abort.signal.aborted || isConnectError(error, 'cancelled')) {
            update(entry, { state: 'cancelled', rate: 0, endedAt: nowIso(), resumable, message: resumable ? 'Cancelled. Resume it to go on from where it stopped.' : 'Cancelled; nothing was left on the platform.' });
          } else {
            if (!isConnectError(error)) options.log.error(`retrieval job ${entry.job.jobId} failed`, error);
            const message = isConnectError(error) ? error.message : 'The job failed inside the engine; the engine log has the details. Try again.';
            update(entry, { state: 'failed', rate: 0, endedAt: nowIso(), resumable, message });
          }
        },
      )
      .finally(() => {
        entry.abort = undefined;
        entry.running = undefined;
        pump();
      });
  };

  return {
    async submit(spec, label) {
      await loaded;
      const jobId = `job-${randomBytes(12).toString('hex')}`;
      const job: RetrievalJob = {
        jobId, platformId: spec.platformId, kind: spec.kind, label, state: 'queued', message: 'Waiting for its turn.', bytesDone: 0, bytesTotal: null, rate: 0,
        localPath: null, sha256: null, createdAt: nowIso(), endedAt: null, resumable: false,
      };
      const entry: Entry = { job, spec: JobSpec.parse(spec), done: new Set(), lastEmit: 0, waiters: [] };
      entries.set(jobId, entry);
      emitNow(entry);
      void save();
      pump();
      return { ...entry.job };
    },
    async list() {
      await loaded;
      return [...entries.values()].map((e) => ({ ...e.job })).reverse();
    },
    async get(jobId) {
      return { ...(await find(jobId)).job };
    },
    async cancel(jobId) {
      const entry = await find(jobId);
      if (entry.job.state === 'queued') update(entry, { state: 'cancelled', endedAt: nowIso(), resumable: resumableKind(entry.spec.kind), message: 'Cancelled before it started.' });
      else if (entry.job.state === 'running') {
        entry.abort?.abort();
        await entry.running;
      }
      return { ...entry.job };
    },
    async resume(jobId) {
      const entry = await find(jobId);
      if (entry.job.state === 'queued' || entry.job.state === 'running') return { ...entry.job };
      if (!entry.job.resumable) {
        const why = entry.job.state === 'done' ? 'it is done already' : 'a memory dump cannot go on where it stopped: take a new one';
        throw new ConnectError('remote_failed', `Job ${jobId} cannot be resumed: ${why}.`, { reason: 'not_resumable' });
      }
      update(entry, { state: 'queued', message: 'Waiting to resume.', endedAt: null });
      pump();
      return { ...entry.job };
    },
    async settled(jobId) {
      const entry = await find(jobId);
      if (ended(entry.job.state)) return { ...entry.job };
      return new Promise((resolve) => entry.waiters.push(resolve));
    },
    async close() {
      closing = true;
      await loaded;
      const running = [...entries.values()].filter((e) => e.running);
      for (const entry of running) entry.abort?.abort();
      await Promise.all(running.map((e) => e.running));
      for (const entry of entries.values()) clearTimeout(entry.emitTimer);
      await save();
    },
  };
}
